"""Posts and affiliations (W3C ORG): who holds which post in which organisation, as the text states it.

News style states a post in a few fixed shapes, each a rule here:

* title before the name, optionally after the organisation or place: "CTU President Jesse Sharkey",
  "CPS Chief Education Officer LaTanya McDade", "Chicago Mayor Lori Lightfoot", "Mayor Lori Lightfoot";
* an apposition after the name: "Dan Montgomery, president of the Illinois Federation of Teachers",
  "Robert Bruno, Professor of labor employment relations at the University of Illinois", "Allison Arwady,
  head of the CDPH"; "Daniel Suhr, with the Liberty Justice Center" (an affiliation: cps:MemberRole);
* an outlet's possessive: "CBS 2's Chris Tye" (a reporter of the outlet), and the byline ("By Chris Tye",
  a reporter of the article's publisher).

Each yields a `cps:Post` (org:postIn, org:role, org:heldBy; one per organisation and role, whoever holds
it), a `cps:PostHolding` (org:member, org:organization, org:role, cps:post, and cps:asOf the publication
day, because a title written before a name or in an apposition is stated in the present), the person's
org:holds / cps:positionHeld, cps:employer or cps:memberOf, and on the organisation the property the
ontology gives the role (cps:organizationProperty: president → cps:chairperson, CEO →
cps:chiefExecutiveOfficer, mayor → cps:headOfGovernment). A mayor's post is in the city's government;
the city comes from the place before the title ("Chicago Mayor") or else the article's dateline. A
common noun before a title ("district spokesperson X", "union president X") and the title superintendent
(who heads a school district) imply the article's most-mentioned school district or union (confidence
0.7). A title with no organisation in reach ("parent organizer Joseph Williams") is kept as the person's
schema:jobTitle, since a cps:Post must lie in an organisation. "former"/"then-" before a title drops
cps:asOf (the post is not held at publication).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.emit.mint import entity_iri, fact_iri
from builder.emit.terms import english, xsd_date
from builder.extract.context import ArticleContext
from builder.extract.rules import register
from builder.namespaces import ORG, SCHEMA
from builder.ontology import organization_properties
from builder.resolve.entities import EntityMention, city_government, title_role_before
from builder.resolve.mentions import TITLE_PATTERN
from builder.resolve.registry import Entity
from builder.vocab import CPS

RULE_TITLE = register("post-title-before-name", "A post stated by a title before a person's name, with "
                      "the organisation or place before the title ('CTU President X', 'Chicago Mayor X').")
RULE_APPOSITION = register("post-apposition", "A post stated by an apposition after a person's name: "
                           "'X, president of the Y', 'X, professor ... at the Y', 'X, with the Y'.")
RULE_POSSESSIVE = register("post-outlet-possessive", "A reporter of a news outlet stated by the outlet's "
                           "possessive before the name: \"CBS 2's X\".")
RULE_BYLINE = register("post-byline", "The author of a byline is a reporter of the article's publisher.")

# Roles whose holder works for the organisation (cps:employer); officers of a union are its members.
_EMPLOYED = {"ChiefExecutiveOfficerRole", "ChiefEducationOfficerRole", "GeneralCounselRole", "ProfessorRole",
             "HeadRole", "ReporterRole", "TeacherRole", "SpokespersonRole", "AttorneyRole", "OfficialRole"}
_UNION_OFFICERS = {"PresidentRole", "VicePresidentRole", "MemberRole"}
_APPOSITION = re.compile(rf",\s+(?:(?:the|a|an)\s+)?(?:(?P<former>former|then-)\s*)?(?P<title>(?i:{TITLE_PATTERN}))\b"
                         r"[^,;.“”\"]*?\b(?:of|at|for|with)\s+(?:the\s+)?$")
_WITH = re.compile(r",\s+with\s+(?:the\s+)?$")


@dataclass(frozen=True)
class PostFact:
    person: EntityMention
    role: str  # cps: role local name
    organization: Entity | None
    place: Entity | None  # the city a mayor governs
    begin: int  # the span stating the post
    end: int
    rule: str
    current: bool
    confidence: float = 0.9


def extract_posts(ctx: ArticleContext) -> None:
    for fact in find_posts(ctx):
        emit_post(ctx, fact)


def find_posts(ctx: ArticleContext) -> list[PostFact]:
    text = ctx.article.text
    facts: list[PostFact] = []
    for paragraph in ctx.article.content_paragraphs():
        inside = ctx.mentions_in(paragraph.begin, paragraph.end)
        for person in (m for m in inside if m.entity.kind == "person"):
            facts += _title_before(ctx, person, inside, paragraph.begin)
            facts += _apposition(text, person, inside)
            if person.rule == "person-byline":
                publisher = _publisher(ctx)
                facts.append(PostFact(person, "ReporterRole", publisher, None, paragraph.begin, paragraph.end,
                                      RULE_BYLINE, True))
    return facts


def _title_before(ctx: ArticleContext, person: EntityMention, inside: list[EntityMention],
                  floor: int) -> list[PostFact]:
    text = ctx.article.text
    role = title_role_before(text, person.begin, floor)
    possessive = _mention_ending_before(inside, person.begin, text, r"['’]s\s+$")
    if role is None:
        if possessive is not None and possessive.entity.is_a(CPS.NewsOutlet):
            return [PostFact(person, "ReporterRole", possessive.entity, None, possessive.begin, person.end,
                             RULE_POSSESSIVE, True)]
        return []
    title_start = re.search(rf"(?i:\b(?:{TITLE_PATTERN}))\s+(?:(?:Dr\.|Doctor)\s+)?$", text[floor:person.begin])
    assert title_start is not None  # title_role_before found it
    start = floor + title_start.start()
    former = re.search(r"\b(?:former|then-)\s*$", text[floor:start]) is not None
    holder = _mention_ending_before(inside, start, text, r"\s+$")
    organization = holder.entity if holder is not None and holder.entity.kind == "organization" else None
    place = holder.entity if holder is not None and holder.entity.kind == "place" else None
    confidence = 0.9
    if role == "MayorRole":
        place = place or ctx.dateline_place
        organization = city_government(ctx.registry, place) if place is not None else None
    elif organization is None:
        organization = _implied_organization(ctx, text[floor:start], title_start.group())
        confidence = 0.7
    begin = holder.begin if holder is not None else start
    return [PostFact(person, role, organization, place, begin, person.end, RULE_TITLE, not former, confidence)]


def _implied_organization(ctx: ArticleContext, before_title: str, title: str) -> Entity | None:
    """The organisation a title implies without naming it: "district spokesperson X" and "union president
    X" speak of the article's school district or union; a superintendent heads a school district."""
    modifier = re.search(r"\b(district|union)\s+$", before_title, re.IGNORECASE)
    if modifier is not None:
        kind = CPS.SchoolDistrict if modifier.group(1).lower() == "district" else CPS.LabourUnion
        return ctx.most_mentioned(kind)
    if re.match(r"(?i)superintendent\b", title):
        return ctx.most_mentioned(CPS.SchoolDistrict)
    return None


def _apposition(text: str, person: EntityMention, inside: list[EntityMention]) -> list[PostFact]:
    for org in (m for m in inside if m.begin > person.end and m.entity.kind == "organization"):
        between = text[person.end:org.begin]
        match = _APPOSITION.match(between)
        if match:
            role = title_role_before(match.group("title"), len(match.group("title")), 0)
            return [PostFact(person, role or "MemberRole", org.entity, None, person.begin, org.end,
                             RULE_APPOSITION, not match.group("former"))]
        if _WITH.match(between):
            return [PostFact(person, "MemberRole", org.entity, None, person.begin, org.end, RULE_APPOSITION,
                             True)]
        if re.search(r"[.;“”\"]", between):
            break
    return []


def _mention_ending_before(inside: list[EntityMention], at: int, text: str, gap: str) -> EntityMention | None:
    for mention in inside:
        if mention.end <= at and re.fullmatch(gap, text[mention.end:at]):
            return mention
    return None


def _publisher(ctx: ArticleContext) -> Entity:
    name = str(ctx.article.meta.publisher.value)
    entry = ctx.registry.lookup(name)
    if entry is not None:
        return entry.entity
    return Entity(entity_iri("organization", name), "organization", name, (str(CPS.NewsOutlet),))


def emit_post(ctx: ArticleContext, fact: PostFact) -> None:
    sink = ctx.sink
    person = fact.person.entity
    role = getattr(CPS, fact.role)
    role_label = _role_label(fact.role)
    if fact.organization is None:
        # No organisation in reach: the title is all the text gives (a cps:Post needs an org:postIn).
        sink.add(person.iri, SCHEMA.jobTitle, english(role_label))
        return
    org = fact.organization
    for cls in org.classes:
        sink.add_type(org.iri, cls)
    sink.label(org.iri, org.label)
    if all(m.entity != org for m in ctx.mentions):
        # Implied, not named (a mayor's city government): grounded in the words that imply it.
        ctx.ground(org.iri, fact.begin, fact.end, fact.rule, 0.8)

    post = fact_iri("post", f"{role_label} of {org.label}", fact.role, org.iri.value)
    sink.add_type(post, CPS.Post)
    sink.label(post, f"{role_label} of {org.label}")
    sink.add(post, ORG.postIn, org.iri)
    sink.add(post, ORG.role, role)
    sink.add(post, ORG.heldBy, person.iri)
    sink.add(person.iri, ORG.holds, post)
    sink.add(person.iri, CPS.positionHeld, post)
    ctx.ground(post, fact.begin, fact.end, fact.rule, fact.confidence)

    holding = fact_iri("membership", f"{person.label} {role_label} {org.label}", person.iri.value, fact.role,
                       org.iri.value)
    sink.add_type(holding, CPS.PostHolding)
    sink.label(holding, f"{person.label}, {role_label} of {org.label}")
    sink.add(holding, ORG.member, person.iri)
    sink.add(holding, ORG.organization, org.iri)
    sink.add(holding, ORG.role, role)
    sink.add(holding, CPS.post, post)
    if fact.current:
        sink.add(holding, CPS.asOf, xsd_date(ctx.published))
    ctx.ground(holding, fact.begin, fact.end, fact.rule, fact.confidence)

    if fact.role in _EMPLOYED:
        sink.add(person.iri, CPS.employer, org.iri)
    if fact.role in _UNION_OFFICERS and (org.is_a(CPS.LabourUnion) or fact.role == "MemberRole"):
        sink.add(person.iri, CPS.memberOf, org.iri)
    org_property = organization_properties().get(str(role))
    if org_property is not None and fact.current:
        sink.add(org.iri, org_property, person.iri)
        if fact.place is not None:
            sink.add(fact.place.iri, org_property, person.iri)


def _role_label(role: str) -> str:
    words = re.findall(r"[A-Z][a-z]*", role.removesuffix("Role"))
    return " ".join(w.lower() for w in words)
