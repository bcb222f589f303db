"""The ontology documentation: a pyLODE page and an SVG class diagram, complete and byte-deterministic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph

from builder import ontology
from builder.namespaces import CPS_ONTOLOGY, SCHEMA_IRI
from builder.write.ontology_docs import _compact, canonical_jsonld_block, render_class_diagram, write_ontology_docs

REPO = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"

# Writes the docs in a fresh interpreter and reports the root logger, which pyLODE's import reconfigures.
_CHILD = """
import logging, sys
from pathlib import Path
from builder.write.ontology_docs import write_ontology_docs
write_ontology_docs(Path(sys.argv[1]))
root = logging.getLogger()
print(root.level, len(root.handlers))
"""


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("out")
    paths = write_ontology_docs(out)
    assert [p.name for p in paths] == ["ontology.html", "classes.svg"]
    assert sorted(os.listdir(out / "docs")) == ["classes.svg", "ontology.html"], "temporary file left behind"
    return {p.name: p.read_bytes() for p in paths}


def cps_classes() -> list[str]:
    closure = ontology.type_closure()
    return sorted(c for c in closure if c.startswith(CPS_ONTOLOGY))


@pytest.mark.slow
def test_output_is_byte_identical_in_another_interpreter_and_hash_seed(docs, tmp_path):
    env = dict(os.environ, PYTHONHASHSEED="12345")
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path)], env=env, cwd=REPO, capture_output=True, text=True,
        check=True,
    )
    for name, content in docs.items():
        assert (tmp_path / "docs" / name).read_bytes() == content, name
    assert result.stdout.split() == ["30", "0"], "pyLODE left the root logger reconfigured"
    assert "INFO" not in result.stderr and "DEBUG" not in result.stderr, result.stderr


def test_html_documents_every_cps_term(docs):
    html = docs["ontology.html"].decode("utf-8")
    assert sorted(t for t in ontology.cps_terms() if t not in html) == []
    assert "owl:versionInfo" in html or "0.1.0" in html


def test_svg_shows_every_cps_class_and_its_alignments(docs):
    root = ET.fromstring(docs["classes.svg"])
    texts = {element.text for element in root.iter(SVG + "text")}
    assert sorted(_compact(c) for c in cps_classes() if _compact(c) not in texts) == []
    assert {"schema:Person", "sem:Event", "org:Post", "nif:OffsetBasedString", "prov:Plan"} <= texts
    assert "≈ wd:Q5" in texts and "= wd:Q178790" in texts


def test_diagram_depends_only_on_the_ontology():
    graph = ontology.load_ontology()
    assert render_class_diagram(graph) == render_class_diagram(graph)
    smaller = Graph()
    for triple in graph:
        if str(triple[0]) != CPS_ONTOLOGY + "FinalOffer":
            smaller.add(triple)
    assert "cps:FinalOffer" not in render_class_diagram(smaller)
    assert "cps:Offer" in render_class_diagram(smaller)
    assert SCHEMA_IRI not in render_class_diagram(graph), "the diagram shows compact names only"


def test_jsonld_block_is_rewritten_canonically():
    """pyLODE serialises the header's JSON-LD in set order; two orders must give one page."""
    head = '<html><script id="schema.org" type="application/ld+json">'
    first = head + json.dumps([{"@id": "b", "x": [2, 1]}, {"@id": "a"}]) + "</script><p>body</p></html>"
    second = head + json.dumps([{"@id": "a"}, {"x": [1, 2], "@id": "b"}]) + "</script><p>body</p></html>"
    assert canonical_jsonld_block(first) == canonical_jsonld_block(second)
    assert canonical_jsonld_block(first).endswith("</script><p>body</p></html>")
