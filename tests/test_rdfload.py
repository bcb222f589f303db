"""The one RDF loader: strict, the syntax from the suffix, every failure one InputError with its place."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from builder.errors import InputError
from builder.rdfload import load_store, read_quads

TRIG = b"""@prefix ex: <http://example.org/> .
ex:g1 { ex:a ex:p "1"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> . ex:b ex:p ex:c . }
ex:g2 { ex:b ex:p ex:c . }
"""


def test_terms_are_read_as_written(tmp_path: Path):
    path = tmp_path / "d.trig"
    path.write_bytes(TRIG)
    quads = read_quads(path)
    assert len(quads) == 3
    assert {q.object.datatype.value for q in quads if isinstance(q.object, ox.Literal)} == {
        "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"}
    assert read_quads(TRIG, ox.RdfFormat.TRIG) == quads


def test_the_union_graph_holds_each_triple_once(tmp_path: Path):
    path = tmp_path / "d.trig"
    path.write_bytes(TRIG)
    store = load_store(path, union=True)
    default = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert len(default) == 2  # ex:b ex:p ex:c is in both graphs, once in the union
    assert len(load_store(path)) == 3


def test_a_syntax_error_names_file_line_and_column(tmp_path: Path):
    path = tmp_path / "bad.ttl"
    path.write_bytes(b"@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:a ex:p .\n")
    for read in (read_quads, load_store):
        with pytest.raises(InputError) as caught:
            read(path)
        assert caught.value.file == str(path)
        assert caught.value.position and caught.value.position.startswith("3:")
        assert "not valid Turtle" in str(caught.value)


@pytest.mark.parametrize("name, says", [("data.xyz", "cannot tell the RDF syntax"), ("missing.ttl", "cannot read")])
def test_an_unreadable_file_is_one_input_error(tmp_path: Path, name: str, says: str):
    path = tmp_path / name
    if name.endswith(".xyz"):
        path.write_bytes(b"")
    with pytest.raises(InputError, match=says):
        read_quads(path)
