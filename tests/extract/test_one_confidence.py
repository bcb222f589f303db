"""Regression (issue 15, precision): a person named by a title (0.9), again by surname (0.85) and by a
later reference to her post (0.7) carried three cps:confidence values in one article graph. One instance
holds one confidence per article, the highest of its readings; each reading keeps its rule."""

from __future__ import annotations

from extraction_support import article_of, graph_of, rows

TEXT = ("SPRINGFIELD, Ill. — Union president Maria Lopez said the Riverside Nurses Union would strike.\n\n"
        "Lopez said talks had failed. The union's president said members were ready.\n")


def test_a_person_read_by_several_rules_has_one_confidence_and_every_rule():
    store = graph_of([article_of(TEXT)])
    found = rows(store, """SELECT ?c ?rule WHERE { GRAPH ?g { ?p rdfs:label "Maria Lopez"@en ;
        cps:confidence ?c ; prov:wasGeneratedBy ?r . ?r rdfs:label ?rule } }""")
    assert {r["c"] for r in found} == {"0.9"}
    assert {"surname-back-reference", "post-later-reference"} <= {r["rule"] for r in found}
