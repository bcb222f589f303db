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

from builder.emit.mint import entity_iri, fact_iri, normalise_name
from builder.emit.terms import english, xsd_date
from builder.extract.context import ArticleContext
from builder.extract.rules import register
from builder.extract.titles import (
    EMPLOYED_HEADS,
    FORMER,
    Title,
    organization_for_noun,
    title_ending_at,
    title_starting_at,
)
from builder.namespaces import ORG, SCHEMA
from builder.ontology import organization_properties
from builder.resolve.entities import RULE_ACRONYM, EntityMention, city_government, dateline_place, most_mentioned
from builder.resolve.mentions import NOT_PERSON_WORDS, head_class
from builder.resolve.registry import Entity
from builder.vocab import CPS

RULE_TITLE = register("post-title-before-name", "A post stated by a title before a person's name, with "
                      "the organisation or place before the title ('CTU President X', 'Chicago Mayor X').")
RULE_APPOSITION = register("post-apposition", "A post stated by an apposition after a person's name: "
                           "'X, president of the Y', 'X, professor ... at the Y', 'X, the union's vice president'.")
RULE_TITLE_COMMA = register("post-title-comma-name", "A post stated by a title set off before the name: "
                            "'The union's vice president, X', 'A university spokesperson, X'.")
RULE_LATER = register("post-later-reference", "A later reference by title ('the head of the branch said', "
                      "'the union's president said') to the one person the article gave a post in that organisation.")
RULE_AFFILIATION = register("affiliation-with", "An affiliation, not a post: 'X, with the Y' "
                            "(schema:affiliation).")
RULE_POSSESSIVE = register("post-outlet-possessive", "A reporter of a news outlet stated by the outlet's "
                           "possessive before the name: \"CBS 2's X\".")
RULE_BYLINE = register("post-byline", "The author of a byline is a reporter of the article's publisher.")

# Roles whose holder works for the organisation (cps:employer); officers of a union are its members.
_EMPLOYED = {"ChiefExecutiveOfficerRole", "ChiefEducationOfficerRole", "GeneralCounselRole", "ProfessorRole",
             "HeadRole", "ReporterRole", "TeacherRole", "SpokespersonRole", "AttorneyRole", "OfficialRole"}
_UNION_OFFICERS = {"PresidentRole", "VicePresidentRole", "MemberRole"}
# Titles that say which kind of organisation their holder heads when the text names none.
# (A lecturer teaches at a university or college; a professor is left out, since news quotes professors of
# other universities as outside experts. A teacher works at the school the article names.)
_TITLE_IMPLIES = {"superintendent": CPS.SchoolDistrict, "vice-chancellor": CPS.University,
                  "pro-vice-chancellor": CPS.University, "chancellor": CPS.University, "provost": CPS.University,
                  "lecturer": CPS.University, "teacher": CPS.School,
                  # the head of a Canadian school board's administration
                  "director of education": CPS.SchoolDistrict}
# An abbreviated title is labelled by its role ("chief executive officer" for "CEO").
_ABBREVIATED = {"ceo"}
_SET_OFF = re.compile(r",\s+(?:(?:Dr|Prof|Professor|Doctor)\.?\s+)?$")
_TITLE_WORDS = r"[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}?"
_LATER = re.compile(rf"\b[Tt]he\s+(?:(?P<title_of>{_TITLE_WORDS})\s+of\s+the\s+(?P<of>[a-z][\w-]*)"
                    rf"|(?P<poss>[a-z][\w-]*)['’]s\s+(?P<title_poss>{_TITLE_WORDS}))\b")
_NAME_NEXT = re.compile(r",?\s+(?:(?:Dr|Prof|Professor)\.?\s+)?[A-Z][a-z]")
_ORG_GAP = re.compile(r"(?:['’]s)?\s+")
_DETERMINED = re.compile(r"(?<![\w'’-])(?P<det>[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Ww]hose)\s+(?:[\w'’-]+\s+)?$")
_POSSESSOR = re.compile(r"(?P<noun>[A-Za-z][\w-]*)(?:['’]s|s['’])\s+$")
_HINT_BEFORE = re.compile(r"(?<![\w'’-])(?P<noun>[A-Za-z][\w-]*)(?:['’]s|s['’])?\s+$")
_LINK_AFTER = re.compile(r"\s+(?:of|at|for|with|in)\s+(?:(?P<det>the|its)\s+)?")
# capitalised words after "at/of": a short form of a name ("at the Alamo Plaza Grand")
_SHORT_NAME = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,4}")
_WORKS_AT = re.compile(r",\s+who\s+(?:has\s+|had\s+)?(?:works?|worked|is\s+employed)\b[^,.;:]{0,60}?\s"
                       r"(?:at|for|by)\s+(?:the\s+)?")
_NOT_EMPLOYERS = (CPS.LabourUnion, CPS.NewsOutlet, CPS.GovernmentOrganization, CPS.UnionGoverningBody)
_NEXT_TITLE = re.compile(r"(?:\s+(?:for|since)\s+[\w -]{1,25}?)?\s+and\s+", re.IGNORECASE)
_NOT_HINTS = frozenset("""and or but said says with by of for at in to from on as than that who whose which
when while after before the a an its their his her our union's""".split())


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
    title: str = ""  # the title as written, lower-case ("vice president of operations"); "" = the role's label
    employed: bool | None = None  # None: as the role implies


def extract_posts(ctx: ArticleContext) -> None:
    facts = find_posts(ctx)
    for fact in facts + later_references(ctx, facts):
        emit_post(ctx, fact)
        if fact.rule == RULE_LATER:
            # the reference names the person: later stages (speakers, claimants) read it as a mention
            ctx.ground(fact.person.entity.iri, fact.begin, fact.end, RULE_LATER, 0.7)
            ctx.add_mention(fact.person)
    for person, organization, begin, end in find_affiliations(ctx):
        ctx.sink.add(person.entity.iri, SCHEMA.affiliation, organization.entity.iri)
        ctx.ground(person.entity.iri, begin, end, RULE_AFFILIATION, 0.85)


def find_posts(ctx: ArticleContext) -> list[PostFact]:
    facts: list[PostFact] = []
    for paragraph in ctx.article.content_paragraphs():
        inside = ctx.mentions_in(paragraph.begin, paragraph.end)
        # the outermost mention at each end and begin ("Local 1390 of the AFSCME", not the union inside it)
        by_end = {m.end: m for m in sorted(inside, key=lambda m: m.end - m.begin)}
        by_begin = {m.begin: m for m in inside}
        for person in (m for m in inside if m.entity.kind == "person"):
            facts += _title_before(ctx, person, by_end, paragraph.begin)
            facts += _apposition(ctx, person, by_begin, by_end, paragraph.end)
            if person.rule == "person-byline":
                publisher = _publisher(ctx)
                # grounded at the author's own words ("By X", "and Y"), not the whole byline: the line of a
                # two-author byline states each author's post apart, and is metadata evidence only that way
                facts.append(PostFact(person, "ReporterRole", publisher, None, person.begin, person.end,
                                      RULE_BYLINE, True))
    return facts


def later_references(ctx: ArticleContext, facts: list[PostFact]) -> list[PostFact]:
    """ "The head of the branch said", "the union's president said": a title of an organisation with no
    name after it refers to the one person the article has already given a post in that organisation; the
    reference states the title too. Nothing when two people hold posts there (no guess)."""
    text = ctx.article.text
    found: list[PostFact] = []
    for paragraph in ctx.article.content_paragraphs():
        for match in _LATER.finditer(text, paragraph.begin, paragraph.end):
            if _NAME_NEXT.match(text, match.end()):
                continue  # a name follows: the title-before-name rules read it
            noun = match.group("of") or match.group("poss")
            title_at = match.start("title_of") if match.group("of") else match.start("title_poss")
            title = title_starting_at(text, title_at, match.end("title_of") if match.group("of")
                                      else match.end("title_poss"))
            organization = organization_for_noun(ctx.mentions, noun)
            if title is None or organization is None:
                continue
            holders = {f.person.entity for f in facts if f.organization == organization and f.begin < match.start()}
            if len(holders) != 1:
                continue
            person = EntityMention(match.start(), match.end(), next(iter(holders)), RULE_LATER, 0.7)
            found.append(PostFact(person, title.role, organization, None, match.start(), match.end(), RULE_LATER,
                                  True, 0.7, _title_words(title), title.employed))
    return found


def find_affiliations(ctx: ArticleContext):
    """ "X, with the Y": the person is affiliated with Y, a post the text does not state."""
    text = ctx.article.text
    for paragraph in ctx.article.content_paragraphs():
        inside = ctx.mentions_in(paragraph.begin, paragraph.end)
        by_begin = {m.begin: m for m in inside}
        for person in (m for m in inside if m.entity.kind == "person"):
            match = re.compile(r",\s+with\s+(?:the\s+)?").match(text, person.end, paragraph.end)
            organization = by_begin.get(match.end()) if match else None
            if organization is not None and organization.entity.kind == "organization":
                yield person, organization, person.begin, organization.end


def _title_before(ctx: ArticleContext, person: EntityMention, by_end: dict[int, EntityMention],
                  floor: int) -> list[PostFact]:
    text = ctx.article.text
    title = title_ending_at(text, person.begin, floor)
    comma = False
    if title is None:
        window = max(floor, person.begin - 20)
        set_off = _SET_OFF.search(text, window, person.begin)
        if set_off is not None:
            at = set_off.start()
            title = title_ending_at(text, at, floor, set_off=True)
            comma = title is not None
    if title is None:
        possessive = _mention_ending_at(by_end, person.begin, text, r"['’]s\s+")
        if possessive is not None and possessive.entity.is_a(CPS.NewsOutlet):
            return [PostFact(person, "ReporterRole", possessive.entity, None, possessive.begin, person.end,
                             RULE_POSSESSIVE, True)]
        return []
    if comma and not _DETERMINED.search(text, max(floor, title.begin - 40), title.begin) and \
            not _POSSESSOR.search(text, max(floor, title.begin - 40), title.begin):
        return []  # "Nurses, X said": a set-off title needs its determiner ("The union's president, X")
    former = FORMER.search(text, max(floor, title.begin - 10), title.begin) is not None
    holder = _mention_ending_at(by_end, title.begin, text, r"(?:['’]s)?\s+")
    if holder is None and comma:
        # "the St Bride's Students' Union, whose president, X": the relative pronoun's antecedent
        relative = re.compile(r",\s+(?:[Ww]hose|[Ii]ts)\s+$").search(text, max(floor, title.begin - 12), title.begin)
        holder = by_end.get(relative.start()) if relative else None
    organization = holder.entity if holder is not None and holder.entity.kind == "organization" else None
    place = holder.entity if holder is not None and holder.entity.kind == "place" else None
    confidence = 0.9
    begin = holder.begin if holder is not None else title.begin
    if title.role == "MayorRole":
        place = place or dateline_place(ctx.article, ctx.mentions) or _home_place(ctx)
        organization = city_government(ctx.registry, place) if place is not None else None
    elif organization is None and place is None:
        hint = _HINT_BEFORE.search(text, max(floor, title.begin - 40), title.begin)
        organization = _workplace_after(ctx, person)
        if organization is None and hint is not None and hint.group("noun").lower() not in _NOT_HINTS:
            organization = organization_for_noun(ctx.mentions, hint.group("noun"))
            if organization is not None:
                begin = hint.start()
        if organization is None:
            organization = _implied(ctx, title)
        confidence = 0.7
    rule = RULE_TITLE_COMMA if comma else RULE_TITLE
    words = _title_words(title)
    if holder is not None and title.head == "member" and title.words == "member":
        # "Metro Council member X": a member of a body, titled by the body's head noun ("council member")
        words = f"{holder.entity.label.split()[-1].lower()} member"
    return [PostFact(person, title.role, organization, place, begin, person.end, rule, not former,
                     confidence, words, title.employed)]


def _apposition(ctx: ArticleContext, person: EntityMention, by_begin: dict[int, EntityMention],
                by_end: dict[int, EntityMention], ceiling: int) -> list[PostFact]:
    """ "X, president of the Y", "X, the union's vice president", "X, MNA vice president", "X, a nurse at
    the Y", "X, a seventh-grade science teacher and the union's president"."""
    text = ctx.article.text
    at = re.compile(r",\s+").match(text, person.end, ceiling)
    facts: list[PostFact] = []
    while at is not None:
        cursor = at.end()
        former = re.compile(r"(?:former|then-)\s*", re.IGNORECASE).match(text, cursor)
        if former:
            cursor = former.end()
        owner: Entity | None = None
        det = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE).match(text, cursor)
        if det:
            cursor = det.end()
        # a possessor before the title: "UNISON's", "the union's", "the trust's"
        possessor = re.compile(r"([A-Za-z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,5}?)(?:['’]s|s['’])\s+").match(text, cursor)
        if possessor:
            mention = by_begin.get(cursor)
            if mention is not None and mention.end == possessor.end(1) and mention.entity.kind == "organization":
                owner = mention.entity
            elif det and " " not in possessor.group(1):
                owner = organization_for_noun(ctx.mentions, possessor.group(1))
            if owner is not None:
                cursor = possessor.end()
        if owner is None:
            # an organisation written before the title: "X, MNA vice president"
            mention = by_begin.get(cursor)
            if mention is not None and mention.entity.kind == "organization":
                gap = re.compile(r"\s+").match(text, mention.end)
                if gap and title_starting_at(text, gap.end(), ceiling) is not None:
                    owner, cursor = mention.entity, gap.end()
        title = title_starting_at(text, cursor, ceiling)
        if title is None:
            break
        end = title.end
        organization = owner
        link = _LINK_AFTER.match(text, title.end, ceiling)
        if link is not None:
            # a body named with its article ("of the union's bargaining committee") begins at "the"
            mention = _possessed(text, by_begin, by_begin.get(link.end()) or
                                 (by_begin.get(link.start("det")) if link.group("det") else None))
            if mention is not None and mention.entity.kind == "organization":
                organization, end = mention.entity, mention.end
            elif link.group("det") and organization is None:
                noun = re.compile(r"([a-z][\w-]*)\b(?!['’]s\s)").match(text, link.end())
                if noun is not None:
                    named = organization_for_noun(ctx.mentions, noun.group(1))
                    if named is not None:
                        organization, end = named, noun.end()
            if organization is None:
                short = _SHORT_NAME.match(text, link.end(), ceiling)
                named = _named_by_its_start(ctx, short.group()) if short else None
                if named is not None:
                    organization, end = named, short.end()
        confidence = 0.9 if organization is not None else 0.7
        if organization is None:
            organization = _implied(ctx, title)
        facts.append(PostFact(person, title.role, organization, None, person.begin, end, RULE_APPOSITION,
                              not former, confidence, _title_words(title), title.employed))
        # "..., a cleaner at the college for nine years and chair of the ...": the next title of the same person
        at = _NEXT_TITLE.match(text, end, ceiling)
    return facts


def _possessed(text: str, by_begin: dict[int, EntityMention], mention: EntityMention | None) -> EntityMention | None:
    """The last organisation of a possessive chain: "secretary of UNISON's Calder Valley branch" is a post in
    the branch, not in the union that owns it."""
    while mention is not None and mention.entity.kind == "organization":
        gap = re.compile(r"['’]s\s+").match(text, mention.end)
        owned = by_begin.get(gap.end()) if gap else None
        if owned is None or owned.entity.kind != "organization":
            break
        mention = owned
    return mention


def _workplace_after(ctx: ArticleContext, person: EntityMention) -> Entity | None:
    """ "Care assistant X, who has worked on the stroke unit at Y for 14 years": the organisation a relative
    clause says the person works at."""
    clause = _WORKS_AT.match(ctx.article.text, person.end)
    if clause is None:
        return None
    return next((m.entity for m in ctx.mentions_in(clause.end(), clause.end() + 120)
                 if m.begin == clause.end() and m.entity.kind == "organization"), None)


def _named_by_its_start(ctx: ArticleContext, words: str) -> Entity | None:
    """The organisation a short form names by the first words of its full name ("a nurse at Northlake" for
    the Northlake Regional Medical Center, "at the Alamo Plaza Grand"): the first named whose name begins
    with those words, since a short form refers back to the full name that introduced it; none when no name
    does."""
    return next((m.entity for m in ctx.mentions if m.entity.kind == "organization" and m.entity.label != words
                 and m.entity.label.startswith(words + " ")), None)


def _implied(ctx: ArticleContext, title: Title) -> Entity | None:
    """The organisation a title implies without naming it: a superintendent heads a school district, a
    vice-chancellor a university (the article's most mentioned one)."""
    implied = _TITLE_IMPLIES.get(title.words, _TITLE_IMPLIES.get(title.head))
    if implied is not None:
        return most_mentioned(ctx.mentions, implied)
    if title.head in EMPLOYED_HEADS:
        return _employer(ctx)
    return _releasing_organisation(ctx)


def _employer(ctx: ArticleContext) -> Entity | None:
    """The employer a worker's title implies ("staff nurse X", "line cook X" in a report on a strike at one
    hospital or hotel): the article's most mentioned organisation that is no union, outlet or public body."""
    counts: dict[Entity, int] = {}
    # an organisation known only by an acronym ("UNISON says") is of no known kind: not taken for an employer
    acronyms = {m.entity for m in ctx.mentions if m.rule == RULE_ACRONYM}
    for mention in ctx.mentions:
        entity = mention.entity
        if entity.kind == "organization" and entity not in acronyms and \
                not any(entity.is_a(c) for c in _NOT_EMPLOYERS):
            counts[entity] = counts.get(entity, 0) + 1
    return max(counts, key=lambda e: counts[e]) if counts else None


def _home_place(ctx: ArticleContext) -> Entity | None:
    """The city a report without a dateline is about, as its local bodies say it: the first word that two
    or more of its organisations' names share ("Springfield City School District", "Springfield Education
    Association", "The Springfield Courier"), when it is no word of an organisation's kind."""
    owners: dict[str, set[str]] = {}
    names = {m.entity.label for m in ctx.mentions if m.entity.kind == "organization"}
    names.add(str(ctx.article.meta.publisher.value))
    for name in names:
        first = re.match(r"(?:The\s+)?([A-Z][a-z]+)\s+[A-Z]", name)
        if first is not None and first.group(1) not in NOT_PERSON_WORDS and head_class(first.group(1)) is None:
            owners.setdefault(first.group(1), set()).add(name)
    shared = sorted((w for w, of in owners.items() if len(of) >= 2), key=lambda w: (-len(owners[w]), w))
    if not shared:
        return None
    return Entity(entity_iri("place", shared[0]), "place", shared[0], (str(CPS.City),))


def _releasing_organisation(ctx: ArticleContext) -> Entity | None:
    """In a press release the titles are the publisher's own ("Dr X, Chief Executive, said" in a hospital
    trust's release): the publisher, when it is an organisation of a kind other than a news outlet (its
    name has an organisation's head noun) and the text names it."""
    name = str(ctx.article.meta.publisher.value)
    if head_class(name) is None:
        return None
    return next((m.entity for m in ctx.mentions if m.entity.kind == "organization" and
                 normalise_name(m.entity.label) == normalise_name(name) and not m.entity.is_a(CPS.NewsOutlet)), None)


def _title_words(title: Title) -> str:
    """The title as the post's label says it: as written; an abbreviation ("CEO") by its role's label."""
    return "" if title.words in _ABBREVIATED else title.words


def _mention_ending_at(by_end: dict[int, EntityMention], at: int, text: str, gap: str) -> EntityMention | None:
    """The mention that ends just before `at`, the text between them matching `gap`."""
    for width in range(0, 6):
        mention = by_end.get(at - width)
        if mention is not None and re.fullmatch(gap, text[mention.end:at]):
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
    role_label = fact.title or _role_label(fact.role)
    if fact.organization is None:
        # No organisation in reach: the title is all the text gives (a cps:Post needs an org:postIn).
        sink.add(person.iri, SCHEMA.jobTitle, english(role_label))
        # the words that state the title denote the person too ("X, a line cook"): the title's grounding
        ctx.ground(person.iri, fact.begin, fact.end, fact.rule, fact.confidence)
        return
    org = fact.organization
    for cls in org.classes:
        sink.add_type(org.iri, cls)
    sink.label(org.iri, org.label)
    if all(m.entity != org for m in ctx.mentions):
        # Implied, not named (a mayor's city government): grounded in the words that imply it.
        ctx.ground(org.iri, fact.begin, fact.end, fact.rule, 0.8)

    # a title finer than its role's label is a post of its own
    titled = [fact.title] if fact.title and fact.title != _role_label(fact.role) else []
    post = fact_iri("post", f"{role_label} of {org.label}", fact.role, org.iri.value, *titled)
    sink.add_type(post, CPS.Post)
    sink.label(post, f"{role_label} of {org.label}")
    sink.add(post, ORG.postIn, org.iri)
    sink.add(post, ORG.role, role)
    sink.add(post, ORG.heldBy, person.iri)
    sink.add(person.iri, ORG.holds, post)
    sink.add(person.iri, CPS.positionHeld, post)
    ctx.ground(post, fact.begin, fact.end, fact.rule, fact.confidence)

    holding = fact_iri("membership", f"{person.label} {role_label} {org.label}", person.iri.value, fact.role,
                       org.iri.value, *titled)
    sink.add_type(holding, CPS.PostHolding)
    sink.label(holding, f"{person.label}, {role_label} of {org.label}")
    sink.add(holding, ORG.member, person.iri)
    sink.add(holding, ORG.organization, org.iri)
    sink.add(holding, ORG.role, role)
    sink.add(holding, CPS.post, post)
    if fact.current:
        sink.add(holding, CPS.asOf, xsd_date(ctx.published))
    ctx.ground(holding, fact.begin, fact.end, fact.rule, fact.confidence)

    employed = fact.role in _EMPLOYED if fact.employed is None else fact.employed
    if employed:
        sink.add(person.iri, CPS.employer, org.iri)
    elif fact.role in _UNION_OFFICERS and (org.is_a(CPS.LabourUnion) or fact.role == "MemberRole"):
        sink.add(person.iri, CPS.memberOf, org.iri)
    org_property = organization_properties().get(str(role))
    if org_property is not None and fact.current:
        sink.add(org.iri, org_property, person.iri)
        if fact.place is not None:
            sink.add(fact.place.iri, org_property, person.iri)


def _role_label(role: str) -> str:
    words = re.findall(r"[A-Z][a-z]*", role.removesuffix("Role"))
    return " ".join(w.lower() for w in words)
