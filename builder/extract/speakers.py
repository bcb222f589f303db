"""Who speaks: the speakers an attribution's subject names.

Speakers are the heads of the subject: "Mayor Lori Lightfoot's office and CPS CEO Dr. Janice K. Jackson
said" has two (the mayor's office speaks for the mayor, so the creator is the mayor as a person — the
same person the other reports of the joint statements name; decision recorded here), "CTU General Counsel
Robert Bloch said" one (CTU modifies the title). "she"/"he" is the nearest person named before the quote.
An unnamed spokesperson or a definite description ("the trust") is the organisation the article names,
read first among those the passage has just named; names and descriptions may be conjoined ("the trust and
UNISON"); an office ("the mayor's office") is the office of the one person the article gives that title.
Speakers named by a description only (a later reference by title, "the two sides", "the statement") are
read by builder.extract.speaker_references.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from builder.emit.mint import entity_iri
from builder.emit.terms import english
from builder.extract.context import ArticleContext
from builder.extract.rules import register
from builder.extract.speaker_references import both_parties, passage_begin, statement_parties, title_holder
from builder.extract.titles import HEADS, organization_for_noun, title_ending_at
from builder.namespaces import SKOS
from builder.resolve.entities import RULE_DEFINITE, EntityMention, dateline_place
from builder.resolve.mentions import NAME_WORD, NOT_NAME_WORDS, TITLE_PATTERN
from builder.resolve.registry import Entity
from builder.vocab import CPS

RULE_OFFICE = register("speaker-office", "An office as the speaker ('the mayor's office said'): the office of the "
                       "one person the article gives that title, a mayor's that of the dateline city's mayor.")

VERB = (r"said|says|say|told|tells|added|adds|announced|announces|stated|explained|wrote|writes|tweeted|"
        r"argued|argues|insisted|insists|warned|warns|noted|notes|asked|issued|released|responded|continued|"
        r"called|calls|described|describes|urged|urges|vowed|promised|admitted|acknowledged|conceded|claimed|"
        r"claims|stressed|contended|countered|maintained|maintains|replied|posted|accused|accuses|recalled|"
        r"pledged|welcomed|welcomes|expressed|hoped|believes|believed|predicted|confirmed|confirms|"
        r"emphasi[sz]ed|reiterated|complained|agreed|suggested|labelled|labeled|branded|thanked|praised|"
        r"criticised|criticized|denounced|slammed|blasted|dismissed|defended|hailed|promised|warned|"
        r"joked|quipped|recounted|lamented|remarked|observed|testified|declared|cautioned|boasted|sighed|"
        r"laughed|shouted|yelled|chanted|cried|answered|commented|mused|asserted|assured|reminded|concluded|"
        r"wondered|texted|emailed|pointed\s+out")
_PRONOUN = re.compile(r"\s*(?:[Ss]he|[Hh]e)\s*")
_PRONOUN_AFTER = re.compile(r"(?:^|[,:]\s*)\s*(?:[Ss]he|[Hh]e)\s*$")
# adverbs and auxiliaries between a subject and its speech verb: "X also said", "she would not say", "X had
# earlier told"
_ADVERB = re.compile(r"(?:\s+(?:also|later|then|previously|earlier|again|once|further|repeatedly|simply|has|had|"
                     r"have|would|will|could|can|did|does|do|should|might|may|must|not|never|n['’]t))+\s*$")
# What may separate a modifier from the name it modifies ("CTU General Counsel X", "CBS 2's X") and what
# joins two conjoined speakers ("X's office and Y", "X, Y and Z").
MODIFIER_GAP = re.compile(rf"\s+(?:(?i:{TITLE_PATTERN})\s+)?(?:(?:Dr\.?|Doctor)\s+)?|['’]s\s+")
_DOCUMENTS = r"(?:joint\s+)?(?:statement|letter|email|post|message|news\s+release|press\s+release|release|memo)"
_NOUN_DOCUMENT = re.compile(rf"(?:^|[,:]\s*|\s)(?:[Aa]n?|[Tt]he)\s+(?P<noun>[a-z]+)\s+{_DOCUMENTS}\s*$")
_TITLE_AFTER_FOR = re.compile(r"the\s+(?P<title>[a-z-]+)\s*$")
_OWNED_DOCUMENT = re.compile(r"['’]s?\s+(?:joint\s+)?(?:statement|letter|email|post|message|news\s+release|"
                             r"press\s+release|release|website|memo|newsletter)(?:\s+to\s+[\w\s'’-]{1,40}?)?\s*$")
_OWN_OFFICE = re.compile(r"['’]s\s+office\s*")
_CONJUNCT_GAP = re.compile(rf"(?:['’]s\s+office)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)"
                           rf"(?:(?i:{TITLE_PATTERN})\s+)?(?:(?:Dr\.?|Doctor)\s+)?")
# An apposition or relative clause between a subject and its verb: "X, the union's president, said".
_INSERTION = re.compile(r",\s+[^,;“”\"‘:]{1,120},\s*$")
_OFFICE = re.compile(r"(?P<phrase>(?:\b[Tt]he\s+)?(?P<title>[a-z][a-z-]+)['’]s\s+office)\s*$")
_SPOKESPERSON = re.compile(r"(?:\b(?:[Aa]n?|[Tt]he)\s+)?(?:(?P<noun>[a-z]+)\s+)?"
                           r"(?P<word>spokes(?:wo)?(?:man|person))\s*$")
_SPOKESPERSON_NOUN = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?P<noun>[a-z]+)\s+spokes(?:wo)?(?:man|person)\b")
_IT = re.compile(r"(?:^\s*[Ii]t|\b(?:[Ww]hat|[Ww]hich)\s+it)\s*$")
_SPOKESPERSON_FOR = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+spokes(?:wo)?(?:man|person)\s+for\s+")
# a definite description of an organisation ending a conjunct: "the trust", "district officials"
_DEFINITE = re.compile(r"(?<![\w'’-])(?P<the>[Tt]he\s+)?(?P<noun>[A-Za-z][a-z]+)(?P<group>\s+(?:officials|leaders|"
                       r"management|leadership|negotiators|bosses|administration))?\s*$")
# a short name the recogniser did not resolve, standing for the organisation whose name it begins or ends
# ("Clearview said" after "Clearview Facilities Services Ltd")
_SHORT_NAME = re.compile(r"(?<![\w'’-])(?P<noun>[A-Z][a-z][\w'’-]*)\s*$")
_CONJUNCTION = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)$")
# what may stand before a subject: the sentence start, a comma or colon, "what" ("what the union called"), or
# an introductory phrase without a comma ("In a statement issued last night the university said")
_SUBJECT_START = re.compile(r"(?:^|[,:;—–]|\bwhat|^\s*(?:In|On|At|After|Before|Speaking|Earlier|Later|Late|Early|"
                            r"Asked|Responding|Writing|By)\b[^,;:“”\"‘]*)\s*$")
_NAME_PAIR = re.compile(rf"(?<![\w'’-])({NAME_WORD.pattern})[ \t]+(?:[A-Z]\.[ \t]+)?{NAME_WORD.pattern}(?![\w'’-])")
_SET_OFF_NAME = re.compile(rf"(?:\s+{NAME_WORD.pattern})*\s*(?:,|\s+(?:{VERB})\b)")

class MentionIndex:
    """The article's agent mentions (people and organisations) in text order, searched by position in
    logarithmic time, so that reading a paragraph of many quotations stays linear in its quotations."""

    def __init__(self, ctx: ArticleContext):
        self.agents = [m for m in ctx.mentions if m.entity.kind in ("person", "organization")]
        self.begins = [m.begin for m in self.agents]

    def within(self, begin: int, end: int) -> list[EntityMention]:
        found = []
        for mention in self.agents[bisect_left(self.begins, begin):]:
            if mention.begin >= end:
                break
            if mention.end <= end:
                found.append(mention)
        return found

    def last_before(self, at: int, floor: int, kind: str) -> EntityMention | None:
        for mention in reversed(self.agents[bisect_left(self.begins, floor):bisect_left(self.begins, at)]):
            if mention.entity.kind == kind and mention.end <= at:
                return mention
        return None


def sentence_of(ctx: ArticleContext, at: int) -> tuple[int, int]:
    sentences = ctx.article.sentences
    index = bisect_right([s.begin for s in sentences], at) - 1
    if index >= 0 and sentences[index].begin <= at < sentences[index].end:
        return sentences[index].begin, sentences[index].end
    return at, at


def subject_heads(ctx: ArticleContext, before: int, floor: int, index: MentionIndex | None = None) -> list[Entity]:
    """The speakers a subject ending at `before` names: the head of each conjunct, modifiers skipped; an
    apposition or relative clause between the subject and its verb is passed over ("X, the union's vice
    president, said"; "X, who has worked there for years, says")."""
    text = ctx.article.text
    index = index or MentionIndex(ctx)
    adverb = _ADVERB.search(text, floor, before)
    if adverb is not None:
        before = adverb.start()
    candidates = index.within(floor, before)
    set_off = re.search(r",\s*$", text[max(floor, before - 4):before])
    if set_off is not None:
        # "The company's vice president, X, said": a name set off by commas is the subject
        comma = max(floor, before - 4) + set_off.start()
        named = [m for m in candidates if m.end == comma]
        if named and re.search(r",\s*$", text[max(floor, named[-1].begin - 4):named[-1].begin]):
            before = comma
            candidates = [m for m in candidates if m.end <= before]
    inserted = _INSERTION.search(text, floor, before)
    if inserted is not None and any(m.end == inserted.start() for m in candidates):
        before = inserted.start()  # "X, whose teachers struck last year, said": the subject is X
        candidates = [m for m in candidates if m.end <= before]
    # a mention inside a longer one is part of it ("the union" in "the head of the union")
    candidates = [m for m in candidates
                  if not any(o is not m and o.begin <= m.begin and m.end <= o.end and o.end - o.begin > m.end - m.begin
                             for o in candidates)]
    heads: list[Entity] = []
    cursor = before
    for mention in reversed(candidates):
        gap = text[mention.end:cursor]
        if not heads:
            if gap.strip() and not (mention.entity.kind == "person" and _OWN_OFFICE.fullmatch(gap)):
                break  # (the office of a named person speaks for the person: "Mayor X's office said")
            heads.append(_agent(ctx, index, mention))
        elif _CONJUNCT_GAP.fullmatch(gap):
            heads.append(_agent(ctx, index, mention))
        elif not MODIFIER_GAP.fullmatch(gap):
            break
        cursor = mention.begin
    return list(dict.fromkeys(reversed(heads)))


def speakers_of(ctx: ArticleContext, index: MentionIndex, subject_begin: int, subject_end: int,
                quote_at: int, floor: int) -> tuple[list[Entity], float]:
    """The speakers the words text[subject_begin:subject_end] (a subject standing before its verb) name,
    with the confidence of the reading: named agents, a pronoun ("she") read as the last person named in
    this paragraph or the one before, an unnamed spokesperson or a definite description ("the trust") read
    as the organisation the article names, an office ("the mayor's office")."""
    text = ctx.article.text
    speakers = subject_heads(ctx, subject_end, subject_begin, index)
    on_behalf = _SPOKESPERSON_FOR.search(text, subject_begin, subject_end)
    described = _TITLE_AFTER_FOR.match(text, on_behalf.end(), subject_end) if on_behalf is not None else None
    if not speakers and described is not None and described.group("title").lower() in HEADS:
        # "a spokesperson for the mayor said": the office of the one person the article gives that title
        office = office_of(ctx, index, described.group("title"), on_behalf.start(), subject_end,
                           alias=f"{described.group('title').lower()}'s office")
        return ([office], 0.7) if office is not None else ([], 0.0)
    if len(speakers) == 1 and speakers[0].kind == "person" and on_behalf is not None:
        # "a spokesperson for Education Minister X said": the words are the office's, not X's own
        person = index.last_before(subject_end, subject_begin, "person")
        title = title_ending_at(text, person.begin, on_behalf.end()) if person is not None else None
        written = text[person.begin:person.end] if person is not None else ""
        described = re.fullmatch(r"[Tt]he\s+(?P<head>[a-z-]+)", written)  # "a spokesperson for the mayor"
        head = title.head if title is not None else described.group("head") if described and \
            described.group("head") in HEADS else _leading_title(written) if person else None
        office = office_of(ctx, index, head, on_behalf.start(), subject_end,
                           alias=f"{head}'s office") if head is not None else None
        return ([office], 0.7) if office is not None else ([], 0.0)
    document = _OWNED_DOCUMENT.search(text, subject_begin, subject_end)
    if document is not None:
        # "the district's statement said", "Lopez's letter to members said": the owner speaks
        return speakers_of(ctx, index, subject_begin, document.start(), quote_at, floor)
    document = _NOUN_DOCUMENT.search(text, subject_begin, subject_end)
    if document is not None:
        # "a district statement said": the organisation the noun stands for
        organization = organization_near(index, document.group("noun"), quote_at)
        return ([organization], 0.7) if organization is not None else ([], 0.0)
    conjoined = conjoined_agents(ctx, index, subject_begin, subject_end, quote_at)
    if len(conjoined) > len(speakers):
        # "the trust and UNISON", "the TTC and the union": descriptions conjoined with names
        return conjoined, 0.75 if len(speakers) == 0 else 0.8
    if speakers:
        return speakers, 0.9
    words = text[subject_begin:subject_end]
    adverb = _ADVERB.search(words)
    if adverb is not None:
        words = words[:adverb.start()]
    if _PRONOUN.fullmatch(words) or _PRONOUN_AFTER.search(words):
        feminine = re.search(r"\b[Ss]he\b", words) is not None
        person = _antecedent(ctx, index, quote_at, floor, feminine)
        confidence = 0.7
        if person is None:
            # the nearest person named further back in the passage, when no one else is named since
            person, confidence = _antecedent(ctx, index, quote_at, passage_begin(ctx, quote_at), feminine), 0.6
        if person is None or _unrecognised_name(ctx, index, person.end, quote_at):
            return [], 0.0  # no antecedent, or another name stands between: no guess
        return [person.entity], confidence
    office = _OFFICE.search(words)
    if office is not None:
        entity = office_of(ctx, index, office.group("title"), subject_begin + office.start("phrase"),
                           subject_begin + office.end())
        return ([entity], 0.75) if entity is not None else ([], 0.0)
    if _IT.search(words):
        organization = index.last_before(quote_at, floor, "organization")
        return ([organization.entity], 0.7) if organization is not None else ([], 0.0)
    spokesperson = _SPOKESPERSON.search(words)
    if spokesperson is not None:
        return _spokesperson_speaks_for(ctx, index, spokesperson, subject_begin, floor)
    holder = title_holder(ctx, index.agents, words, quote_at)
    if holder is not None:
        return [holder], 0.75
    parties = both_parties(ctx, words, quote_at) or statement_parties(
        ctx, words, quote_at, lambda b, e: conjoined_agents(ctx, index, b, e, quote_at),
        lambda noun, at: organization_near(index, noun, at))
    return (parties, 0.7) if parties else ([], 0.0)


def _antecedent(ctx: ArticleContext, index: MentionIndex, at: int, floor: int, feminine: bool) -> EntityMention | None:
    """The person "she"/"he" at `at` refers to: the nearest named before it, passing over one the article calls
    Mr (for "she") or Ms/Mrs (for "he")."""
    for mention in reversed(index.agents[bisect_left(index.begins, floor):bisect_left(index.begins, at)]):
        if mention.entity.kind != "person" or mention.end > at:
            continue
        if _called(ctx, mention.entity, ("Ms", "Mrs", "Miss") if not feminine else ("Mr",)):
            continue
        return mention
    return None


def _called(ctx: ArticleContext, person: Entity, honorifics: tuple[str, ...]) -> bool:
    """Whether the article calls the person by one of the honorifics ("Ms Holt", "Mr. Reyes")."""
    surname = person.label.split()[-1]
    return re.search(rf"\b(?:{'|'.join(honorifics)})\.?\s+{re.escape(surname)}\b", ctx.article.text) is not None


def conjoined_agents(ctx: ArticleContext, index: MentionIndex, begin: int, end: int, at: int) -> list[Entity]:
    """The agents a subject text[begin:end] names when it is wholly made of conjoined names and definite
    descriptions ("the trust and UNISON", "the TTC and the union", "district officials"), each description
    read as the organisation it stands for; [] when any conjunct is something else (no guess)."""
    text = ctx.article.text
    adverb = _ADVERB.search(text, begin, end)
    cursor = adverb.start() if adverb is not None else len(text[:end].rstrip())
    agents: list[Entity] = []
    separator: re.Match[str] | None = None
    while cursor > begin:
        named = [m for m in index.within(begin, cursor) if m.end == cursor]
        if named:
            mention = min(named, key=lambda m: m.begin)
            agents.append(_agent(ctx, index, mention))
            cursor = mention.begin
            title = title_ending_at(text, cursor, begin)
            cursor = title.begin if title is not None else cursor  # "union president X"
        else:
            definite = _DEFINITE.search(text, begin, cursor)
            if definite is not None and (definite.group("the") or definite.group("group")):
                organization = organization_near(index, definite.group("noun").lower(), at)
            else:
                definite = _SHORT_NAME.search(text, begin, cursor)
                organization = organization_near(index, definite.group("noun"), at) if definite else None
            if organization is None:
                if separator is not None and "and" not in separator.group():
                    cursor = separator.end()  # "In a statement, the trust": the comma ends an introduction
                    break
                return []
            agents.append(organization)
            cursor = definite.start()
        separator = _CONJUNCTION.search(text, begin, cursor)
        if separator is None:
            break
        cursor = separator.start()
    if not agents or not _SUBJECT_START.search(text[begin:cursor]):
        return []
    return list(dict.fromkeys(reversed(agents)))


def _agent(ctx: ArticleContext, index: MentionIndex, mention: EntityMention) -> Entity:
    """The speaker a subject mention names. "The union" the recogniser resolved to the article's most mentioned
    union is read again as the one the passage has just named (an article about a transit strike written
    for a students' union's paper: "the TTC and the union said" is the transit workers' union)."""
    if mention.rule != RULE_DEFINITE or mention.entity.kind != "organization":
        return mention.entity
    noun = re.search(r"([a-z]+)\W*$", ctx.article.text[mention.begin:mention.end])
    return (organization_near(index, noun.group(1), mention.begin) if noun else None) or mention.entity


_NEAR = 1500  # characters: how far back "the union" looks first for the union the passage speaks of


def organization_near(index: MentionIndex, noun: str, at: int) -> Entity | None:
    """The organisation a common noun ("the union", "the trust") stands for at `at`: read first among the
    organisations named in the passage before it (an article about two unions means the one just named),
    then in the whole article."""
    recent = [m for m in index.agents[bisect_left(index.begins, at - _NEAR):bisect_left(index.begins, at)]
              if m.rule != RULE_DEFINITE]  # named, not described: the descriptions are what is being read
    return organization_for_noun(recent, noun) or organization_for_noun(index.agents, noun)


def _spokesperson_speaks_for(ctx: ArticleContext, index: MentionIndex, spokesperson: re.Match[str],
                             subject_begin: int, floor: int) -> tuple[list[Entity], float]:
    """An unnamed spokesperson speaks for an organisation: the one named before the word ("a St Bride's
    College spokesperson"), the one a common noun stands for ("a university spokesperson"), or, for "a/the
    spokesperson" alone, the one an earlier spokesperson of the passage spoke for, else the organisation last
    named (or described: "The university has released a figure. A spokeswoman said …")."""
    text = ctx.article.text
    at = subject_begin + spokesperson.start("word")
    named = index.last_before(at, floor, "organization")
    if named is not None and re.fullmatch(r"(?:['’]s)?\s+", text[named.end:at]):
        return [named.entity], 0.75
    if spokesperson.group("noun"):
        organization = organization_for_noun(index.agents, spokesperson.group("noun"))
        return ([organization], 0.7) if organization is not None else ([], 0.0)
    earlier = [m for m in _SPOKESPERSON_NOUN.finditer(text, floor, at)]
    for match in reversed(earlier):
        organization = organization_for_noun(index.agents, match.group("noun"))
        if organization is not None:
            return [organization], 0.7
    last = index.last_before(at, floor, "organization")
    described = [organization_for_noun(index.agents, noun) for noun in
                 re.findall(r"\b[Tt]he\s+([a-z]+)\b", text[last.end if last else floor:at])]
    described = [o for o in described if o is not None]
    if described:
        return [described[-1]], 0.65
    return ([last.entity], 0.65) if last is not None else ([], 0.0)


def _unrecognised_name(ctx: ArticleContext, index: MentionIndex, begin: int, end: int) -> bool:
    """Whether text[begin:end] holds a name the recogniser did not resolve ("line cook Rafael Ibarra-Soto"):
    two capitalised name words outside every mention, which a pronoun after them may refer to."""
    covered = [(m.begin, m.end) for m in index.within(begin, end)]
    for match in _NAME_PAIR.finditer(ctx.article.text, begin, end):
        if match.group(1) in NOT_NAME_WORDS or any(b <= match.start() < e for b, e in covered):
            continue
        text = ctx.article.text
        if re.search(r"\b(?:the|of|for|at|in|on|to)\s+$", text[max(0, match.start() - 5):match.start()]):
            continue  # "the South West", "at Huddersfield Royal Infirmary": a place or an organisation
        if _SET_OFF_NAME.match(text, match.end()):
            return True  # "line cook Rafael Ibarra-Soto, said": a person the pronoun may refer to
    return False


def office_of(ctx: ArticleContext, index: MentionIndex, title: str, begin: int, end: int,
              alias: str | None = None) -> Entity | None:
    """ "the mayor's office", "the minister's office": the office of the one person the article gives that
    title ("Education Minister X"), a mayor's office being that of the city's mayor. Grounded at the words;
    its other name is the phrase as written."""
    title = title.lower()
    holders = []
    for mention in index.agents:
        if mention.entity.kind != "person":
            continue
        before = ctx.article.text[max(0, mention.begin - 40):mention.begin]
        if re.search(rf"(?i:\b{re.escape(title)})\s+(?:(?:Dr\.?|Doctor)\s+)?$", before) or \
                _leading_title(mention.entity.label) == title:
            holders.append(mention.entity)
    holders = list(dict.fromkeys(holders))
    if title == "mayor":
        place = dateline_place(ctx.article, ctx.mentions)
        if place is not None:
            name = f"Office of the Mayor of {place.label}"
        elif len(holders) == 1:
            name = f"Office of Mayor {holders[0].label}"
        else:
            return None
        classes = (str(CPS.MayorsOffice),)
    elif len(holders) == 1:
        holder = holders[0].label
        name = f"Office of {holder}" if _leading_title(holder) == title else f"Office of {title.capitalize()} {holder}"
        classes = (str(CPS.GovernmentOrganization),)
    else:
        return None
    entity = Entity(entity_iri("organization", name), "organization", name, classes)
    sink = ctx.sink
    for cls in classes:
        sink.add_type(entity.iri, cls)
    sink.label(entity.iri, name)
    phrase = alias or re.sub(r"^(?:[Tt]he)\s+", "", ctx.article.text[begin:end])
    sink.add(entity.iri, str(SKOS.altLabel), english(phrase))
    ctx.ground(entity.iri, begin, end, RULE_OFFICE, 0.75)
    return entity


def _leading_title(name: str) -> str | None:
    """A title the recogniser left at the start of a name ("Minister Gordon Reyes"), lower-case."""
    first = name.split(" ", 1)[0].lower()
    return first if first in HEADS and " " in name else None
