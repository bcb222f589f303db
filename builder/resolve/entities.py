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
from dataclasses import dataclass

from builder.emit.mint import entity_iri, normalise_name
from builder.extract.rules import register
from builder.ingest.document import Article
from builder.resolve.mentions import (
    HONORIFICS,
    INITIAL,
    LO,
    NAME_WORD,
    TITLE_AT_END,
    TITLES,
    UP,
    Candidate,
    dateline_candidates,
    organisation_candidates,
    person_candidates,
    registry_candidates,
)
from builder.resolve.registry import Entity, Registry, cps_class
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


@dataclass(frozen=True)
class EntityMention:
    begin: int
    end: int
    entity: Entity
    rule: str
    confidence: float


_WORD = re.compile(r"\w+")
_LEADING_WORD = re.compile(r"\w+")

def person_name(written: str) -> str:
    """The canonical form of a person's name: honorifics and middle initials dropped, spaces normalised."""
    words = [w for w in normalise_name(written).split(" ") if w not in HONORIFICS and not INITIAL.fullmatch(w)]
    return " ".join(words)


def title_role_before(text: str, begin: int, floor: int) -> str | None:
    """The cps: role local name of a title written directly before a name ("CTU President X")."""
    before = re.sub(r"(?:\bDr\.|\bDoctor)\s+$", "", text[floor:begin])
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
    known_people = {m.entity.iri.value: m.entity for m in mentions if m.entity.kind == "person"}
    known_people.update({e.entity.iri.value: e.entity for e in registry.people()})
    taken = TakenSpans((m.begin, m.end) for m in mentions)  # overlap questions by bisection, not a scan
    mentions += _repeats(article, [m.entity for m in mentions if m.rule != "registry-name"], taken)
    mentions += _back_references(article, list(known_people.values()), taken)
    mentions += _definite_descriptions(article, registry, mentions, taken)
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


def most_mentioned(mentions: list[EntityMention], cls: object) -> Entity | None:
    """The organisation of class `cls` the article names most often (the first named on a tie): the
    antecedent of "the union", "the district"."""
    counts = Counter(m.entity for m in mentions if m.entity.kind == "organization" and m.entity.is_a(cls))
    return counts.most_common(1)[0][0] if counts else None


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

