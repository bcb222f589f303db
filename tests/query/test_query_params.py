"""Query parameters: header syntax, typed values, and binding that no value can turn into query text."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import QUERIES_MINI
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.errors import InputError
from builder.query.queries import load_catalogue, parameter_term, parse_query_file
from builder.query.sparql_run import run_oxigraph, run_rdflib, with_values_block
from builder.query.store import rdflib_from_trig, store_from_trig

# Each would widen the FILTER to every speaker if it were pasted between the quotes of a string literal;
# the second relies on rdflib expanding \u0022 to a quote before it parses (bad-inputs.md #10).
HOSTILE_VALUES = ['nobody" || true || "', 'x\\u0022 || true || \\u0022', "nobody' || true || '",
                  'Jesse Sharkey" || "']


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def stores():
    return store_from_trig(QUERIES_MINI), rdflib_from_trig(QUERIES_MINI)


def write_query(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thing_probe.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_header_parameters_are_read_with_type_default_and_doc(catalogue):
    query = catalogue.get("quotations_by_person")
    (parameter,) = query.parameters
    assert (parameter.name, parameter.type, parameter.default) == ("person", "string", "Jesse Sharkey")
    assert parameter.doc.startswith("the speaker's label")
    assert query.bindings() == {"person": ox.Literal("Jesse Sharkey")}


def test_prefixed_and_bracketed_iri_values_expand_to_the_same_term(catalogue):
    query = catalogue.get("provenance_of_fact")
    full = "https://w3id.org/cpskg/id/person/Lori_Lightfoot"
    assert query.bindings({"fact": "id:person/Lori_Lightfoot"}) == {"fact": ox.NamedNode(full)}
    assert query.bindings({"fact": f"<{full}>"}) == {"fact": ox.NamedNode(full)}


def test_an_unknown_parameter_is_an_input_error(catalogue):
    with pytest.raises(InputError, match="unknown parameter 'speaker'.*known: person"):
        catalogue.get("quotations_by_person").bindings({"speaker": "x"})


@pytest.mark.parametrize("kind, value", [
    ("iri", "<http://example.org/a> } ; DROP ALL ; {"),
    ("iri", "http://example.org/a b"),
    ("iri", "persn:Jesse_Sharkey"),
    ("date", "2021-02-30"),
    ("date", "2021-02-07T10:00:00"),
    ("integer", "12 || true"),
    ("decimal", "NaN"),
])
def test_values_that_are_not_of_the_declared_type_are_refused(kind, value):
    with pytest.raises(InputError, match=f"not a valid {kind}"):
        parameter_term(kind, value, origin="test")


def test_typed_values_become_typed_literals():
    assert parameter_term("date", "2021-02-07", origin="t") == ox.Literal(
        "2021-02-07", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert parameter_term("decimal", "1500", origin="t").value == "1500.0"
    assert parameter_term("integer", "+07", origin="t").value == "7"


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_string_values_return_no_rows_on_pyoxigraph(catalogue, stores, value):
    query = catalogue.get("quotations_by_person")
    assert run_oxigraph(stores[0], query, query.bindings({"person": value})).rows == ()


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_string_values_return_no_rows_on_rdflib(catalogue, stores, value):
    query = catalogue.get("quotations_by_person")
    assert run_rdflib(stores[1], query, query.bindings({"person": value})).rows == ()


@pytest.mark.parametrize("value", HOSTILE_VALUES[:2])
def test_the_hostile_values_would_inject_if_concatenated(catalogue, stores, value):
    """Proof that the injection tests can fail: pasting the value between quotes matches every speaker."""
    query = catalogue.get("quotations_by_person")
    pasted = query.text.replace("FILTER(STR(?speakerLabel) = ?person)", f'FILTER(STR(?speakerLabel) = "{value}")')
    pasted = pasted.replace("SELECT DISTINCT ?person", "SELECT DISTINCT")
    assert pasted != query.text
    assert len(stores[1].query(pasted)) >= 2  # both quoted speakers of the fixture


def test_the_default_value_does_return_the_speaker(catalogue, stores):
    query = catalogue.get("quotations_by_person")
    for result in (run_oxigraph(stores[0], query, query.bindings()), run_rdflib(stores[1], query, query.bindings())):
        assert [row[result.variables.index("text")].value for row in result.rows] == ["We’re deeply disappointed,"]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_the_values_block_escapes_hostile_literals(catalogue, stores, value):
    """The remote path: the VALUES block must parse to exactly one binding equal to the value."""
    query = catalogue.get("quotations_by_person")
    text = with_values_block(query.text, query.bindings({"person": value}))
    assert run_oxigraph(stores[0], _as_query(query, text), {}).rows == ()
    probe = with_values_block("SELECT ?person WHERE { }", {"person": ox.Literal(value)})
    assert [s["person"] for s in ox.Store().query(probe)] == [ox.Literal(value)]


def _as_query(query, text):
    from dataclasses import replace

    return replace(query, text=text, parameters=())


def test_the_values_block_goes_into_the_outer_where_not_into_comments_or_strings():
    text = ('# WHERE { in a comment\nPREFIX ex: <http://example.org/WHERE>\n'
            'SELECT ?x ?y WHERE { BIND("WHERE {" AS ?y) { SELECT ?x WHERE { } } }')
    bound = with_values_block(text, {"x": ox.NamedNode("http://example.org/a")})
    assert bound.count("VALUES") == 1
    assert 'SELECT ?x ?y WHERE {\n  VALUES ?x { <http://example.org/a> } BIND("WHERE {"' in bound


def test_a_parameter_that_is_not_projected_is_refused(tmp_path):
    path = write_query(tmp_path, '#title: t\n#+ summary: s\n#+ param: who string "x" — d\n'
                                 'SELECT ?s WHERE { ?s ?p ?who }\n')
    with pytest.raises(InputError, match="'who' must be projected"):
        parse_query_file(path, "thing_probe")


@pytest.mark.parametrize("line, message", [
    ('#+ param: who text "x" — d', "TYPE one of"),
    ("#+ param: who string x — d", "double-quoted"),
    ("#+ param: when date 2021-13-01 — d", "not a valid date"),
])
def test_malformed_parameter_lines_name_the_file_and_line(tmp_path, line, message):
    path = write_query(tmp_path, f"#title: t\n#+ summary: s\n{line}\nSELECT ?who ?when WHERE {{ }}\n")
    with pytest.raises(InputError, match=message) as caught:
        parse_query_file(path, "thing_probe")
    assert str(path) in caught.value.render()


def test_a_query_without_a_title_is_refused(tmp_path):
    path = write_query(tmp_path, "#+ summary: s\nSELECT * WHERE { }\n")
    with pytest.raises(InputError, match="'#title:'"):
        parse_query_file(path, "thing_probe")


def test_cli_unknown_parameter_exits_2(cpskg_cli, mini_out_dir):
    result = cpskg_cli("query", "quotations_by_person", "--param", "speaker=x", "--out", str(mini_out_dir))
    assert result.exit_code == 2
    assert "unknown parameter 'speaker'" in result.stderr


def test_cli_malformed_param_option_exits_2(cpskg_cli, mini_out_dir):
    result = cpskg_cli("query", "quotations_by_person", "--param", "person", "--out", str(mini_out_dir))
    assert result.exit_code == 2
    assert "NAME=VALUE" in result.stderr


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_cli_hostile_value_prints_no_rows(cpskg_cli, mini_out_dir, engine):
    result = cpskg_cli("query", "quotations_by_person", "--param", f"person={HOSTILE_VALUES[0]}",
                       "--engine", engine, "--format", "csv", "--out", str(mini_out_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["person,dateSaid,timeExpression,text,article,datePublished,quotation"]


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
ESCAPE_HEAVY = st.text(alphabet='\\"uU0123456789abcdefABCDEF \n\t\x01', max_size=30)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(TEXT, ESCAPE_HEAVY))
def test_a_values_literal_reads_back_exactly_in_pyoxigraph_and_rdflib(value):
    """The remote path's VALUES term for any string is one literal equal to the value in both parsers."""
    import rdflib

    query = with_values_block("SELECT ?p WHERE { }", {"p": ox.Literal(value)})
    assert [s["p"] for s in ox.Store().query(query)] == [ox.Literal(value)]
    assert [str(row[0]) for row in rdflib.Graph().query(query)] == [value]
