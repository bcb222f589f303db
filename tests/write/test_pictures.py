"""The pictures (docs/timeline.svg, docs/whos-who.svg): SVG written directly, valid XML whatever the labels
hold, bounded in size whatever the corpus, deterministic, and no matplotlib on the build's path (issue 13:
it cost ~1 s of the five-article build, and the who's-who query took 353 s at 1,000 articles)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pyoxigraph as ox

from builder.write.pictures import MAX_EVENTS, MAX_PEOPLE, timeline_svg, whos_who_svg

SVG = "{http://www.w3.org/2000/svg}"
PREFIXES = """@prefix cps: <https://w3id.org/cpskg/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
NASTY = 'Ann <b>&amp;</b> "O\'Neil"\x01\x7f\u200b\x9f\ufffe end'


def _store(people: int, label_of=lambda n: f"Person {n:03d}") -> ox.Store:
    lines = [PREFIXES, "<https://w3id.org/cpskg/graph/article/a> {"]
    for n in range(people):
        literal = label_of(n).replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f"""<https://w3id.org/cpskg/id/post/h{n}> a cps:PostHolding ;
            org:member <https://w3id.org/cpskg/id/person/p{n}> ; org:role cps:PresidentRole ;
            org:organization <https://w3id.org/cpskg/id/organization/o{n % 7}> .
          <https://w3id.org/cpskg/id/person/p{n}> rdfs:label "{literal}"@en .
          <https://w3id.org/cpskg/id/organization/o{n % 7}> rdfs:label "Org {n % 7}"@en .
          <https://w3id.org/cpskg/id/event/e{n}> a sem:Event ; rdfs:label "{literal}"@en ;
            sem:hasTimeStamp "2021-02-{1 + n % 28:02d}"^^xsd:date .""")
    lines.append("}")
    store = ox.Store()
    store.load("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.TRIG)
    return ox.Store() if people == 0 else _union(store)


def _union(store: ox.Store) -> ox.Store:
    union = ox.Store()
    union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
    return union


def _texts(svg: bytes) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(SVG + "text")]


def test_labels_with_markup_and_control_characters_give_valid_svg():
    store = _store(2, lambda n: NASTY if n == 0 else "Plain Name")
    for svg in (whos_who_svg(store), timeline_svg(store)):
        texts = _texts(svg)  # parses: well-formed XML
        assert any('Ann <b>&amp;</b> "O\'Neil"' in t for t in texts), texts
        assert not any(c in svg.decode() for c in "\x01\x7f\x9f\ufffe")


def test_pictures_stay_bounded_on_a_large_corpus_and_are_deterministic():
    store = _store(300)
    whos_who = whos_who_svg(store)
    people = [t for t in _texts(whos_who) if t.startswith("Person ")]
    assert len(people) == MAX_PEOPLE
    assert any("most-reported of 300 people" in t for t in _texts(whos_who))
    timeline = timeline_svg(store)
    assert len([t for t in _texts(timeline) if t.startswith("2021-02-") and "source" in t]) <= MAX_EVENTS
    assert whos_who_svg(store) == whos_who and timeline_svg(store) == timeline
    assert len(whos_who) < 40_000 and len(timeline) < 40_000


def test_empty_graph_draws_empty_pictures():
    store = ox.Store()
    assert "no dated events in the graph" in _texts(timeline_svg(store))
    ET.fromstring(whos_who_svg(store))


def test_the_build_does_not_import_matplotlib(tmp_path):
    code = ("import sys, warnings; warnings.simplefilter('ignore'); from pathlib import Path; "
            "from builder import pipeline; "
            "pipeline.build(Path('corpus'), Path(sys.argv[1]), Path('curation')); "
            "print('matplotlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out")], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


def test_the_timeline_marks_disputed_dates_and_tells_expected_events_from_those_that_took_place():
    """Issue 17: a date sources dispute gets a red ring and says so; an event no source says took place
    (planned, expected, threatened) is drawn hollow and says "expected"."""
    import xml.etree.ElementTree as ET

    from builder.query.store import load_store
    from builder.write.pictures import timeline_svg
    from tests.corpus_factory import PROJECT

    store = load_store(PROJECT / "output")
    disputed = {r["event"].value for r in store.query(
        "PREFIX cps: <https://w3id.org/cpskg/ontology#> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
        "SELECT DISTINCT ?event WHERE { ?event sem:hasTimeStamp ?d . ?c cps:about ?event . ?x cps:hasClaim ?c }")}
    svg = ET.fromstring(timeline_svg(store))
    ns = {"s": "http://www.w3.org/2000/svg"}
    texts = [t.text or "" for t in svg.iterfind(".//s:text", ns)]
    circles = list(svg.iterfind(".//s:circle", ns))
    assert disputed, "the seeds hold a disputed date (the final offer: Thursday or Friday)"
    assert sum("date disputed" in t for t in texts) >= 1
    assert sum(c.get("stroke") == "#c0392b" for c in circles) == sum("date disputed" in t for t in texts)
    hollow = sum(c.get("fill") == "none" and c.get("stroke") != "#c0392b" for c in circles)
    assert hollow == sum("[expected" in t for t in texts) > 0
