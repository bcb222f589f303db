"""Posts, jobs and affiliations as Wikidata models them, and only as far as the text states them.

Wikidata's rules (../shared/guides/wikidata-tooling.md): a job is an occupation (P106) plus an employer
(P108) where the source states the employer; "position held" (P39) is for positions that are items — a
mayoralty, a union presidency — with start/end or point in time; an affiliation is not membership (P463).

The graph's n-ary post holdings (cps:PostHolding) say how each post was found: the extraction rule, its
confidence and the words of the article (builder/posts.py). From them:

- a *position* is a role the ontology links to an organisation-side property (cps:organizationProperty:
  mayor -> head of government, president -> chairperson, CEO -> chief executive officer); any other role
  (reporter, professor, spokesperson …) is a job, never P39;
- the text *states the employer* when the post was read from a title before the name, an apposition or an
  outlet's possessive naming the organisation ("CPS Chief Education Officer X", "X, professor … at the
  University of Illinois", "CBS 2's X"); not from a byline (the publisher comes from sources.yaml) nor
  when the organisation is only implied ("district spokesperson X", confidence below 0.9);
- *membership* is stated by a union office (president, vice president) or by the word "member"; "X, with
  the Y Center" is an affiliation and gives no P463.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from builder.vocab import CPS

TIME_QUALIFIERS = ("P580", "P582", "P585")
EMPLOYER_STATING_RULES = ("post-title-before-name", "post-apposition", "post-outlet-possessive")
STATED_CONFIDENCE = 0.9
UNION_OFFICES = (str(CPS.PresidentRole), str(CPS.VicePresidentRole))

_HOLDINGS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX cps: <https://w3id.org/cpskg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?g ?h ?member ?org ?role ?post ?rule ?confidence ?words WHERE { GRAPH ?g {
  ?h a cps:PostHolding ; org:member ?member ; org:organization ?org ; org:role ?role .
  OPTIONAL { ?h cps:post ?post }
  OPTIONAL { ?h prov:wasGeneratedBy ?r . ?r rdfs:label ?rule }
  OPTIONAL { ?h cps:confidence ?confidence }
  OPTIONAL { ?h gaf:denotedBy ?m . ?m nif:anchorOf ?words }
} }"""


@dataclass(frozen=True)
class Holding:
    """One post holding as one article states it."""

    graph: str
    member: str
    organization: str
    role: str
    post: str | None
    rule: str | None
    confidence: float
    words: str

    @property
    def states_employer(self) -> bool:
        return (self.rule in EMPLOYER_STATING_RULES and self.confidence >= STATED_CONFIDENCE
                and self.role != str(CPS.MemberRole))

    @property
    def states_membership(self) -> bool:
        return self.role in UNION_OFFICES or (self.role == str(CPS.MemberRole) and "member" in self.words.lower())

    @property
    def how(self) -> str:
        if self.rule == "post-byline":
            return "a byline: its publisher comes from sources.yaml"
        if self.confidence < STATED_CONFIDENCE:
            return f"the organisation is implied, not named: {self.words!r}"
        return f"{self.words!r}"


def read_holdings(store: ox.Store) -> list[Holding]:
    found = []
    for row in store.query(_HOLDINGS):
        confidence = row["confidence"]
        found.append(Holding(
            graph=row["g"].value, member=row["member"].value, organization=row["org"].value,
            role=row["role"].value, post=row["post"].value if row["post"] is not None else None,
            rule=row["rule"].value if row["rule"] is not None else None,
            confidence=float(confidence.value) if confidence is not None else 0.0,
            words=row["words"].value if row["words"] is not None else "",
        ))
    return sorted(found, key=lambda h: (h.graph, h.member, h.organization, h.role, h.words))


@lru_cache(maxsize=1)
def position_roles() -> frozenset[str]:
    """Roles that are positions (an organisation-side property in the ontology), not jobs."""
    from builder.ontology import organization_properties

    return frozenset(organization_properties())


def relation_problem(graph: str, subject: str, pid: str, obj: str, holdings: list[Holding],
                     facts: dict) -> str | None:
    """Why a mapped relation of one article is not a Wikidata statement as the text states it, or None."""
    mine = [h for h in holdings if h.graph == graph and h.member == subject]
    if pid == "P39":
        roles = [h.role for h in mine if h.post == obj]
        label = facts[obj].label if obj in facts else obj
        if not any(r in position_roles() for r in roles):
            return f"position held is for positions (a mayoralty, a union presidency); {label!r} is not one"
        return None
    if pid == "P108":
        stating = [h for h in mine if h.organization == obj]
        if not any(h.states_employer for h in stating):
            how = "; ".join(sorted({h.how for h in stating})) or "no post holding states it"
            return f"employer: the text does not state it ({how})"
        return None
    if pid == "P463":
        stating = [h for h in mine if h.organization == obj]
        if not any(h.states_membership for h in stating):
            words = "; ".join(sorted({h.words for h in stating if h.words}))
            return f"an affiliation is not membership ({words!r})" if words else "member of: no post holding states it"
        return None
    return None
