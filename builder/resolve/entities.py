"""Resolution: recognised spans become mentions of one instance per real-world thing.

Identity is carried by the canonical name, from which `builder.emit.mint` derives the IRI, so the same person
named in two articles is one instance without any cross-article state: a registry entity keeps its
registry name; a person found by pattern is named without honorifics and middle initials ("Dr. Janice K.
Jackson" and "Janice Jackson" are one person). Inside an article, the resolver then links the references
that only make sense against the names already known:

* a later bare surname ("Jackson said") → the one known person with that family name (article people and
  registry people; a surname two known people share is left unresolved rather than guessed);
* a glued name ("LoriLightfoot") → split at its inner capital when both halves are the given and family
  name of one known person — the split is general, no string is listed;
* a definite description → the antecedent the article establishes: "the mayor" → the person it titles
  Mayor, "the union" → its most-mentioned labour union, "the district" → its most-mentioned school
  district.
"""

from __future__ import annotations

import re
from collections import Counter

from builder.emit.mint import entity_iri, normalise_name
from builder.extract.rules import register
from builder.ingest.document import Article
from builder.resolve.branches import students_unions, unnamed_branches
from builder.resolve.found import EntityMention, most_mentioned, with_article
from builder.resolve.locals import locals_and_internationals
from builder.resolve.mentions import (
    HONORIFICS,
    INITIAL,
    LO,
    NAME_WORD,
    SPEECH_VERB,
    TITLE_AT_END,
    TITLES,
    UP,
    Candidate,
    dateline_candidates,
    organisation_candidates,
    person_candidates,
    registry_candidates,
)
from builder.resolve.person_context import RANK_BEFORE, is_rank
from builder.resolve.registry import Entity, Registry, cps_class
from builder.resolve.shortforms import clipped_names, inverted_names
from builder.spans import TakenSpans
from builder.vocab import CPS

RULE_SURNAME = register("surname-back-reference", "A bare family name resolved to the one known person "
                        "(named in full in the article, or in the registry) who has it.")
RULE_GLUED = register("glued-name-split", "A name whose words the source glued together ('FirstLast'), "
                      "split at the inner capital because both parts are the given and family name of one "
                      "known person.")
RULE_REPEAT = register("name-repeat", "A later occurrence of the full name of a person, organisation or place "
                       "that a pattern found elsewhere in the article, where no pattern anchors it again.")
RULE_DEFINITE = register("definite-description", "'the mayor', 'the union', 'the district', 'the city' "
                         "resolved to the antecedent the article establishes (the person it titles mayor; its "
                         "most mentioned labour union or school district; the government of its dateline city).")

_TITLE_ROLE = {title: role for title, role in TITLES}
_DEFINITE = (
    (re.compile(r"\b[Tt]he\s+mayor\b(?!['’]s\s+office)"), "mayor"),
    # "the city" as an actor ("the city will respond", "the city's offer"), not as a place ("in the city").
    (re.compile(r"(?<!\bin )(?<!\bof )(?<!\bto )(?<!\bacross )(?<!\bthroughout )(?<!\baround )"
                r"\b[Tt]he\s+city\b(?!\s+(?:of|council|hall)\b)"), "city"),
    (re.compile(r"\b[Tt]he\s+(?:teachers['’]?\s+|teacher['’]s\s+)?union\b"), str(CPS.LabourUnion)),
    (re.compile(r"\b[Tt]he\s+(?:school\s+)?district\b"), str(CPS.SchoolDistrict)),
)
_DATELINE_TAIL = re.compile(r"(?:,\s*[A-Z][a-z]+\.?)?\s*(?:\([^)]*\)\s*)?(?:—|–|--)")
_GLUED = re.compile(rf"(?<![\w@#])([{UP}][{LO}]+)([{UP}][{LO}]+)(?![\w])")


_WORD = re.compile(r"\w+")
_LEADING_WORD = re.compile(r"\w+")

def person_name(written: str) -> str:
    """The canonical form of a person's name: honorifics, ranks and middle initials dropped, spaces normalised."""
    words = [w for w in normalise_name(written).split(" ")
             if w not in HONORIFICS and not is_rank(w) and not INITIAL.fullmatch(w)]
    return " ".join(words)


def title_role_before(text: str, begin: int, floor: int) -> str | None:
    """The cps: role local name of a title written directly before a name ("CTU President X")."""
    before = re.sub(r"(?:\bDr\.|\bDoctor)\s+$", "", text[floor:begin])
    before = RANK_BEFORE.sub("", before)  # "Local 3312 President Capt. X": the rank stands between
    match = TITLE_AT_END.search(before)
    return _TITLE_ROLE[re.sub(r"\s+", " ", match.group(1).lower())] if match else None


def recognise(article: Article, registry: Registry) -> list[Candidate]:
    candidates: list[Candidate] = []
    for paragraph in article.content_paragraphs():
        taken: list[tuple[int, int]] = []
        b, e = paragraph.begin, paragraph.end
        candidates += registry_candidates(article.text, b, e, registry, taken)
        if paragraph.kind == "body":
            candidates += dateline_candidates(article.text, b, e, taken)
        candidates += organisation_candidates(article.text, b, e, registry, taken)
        candidates += person_candidates(article.text, b, e, taken, byline=paragraph.kind == "byline")
    return sorted(candidates, key=lambda c: (c.begin, c.end))


def resolve_article(article: Article, registry: Registry) -> list[EntityMention]:
    people: dict[str, Entity] = {}  # canonical name → entity, this article's people
    mentions: list[EntityMention] = []
    for cand in recognise(article, registry):
        mentions.append(EntityMention(cand.begin, cand.end, _entity(cand, registry, people), cand.rule,
                                      cand.confidence))
    mentions = locals_and_internationals(article.text, _merge_organisation_forms(article, mentions), registry)
    mentions = inverted_names(clipped_names(mentions))
    known_people = {m.entity.iri.value: m.entity for m in mentions if m.entity.kind == "person"}
    known_people.update({e.entity.iri.value: e.entity for e in registry.people()})
    taken = TakenSpans((m.begin, m.end) for m in mentions)  # overlap questions by bisection, not a scan
    mentions += _repeats(article, [m.entity for m in mentions if m.rule != "registry-name"], taken)
    mentions += _back_references(article, list(known_people.values()), taken)
    mentions += _definite_descriptions(article, registry, mentions, taken)
    mentions += _acronym_organisations(article, taken)
    mentions += _governing_bodies(article, mentions, taken)
    branches = _branches_and_offices(article, registry, mentions, taken)
    branches += unnamed_branches(article, mentions + branches, taken) + students_unions(article, mentions, taken)
    # A place inside a branch's name ("the Pelham branch") is part of that name, not a mention of the place.
    mentions = [m for m in mentions if m.entity.kind != "place" or
                not any(b.begin <= m.begin and m.end <= b.end for b in branches)] + branches
    return sorted(mentions, key=lambda m: (m.begin, m.end))


def _entity(cand: Candidate, registry: Registry, people: dict[str, Entity]) -> Entity:
    if cand.entry is not None:
        return cand.entry.entity
    if cand.kind == "person":
        name = person_name(cand.name)
        entry = registry.lookup(name)
        if entry is not None and entry.entity.kind == "person":
            return entry.entity
        return people.setdefault(name, Entity(entity_iri("person", name), "person", name, (str(CPS.Person),)))
    name = normalise_name(cand.name)
    return Entity(entity_iri(cand.kind, name), cand.kind, name,
                  (cps_class(cand.org_class or "Organization", f"{cand.kind} {name!r}"),))


def _overlaps(begin: int, end: int, taken: TakenSpans) -> bool:
    return taken.overlaps(begin, end)


def _back_references(article: Article, people: list[Entity], taken: TakenSpans) -> list[EntityMention]:
    by_surname: dict[str, set[Entity]] = {}
    by_parts: dict[tuple[str, str], Entity] = {}
    for person in people:
        words = person.label.split(" ")
        if len(words) >= 2:
            by_surname.setdefault(words[-1], set()).add(person)
            by_parts[(words[0], words[-1])] = person
    found = []
    for paragraph in article.content_paragraphs():
        for match in _GLUED.finditer(article.text, paragraph.begin, paragraph.end):
            person = by_parts.get((match.group(1), match.group(2)))
            if person is not None and not _overlaps(*match.span(), taken):
                taken.append(match.span())
                found.append(EntityMention(match.start(), match.end(), person, RULE_GLUED, 0.8))
        for match in NAME_WORD.finditer(article.text, paragraph.begin, paragraph.end):
            owners = by_surname.get(match.group(), set())
            if len(owners) != 1 or _overlaps(*match.span(), taken) or not _word_bounded(article.text, *match.span()):
                continue
            taken.append(match.span())
            found.append(EntityMention(match.start(), match.end(), next(iter(owners)), RULE_SURNAME, 0.85))
    return found


RULE_ORG_FORM = register("organisation-short-form", "An organisation's abbreviation given in parentheses after "
                         "its name ('… Foundation Trust (CVHT)'), its local number ('Local 1447' of 'Amalgamated "
                         "Transit Union Local 1447'), or its name without the words of its kind ('Quinte Shores "
                         "board' for 'Quinte Shores District School Board'), resolved to the one organisation.")
_LOCAL = re.compile(r"\bLocal\s+(\d+)\b")
_KIND_WORDS = re.compile(r"\s+(?:(?:District|Regional|Metropolitan|Unified|Public|City|County|Area|Community)\s+)*"
                         r"(?:School\s+Board|School\s+District|Board|District|Union|Trust|University|College|Hospitals?"
                         r"|Transit|Authority)\b.*$")


RULE_BODY = register("governing-body", "A governing or bargaining body of an organisation ('the union's executive "
                     "board', 'X's board of trustees', 'the university's council', 'Representative Assembly'), "
                     "named after its owner when the possessor resolves to one.")
_BODY = re.compile(
    r"(?:\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:(?P<owner_word>union|university|college|local|district|company|hospital|"
    r"trust|branch|agency|network|transit|system)(?:['’]s)?\s+)?|(?P<possessive>['’]s\s+))"
    r"(?P<body>(?i:board of (?:trustees|directors|governors|regents|education)|executive (?:board|committee|council)|"
    r"bargaining committee|negotiating committee|branch committee|strike committee|national executive|"
    r"governing body|trust board|representative assembly|house of delegates)|council)\b")
_OWNER_CLASS = {"union": CPS.LabourUnion, "local": CPS.UnionLocal, "branch": CPS.LabourUnion,
                "university": CPS.University, "college": CPS.University, "district": CPS.SchoolDistrict}


def _governing_bodies(article: Article, mentions: list[EntityMention],
                      taken: TakenSpans) -> list[EntityMention]:
    """Boards, councils and committees an article names by their kind: one organisation per body and
    owner, labelled "<body> of <owner>" when the owner resolves, with the body's own words as an alias.
    A bare "council" is read only with a possessor ("the university's council")."""
    text = article.text
    found: list[EntityMention] = []
    for paragraph in article.content_paragraphs():
        for match in _BODY.finditer(text, paragraph.begin, paragraph.end):
            body_span = match.span("body")
            body = " ".join(match.group("body").split())
            if _overlaps(*body_span, taken):
                continue
            owner = None
            if match.group("possessive"):
                owner = next((m.entity for m in mentions if m.end == match.start() and
                              m.entity.kind == "organization"), None)
            elif match.group("owner_word"):
                word = match.group("owner_word").lower()
                owner = most_mentioned(mentions, _OWNER_CLASS[word]) if word in _OWNER_CLASS else \
                    _most_mentioned_named(mentions, word.capitalize())
            if owner is None and body.split()[0].lower() in ("trust", "branch"):
                # "the Trust Board": a body named by its owner's kind is that owner's ("… Foundation Trust")
                owner = _most_mentioned_named(mentions, body.split()[0].capitalize())
            if body.lower() == "council" and (owner is None):
                continue
            plain = body if body[0].isupper() and body.split()[0] in ("Board", "Representative", "House", "Trust") \
                else body.lower()
            label = f"{plain} of {with_article(owner.label)}" if owner is not None else plain
            classes = (str(CPS.UnionGoverningBody),) if owner is not None and owner.is_a(CPS.LabourUnion) \
                else (str(CPS.Organization),)
            entity = Entity(entity_iri("organization", label), "organization", label, classes,
                            aliases=(plain,) if owner is not None else ())
            begin = match.start() if not match.group("possessive") else body_span[0]
            begin = body_span[0] if text[begin:body_span[0]].strip().lower() in ("the", "its", "their") else begin
            taken.append((begin, body_span[1]))
            found.append(EntityMention(begin, body_span[1], entity, RULE_BODY, 0.75))
    return found


# An organisation known by its acronym alone ("UNISON says", "UCU members"): capitals that are the
# subject of a speech verb or name members; not the capitals of titles, places or services.
_ACRONYM_SUBJECT = re.compile(rf"(?<![\w@#'’-])([A-Z]{{3,8}})(?:['’]s)?\s+(?:{SPEECH_VERB}|says|members|has|had|is|"
                              r"was|will|wants|called|represents|backed)\b")
_NOT_ORG_ACRONYMS = frozenset("CEO COO CFO CAO USA NHS GMT BST EST EDT CST PST UTC PDF ECG ECGS TV GP MP MPP MLA "
                              "UPDATE WATCH LISTEN LIVE READ MORE NEWS".split())
RULE_ACRONYM = register("organisation-acronym", "Capitals that an article makes the subject of a speech verb or "
                        "whose members it names ('UNISON says', 'UCU members'): an organisation known by its "
                        "acronym, with every occurrence in the article.")


def _acronym_organisations(article: Article, taken: TakenSpans) -> list[EntityMention]:
    text = article.text
    names: set[str] = set()
    for paragraph in article.content_paragraphs():
        for match in _ACRONYM_SUBJECT.finditer(text, paragraph.begin, paragraph.end):
            if match.group(1) not in _NOT_ORG_ACRONYMS and not _overlaps(*match.span(1), taken):
                names.add(match.group(1))
    found = []
    for name in sorted(names):
        entity = Entity(entity_iri("organization", name), "organization", name, (str(CPS.Organization),))
        for paragraph in article.content_paragraphs():
            # British style writes a pronounceable acronym as a word too ("UNISON", "Unison").
            for match in re.finditer(rf"(?<![\w@#-])(?:{name}|{name.capitalize()})(?![\w-])",
                                     text[paragraph.begin:paragraph.end]):
                span = (paragraph.begin + match.start(), paragraph.begin + match.end())
                if not _overlaps(*span, taken):
                    taken.append(span)
                    found.append(EntityMention(*span, entity, RULE_ACRONYM, 0.7))
    return found


RULE_BRANCH = register("branch-or-office", "A union's branch named by its place or trade ('the Severnside "
                       "branch', 'UNISON's Calder Valley branch', 'the cleaners branch of X'), the mayor's office of "
                       "the dateline city, and the article's own outlet by its short name ('the Courier').")
_BRANCH = re.compile(r"(?:[Tt]he\s+|['’]s\s+)(?:(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}|(?!union\b|local\b)[a-z]+\s+)"
                     r"(?P<unit>branch)\b|(?P<local>(?:[A-Z][\w'’-]+\s+){1,3})(?P<local_unit>local)\b(?!\s*\d))"
                     r"(?:\s+of\s+(?:the\s+)?)?")
_MAYORS_OFFICE = re.compile(r"\b[Tt]he\s+mayor['’]s\s+office\b")


def _branches_and_offices(article: Article, registry: Registry, mentions: list[EntityMention],
                          taken: TakenSpans) -> list[EntityMention]:
    """A branch is labelled "<place or trade> branch of <union>" with "<union> <place> branch" and
    "<place> branch" as aliases; its union is the organisation named with it (possessor or "of"), else
    the article's most mentioned union. "The mayor's office" is the office of the dateline city's mayor.
    The outlet that published the article is found by its name in the body, or by its name's last word
    after "the" ("told the Dispatch")."""
    text = article.text
    found: list[EntityMention] = []
    place = dateline_place(article, mentions)
    outlet = _outlet(article, registry)
    last = outlet.label.split()[-1]
    outlet_forms = [re.escape(outlet.label), re.escape(re.sub(r"^The\s+|\s+[\d.]+$", "", outlet.label))]
    if last[0].isupper() and last.isalpha():
        outlet_forms.append(re.escape(last))
    # Only where the report speaks of its outlet as an addressee or a source ("told the Courier",
    # "obtained by the Record"): elsewhere the outlet's name is its masthead, copyright or byline.
    outlet_pattern = re.compile(rf"(?:(?<=\btold\s)|(?<=\bobtained by\s)|(?<=\baccording to\s)|(?<=\bconfirmed to\s)|"
                                rf"(?<=\binterview with\s)|(?<=\bspeaking to\s))(?:the\s+)?(?:{'|'.join(outlet_forms)})"
                                r"(?![\w-])(?!\s+[A-Z])")
    for paragraph in article.content_paragraphs():
        for match in _BRANCH.finditer(text, paragraph.begin, paragraph.end):
            group, unit = ("name", "unit") if match.group("name") else ("local", "local_unit")
            where = match.group(group).strip()
            begin = match.start(group)
            named = next((m for m in mentions if m.entity.kind == "organization" and
                          (m.end == match.start() and match.group().startswith(("'", "’")) or
                           m.begin == match.end() and match.group().endswith(" "))), None)
            owner = named.entity if named is not None else None
            if owner is None and unit == "local_unit":
                continue  # "the Quinte Shores local" needs its union named with it
            owner = owner or most_mentioned(mentions, CPS.LabourUnion)
            end = match.end(unit)
            blocked = TakenSpans([(m.begin, m.end) for m in mentions if m.entity.kind != "place"]
                                 + [(m.begin, m.end) for m in found])
            if owner is None or _overlaps(begin, end, blocked):
                continue
            kind = match.group(unit)
            label = f"{where} {kind} of {with_article(owner.label)}"
            # the union as the article writes it ("ETFO's Quinte Shores local" is the "ETFO Quinte Shores local")
            written = " ".join(text[named.begin:named.end].split()) if named is not None else owner.label
            aliases = dict.fromkeys((f"{owner.label} {where} {kind}", f"{written} {where} {kind}", f"{where} {kind}"))
            entity = Entity(entity_iri("organization", label), "organization", label, (str(CPS.UnionLocal),),
                            aliases=tuple(aliases))
            taken.append((begin, end))
            found.append(EntityMention(begin, end, entity, RULE_BRANCH, 0.7))
        for match in _MAYORS_OFFICE.finditer(text, paragraph.begin, paragraph.end):
            if place is not None and not _overlaps(*match.span(), taken):
                label = f"Office of the Mayor of {place.label}"
                entity = Entity(entity_iri("organization", label), "organization", label, (str(CPS.MayorsOffice),),
                                aliases=("mayor's office",))
                taken.append(match.span())
                found.append(EntityMention(*match.span(), entity, RULE_BRANCH, 0.75))
        for match in outlet_pattern.finditer(text, paragraph.begin, paragraph.end):
            if paragraph.kind == "body" and not _overlaps(*match.span(), taken):
                taken.append(match.span())
                found.append(EntityMention(*match.span(), outlet, RULE_BRANCH, 0.75))
    return found


def _outlet(article: Article, registry: Registry) -> Entity:
    name = str(article.meta.publisher.value)
    entry = registry.lookup(name)
    if entry is not None:
        return entry.entity
    return Entity(entity_iri("organization", name), "organization", name, (str(CPS.NewsOutlet),))


def _most_mentioned_named(mentions: list[EntityMention], word: str) -> Entity | None:
    """The organisation whose name holds `word` that the article names most often ("the trust's")."""
    counts = Counter(m.entity for m in mentions if m.entity.kind == "organization" and
                     re.search(rf"\b{word}\b", m.entity.label))
    return counts.most_common(1)[0][0] if counts else None


def _merge_organisation_forms(article: Article, mentions: list[EntityMention]) -> list[EntityMention]:
    """One organisation for its full name, its abbreviation and its local number: pattern-found names
    that share a "Local N" become the fullest of them, and the abbreviation an article gives in
    parentheses after a name, the bare "Local N" and the name's short form with its kind in lower case
    ("Quinte Shores board") are found as further mentions of it."""
    text = article.text
    orgs = [m for m in mentions if m.entity.kind == "organization" and m.rule != "registry-name"]
    fullest: dict[str, Entity] = {}
    for m in orgs:
        local = _LOCAL.search(m.entity.label)
        if local and len(m.entity.label) > len(fullest.get(local.group(1), m.entity).label) or \
                local and local.group(1) not in fullest:
            fullest[local.group(1)] = m.entity
    merged = []
    for m in mentions:
        local = _LOCAL.search(m.entity.label) if m in orgs else None
        target = fullest.get(local.group(1), m.entity) if local else m.entity
        merged.append(m if target is m.entity else EntityMention(m.begin, m.end, target, RULE_ORG_FORM, 0.8))
    taken = TakenSpans((m.begin, m.end) for m in merged)
    forms: dict[str, Entity] = {}
    for m in merged:
        if m.entity.kind != "organization":
            continue
        abbreviation = re.match(r"\s*\(([A-Z][A-Za-z&]{1,9})\)", text[m.end:m.end + 14])
        if abbreviation and m.rule != "registry-name":
            forms.setdefault(abbreviation.group(1), m.entity)
        short = _KIND_WORDS.sub("", m.entity.label)
        kind = _KIND_WORDS.search(m.entity.label)
        if kind and short != m.entity.label and len(short.split()) >= 1 and short[0].isupper():
            head = kind.group().split()[-1].lower()
            forms.setdefault(f"{short} {head}", m.entity)
    for number, entity in fullest.items():
        forms.setdefault(f"Local {number}", entity)
    extra = []
    for form, entity in forms.items():
        pattern = re.compile(rf"(?<![\w@#]){re.escape(form)}(?![\w-])")
        for paragraph in article.content_paragraphs():
            for match in pattern.finditer(text, paragraph.begin, paragraph.end):
                if not _overlaps(*match.span(), taken):
                    taken.append(match.span())
                    extra.append(EntityMention(match.start(), match.end(), entity, RULE_ORG_FORM, 0.8))
    return sorted(merged + extra, key=lambda m: (m.begin, m.end))


def _repeats(article: Article, found: list[Entity], taken: TakenSpans) -> list[EntityMention]:
    """Pattern-found names written again where nothing anchors them ("LOS ANGELES —" … "Los Angeles").

    A name can only be written again where a word equal to its first word's leading word characters
    begins (the pattern forbids a word character before it), so each name is tried at those places only,
    looked up in an index of the words of the content paragraphs made once: the same matches, in the same
    order, as searching every paragraph for every name (quadratic: the names grow with the article)."""
    out = []
    text = article.text
    words_at: dict[str, list[tuple[int, int]]] | None = None  # word -> (offset, end of its paragraph)
    for entity in dict.fromkeys(found):
        words = r"\s+".join(re.escape(w) for w in entity.label.split(" "))
        pattern = re.compile(rf"(?<![\w@#]){words}(?![\w-])")
        lead = _LEADING_WORD.match(entity.label)
        if lead is None:  # a name that does not begin with a word character: search every paragraph
            places = [(match, None) for paragraph in article.content_paragraphs()
                      for match in pattern.finditer(text, paragraph.begin, paragraph.end)]
        else:
            if words_at is None:
                words_at = {}
                for paragraph in article.content_paragraphs():
                    for word in _WORD.finditer(text, paragraph.begin, paragraph.end):
                        words_at.setdefault(word.group(), []).append((word.start(), paragraph.end))
            places, reached = [], -1
            for at, paragraph_end in words_at.get(lead.group(), ()):
                if at < reached:
                    continue  # inside the previous match of this name (finditer does not overlap them)
                match = pattern.match(text, at, paragraph_end)
                if match is not None:
                    places.append((match, None))
                    reached = match.end()
        for match, _ in places:
            if _overlaps(*match.span(), taken):
                continue
            taken.append(match.span())
            out.append(EntityMention(match.start(), match.end(), entity, RULE_REPEAT, 0.85))
    return out


def dateline_place(article: Article, mentions: list[EntityMention]) -> Entity | None:
    """The city of the dateline ("CHICAGO —", "PORTLAND, Ore. (KGW) —"): a place opening a body paragraph."""
    text = article.text
    starting: dict[int, list[EntityMention]] = {}  # mentions by their begin, in list order
    for mention in mentions:
        starting.setdefault(mention.begin, []).append(mention)
    for paragraph in article.content_paragraphs():
        for mention in starting.get(paragraph.begin, ()):
            if mention.entity.kind == "place" and _DATELINE_TAIL.match(text, mention.end, paragraph.end):
                return mention.entity
    return None


def city_government(registry: Registry, place: Entity) -> Entity:
    """The government of a city as an organisation ("City of Chicago"): the registry's, or minted by name."""
    name = f"City of {place.label}"
    entry = registry.lookup(name)
    if entry is not None:
        return entry.entity
    return Entity(entity_iri("organization", name), "organization", name, (str(CPS.CityGovernment),))


def _word_bounded(text: str, begin: int, end: int) -> bool:
    before = text[begin - 1] if begin > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _definite_descriptions(article: Article, registry: Registry, mentions: list[EntityMention],
                           taken: TakenSpans) -> list[EntityMention]:
    place = dateline_place(article, mentions)
    mayors = {m.entity for m in mentions if m.entity.kind == "person"
              and title_role_before(article.text, m.begin, max(0, m.begin - 40)) == "MayorRole"}
    found = []
    most: dict = {}
    for paragraph in article.content_paragraphs():
        for pattern, target in _DEFINITE:
            for match in pattern.finditer(article.text, paragraph.begin, paragraph.end):
                if _overlaps(*match.span(), taken):
                    continue
                if target == "mayor":
                    antecedent = next(iter(mayors)) if len(mayors) == 1 else None
                elif target == "city":
                    antecedent = city_government(registry, place) if place is not None else None
                else:  # counted once per target: `mentions` does not change in this loop
                    if target not in most:
                        most[target] = most_mentioned(mentions, target)
                    antecedent = most[target]
                if antecedent is not None:
                    taken.append(match.span())
                    found.append(EntityMention(match.start(), match.end(), antecedent, RULE_DEFINITE, 0.75))
    return found

