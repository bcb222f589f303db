"""The standard vocabularies are closed namespaces, and no builder module glues a vocabulary IRI from strings.

builder/namespaces.py declares one rdflib DefinedNamespace (`_fail = True`) per vocabulary in use, as
builder/vocab.py does for cps:. Code writes `SCHEMA.text` (or `str(SCHEMA.text)` where pyoxigraph or a
comparison needs a plain string), never `SCHEMA_IRI + "text"`, so a misspelt term fails at import or at
first use instead of silently minting an IRI no vocabulary defines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import namespace as rdflib_namespace

from builder import namespaces
from builder.namespaces import PREFIXES
from builder.vocab import CPS

BUILDER = Path(__file__).resolve().parent.parent / "builder"

CLOSED = [value for value in vars(namespaces).values()
          if isinstance(value, type) and issubclass(value, rdflib_namespace.DefinedNamespace)
          and value not in (rdflib_namespace.DefinedNamespace, namespaces.ClosedNamespace)]

# The string constants of vocabulary namespaces: concatenating onto them is what the closed classes replace.
VOCABULARY_CONSTANTS = sorted(name for name in vars(namespaces) if name.endswith("_IRI")) + ["CPS_ONTOLOGY"]

# Namespace constants that are NOT vocabularies, so building IRIs on them is allowed:
#   CPS_ID, CPS_GRAPH  instance and graph IRIs minted from data (article ids, slugs, digests) in
#                      builder/emit/mint.py, and looked up from a request path or a prefixed name
#                      (query/sparql_proxy.py, reconcile/index.py);
#   WD_ENTITY          Wikidata items, whose Q-ids come from the curation files (owl:sameAs targets,
#                      units and the Gregorian calendar item in export/wikibase_json.py).
NOT_VOCABULARIES = ("CPS_ID", "CPS_GRAPH", "WD_ENTITY")

# Files that may spell vocabulary IRIs out: the declarations themselves and the generated cps: class.
DECLARATIONS = {"namespaces.py", "vocab.py"}


def _sources() -> list[Path]:
    return sorted(path for path in BUILDER.rglob("*.py") if path.name not in DECLARATIONS)


def test_every_vocabulary_has_a_closed_namespace_matching_its_prefix():
    names = {cls.__name__ for cls in CLOSED}
    assert {"SCHEMA", "NIF", "GAF", "SEM", "ORG", "PROV", "TIME", "SKOS", "DCTERMS", "DCAT", "VOID",
            "RDF", "RDFS", "OWL", "XSD", "SH"} <= names
    for cls in CLOSED:
        assert cls._fail is True, cls.__name__
    namespaces_of_prefixes = set(PREFIXES.values())
    for cls in CLOSED:
        if cls.__name__ != "SH":  # SHACL appears in validation reports, not in the dataset's prefixes
            assert str(cls._NS) in namespaces_of_prefixes, cls.__name__


def test_listed_terms_are_plain_attributes_and_unlisted_ones_still_raise():
    from builder.vocab import CPS

    for cls in [*CLOSED, CPS]:
        listed = [name for name in cls.__dict__.get("__annotations__", {}) if not name.startswith("_")]
        assert listed, cls.__name__
        assert all(vars(cls)[name] == cls._NS[name] for name in listed), cls.__name__
    with pytest.raises(AttributeError):
        CPS.Persn  # noqa: B018  (the read is the test)


def test_schema_org_is_the_http_form():
    assert str(namespaces.SCHEMA.text) == "http://schema.org/text"


@pytest.mark.parametrize("cls", CLOSED + [CPS], ids=lambda cls: cls.__name__)
def test_a_misspelt_term_raises(cls):
    with pytest.raises(AttributeError):
        cls.noSuchTermXyz  # noqa: B018 (the attribute access is what must raise)
    with pytest.raises(AttributeError):  # by index too: SCHEMA[prop] is closed as well
        cls["noSuchTermXyz"]


def test_a_term_that_is_a_python_keyword_is_reached_by_index():
    assert str(namespaces.VOID["class"]) == "http://rdfs.org/ns/void#class"
    assert str(namespaces.XSD.string) == "http://www.w3.org/2001/XMLSchema#string"


def test_no_builder_module_concatenates_onto_a_vocabulary_namespace():
    constants = "|".join(VOCABULARY_CONSTANTS)
    glued = re.compile(rf"\b(?:{constants})\b\s*\+|\{{(?:{constants})\}}")
    spelt = re.compile("[\"'](?:" + "|".join(re.escape(PREFIXES[p]) for p in
                       ("schema", "nif", "gaf", "sem", "org", "prov", "time", "skos", "dct", "dcat", "void",
                        "owl", "rdf", "rdfs", "xsd", "cps")) + r")[A-Za-z]")
    offenders = []
    for path in _sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if glued.search(line) or spelt.search(line):
                offenders.append(f"{path.relative_to(BUILDER.parent)}:{number}: {line.strip()}")
    assert not offenders, ("vocabulary IRIs built from strings; use the closed class of "
                           "builder/namespaces.py (str(SCHEMA.text)):\n" + "\n".join(offenders))


def test_the_exceptions_are_not_vocabularies():
    assert not set(NOT_VOCABULARIES) & set(VOCABULARY_CONSTANTS)
    for name in NOT_VOCABULARIES:
        assert hasattr(namespaces, name), name
