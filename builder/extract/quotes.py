"""Quotations and statements: every direct quotation with its speakers, article and date.

A quoted stretch of text is a quotation of a speaker only when the text attributes it; otherwise it is a
quoted phrase (scare quotes: a "sick out", a “tentative” deal, a "48-hour cooling off period") and
yields nothing. Attributions are recognised in the shapes news copy uses:

* after the quote, which then ends in a comma, ? or ! (a full stop would close the sentence):
  “…,” CTU President X said. / “…,” said X, president of … / “…,” she said.
* continuation: a quote that directly follows such an attribution continues the same speech
  (“…,” Bruno said. “…”);
* an introducing sentence ending in a colon, in the same paragraph or closing the previous content
  paragraph: "X and Y issued this statement about …:" followed by the quote;
* a quoted fragment of three or more words inside a sentence whose speech verb has a resolved subject:
  CTU said the offer by CPS “merits further review”.

Speakers are the heads of the subject: "Mayor Lori Lightfoot's office and CPS CEO Dr. Janice K. Jackson
said" has two (the mayor's office speaks for the mayor, so the creator is the mayor as a person — the
same person the other reports of the joint statements name; decision recorded here), "CTU General Counsel
Robert Bloch said" one (CTU modifies the title). "she"/"he" is the nearest person named before the quote.
The date said comes from the attribution's own words ("said Monday", "in a statement Friday afternoon"),
resolved by builder.extract.dates against the publication date; no date is assumed when the text gives none.

An attribution that says "in a statement" (or "issued this statement") makes a `cps:Statement`
(`cps:JointStatement` for a joint one or one with two or more speakers) that the quotations `cps:quotes`.
An introducing sentence followed by no quote ("… said in a statement Monday evening:" at the end of the
text) is a statement with `cps:textReported false` and no invented text.

IRIs are content-derived: a quotation by its speakers and normalised text (one instance when two
articles quote the same words of the same speakers), a statement by its speakers and the day said.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from builder.emit.mint import entity_iri, fact_iri
from builder.emit.terms import boolean, english, xsd_date
from builder.emit.terms import text as string
from builder.extract import dates
from builder.extract.context import ArticleContext
from builder.extract.rules import register
from builder.extract.titles import HEADS, organization_for_noun, title_ending_at
from builder.namespaces import PROV, SCHEMA, SKOS
from builder.resolve.entities import EntityMention, dateline_place
from builder.resolve.mentions import NAME_WORD, NOT_NAME_WORDS, TITLE_PATTERN
from builder.resolve.registry import Entity
from builder.vocab import CPS

RULE_AFTER = register("quotation-attribution-after", "A quotation ending in a comma, ? or ! followed by "
                      "its attribution: '“…,” X said', '“…,” said X'.")
RULE_CONTINUED = register("quotation-continuation", "A quotation directly following an attributed one "
                          "continues the same speech ('“…,” X said. “…”').")
RULE_RUN_ON = register("quotation-run-on", "A quotation opening a paragraph and left open at its end, "
                       "attributed by the quotation that continues it in the next paragraph ('“…¶“…,” she said').")
RULE_INTRODUCED = register("quotation-introduced", "A quotation introduced by a sentence that ends in a "
                           "colon and names the speakers ('X issued this statement:').")
RULE_FRAGMENT = register("quotation-fragment", "A quoted fragment of three or more words inside a "
                         "sentence whose speech verb has a resolved subject ('X said the offer “…”').")
RULE_STATEMENT = register("statement-attribution", "A statement the attribution names as such ('said in a "
                          "statement', 'issued this joint statement').")
RULE_UNREPORTED = register("statement-unreported", "A statement introduced with a colon but not followed "
                           "by its text: recorded with cps:textReported false, no text invented.")

RULE_OFFICE = register("speaker-office", "An office as the speaker ('the mayor's office said'): the office of the "
                       "one person the article gives that title, a mayor's that of the dateline city's mayor.")

VERB = (r"said|says|say|told|tells|added|adds|announced|announces|stated|explained|wrote|writes|tweeted|"
        r"argued|argues|insisted|insists|warned|warns|noted|notes|asked|issued|released|responded|continued|"
        r"called|calls|described|describes|urged|urges|vowed|promised|admitted|acknowledged|conceded|claimed|"
        r"claims|stressed|contended|countered|maintained|maintains|replied|posted|accused|accuses|recalled|"
        r"pledged|welcomed|welcomes|expressed|hoped|believes|believed|predicted|confirmed|confirms|"
        r"emphasi[sz]ed|reiterated|complained|agreed|suggested|labelled|labeled|branded|thanked|praised|"
        r"criticised|criticized|denounced|slammed|blasted|dismissed|defended|hailed|promised|warned")
_VERB = re.compile(rf"\b(?:{VERB})\b")
_VERB_AT_END = re.compile(rf"\b(?:{VERB})(?:\s+(?:on\s+)?[A-Z]\w+day)?\s*,?$")
_PRONOUN = re.compile(r"\s*(?:[Ss]he|[Hh]e)\s*")
_PRONOUN_AFTER = re.compile(r"(?:^|[,:]\s*)\s*(?:[Ss]he|[Hh]e)\s*$")
_ADVERB = re.compile(r"\s+(?:also|later|then|previously|earlier|again|once|further|repeatedly|simply|has|had|"
                     r"have|had\s+also|has\s+also)\s*$")
# What may separate a modifier from the name it modifies ("CTU General Counsel X", "CBS 2's X") and what
# joins two conjoined speakers ("X's office and Y", "X, Y and Z").
_MODIFIER_GAP = re.compile(rf"\s+(?:(?i:{TITLE_PATTERN})\s+)?(?:(?:Dr\.?|Doctor)\s+)?|['’]s\s+")
_CONJUNCT_GAP = re.compile(rf"(?:['’]s\s+office)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)"
                           rf"(?:(?i:{TITLE_PATTERN})\s+)?(?:(?:Dr\.?|Doctor)\s+)?")
_STATEMENT = re.compile(r"\bstatement\b")
# An apposition or relative clause between a subject and its verb: "X, the union's president, said".
_INSERTION = re.compile(r",\s+[^,;“”\"‘:]{1,120},\s*$")
_OFFICE = re.compile(r"(?P<phrase>(?:\b[Tt]he\s+)?(?P<title>[a-z][a-z-]+)['’]s\s+office)\s*$")
_SPOKESPERSON = re.compile(r"(?:\b(?:[Aa]n?|[Tt]he)\s+)?(?:(?P<noun>[a-z]+)\s+)?"
                           r"(?P<word>spokes(?:wo)?(?:man|person))\s*$")
_SPOKESPERSON_NOUN = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?P<noun>[a-z]+)\s+spokes(?:wo)?(?:man|person)\b")
_IT = re.compile(r"(?:^\s*[Ii]t|\b(?:[Ww]hat|[Ww]hich)\s+it)\s*$")
_SPOKESPERSON_FOR = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+spokes(?:wo)?(?:man|person)\s+for\s+")
_DEFINITE_AGENTS = re.compile(r"(?:^|[,:]\s*|\bwhat\s+)\s*(?P<agents>[Tt]he\s+[a-z]+(?:\s+and\s+the\s+[a-z]+)?)"
                              r"(?:\s+(?:officials|leaders|management|leadership|negotiators|bosses|administration))?"
                              r"\s*$")
_NEXT_QUOTE = re.compile(r"[“”\"‘]|(?<!\w)'(?=\w)")
_ARTICLE = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+$")
_NAME_PAIR = re.compile(rf"(?<![\w'’-])({NAME_WORD.pattern})[ \t]+(?:[A-Z]\.[ \t]+)?{NAME_WORD.pattern}(?![\w'’-])")
_RELATIVE = re.compile(r",\s+(?:which|who|whose|whom)\b[^,;:“”\"‘’]*,")
_QUOTED = re.compile(r"[“\"‘][^“”\"‘’]*[”\"’]")
_SET_OFF_NAME = re.compile(rf"(?:\s+{NAME_WORD.pattern})*\s*(?:,|\s+(?:{VERB})\b)")
_SCARE = re.compile(r"(?i:so-called|dubbed|known\s+as|termed)\s*$")


@dataclass
class Attribution:
    speakers: list[Entity]
    begin: int  # the attribution clause (verb … end), where the date and "statement" are read
    end: int
    rule: str
    confidence: float
    statement: object | None = None  # the statement IRI, once minted


def extract_quotes(ctx: ArticleContext) -> None:
    text = ctx.article.text
    paragraphs = ctx.article.content_paragraphs()
    index_of = _MentionIndex(ctx)
    carried: Attribution | None = None  # a speech whose quote runs on into the next paragraph
    # quotes left open at the end of their paragraph with no attribution yet: news style attributes a
    # quotation that runs over several paragraphs in the last of them ("“…¶“…,” she said.")
    pending: list[tuple[int, int]] = []
    run_floor = 0
    texts: dict[str, str] = {}  # quotation IRI -> the words it was first quoted with in this article
    for index, paragraph in enumerate(paragraphs):
        previous, previous_end = carried, paragraph.begin
        carried = None
        waiting, pending = pending, []
        pairs = quote_pairs(text, paragraph.begin, paragraph.end)
        floor = paragraphs[index - 1].begin if index else paragraph.begin
        if waiting and pairs and not text[paragraph.begin:pairs[0][0]].strip():
            floor = min(floor, run_floor)  # a pronoun here may name the speaker before the run began
        for position, (open_at, close_at) in enumerate(pairs):
            begin, end = _inner(text, open_at + 1, close_at)
            if end <= begin:
                continue
            runs_on = position == 0 and waiting and not text[paragraph.begin:open_at].strip()
            attribution, rule = _after(ctx, index_of, begin, end, close_at + 1, paragraph.end, floor), RULE_AFTER
            if attribution is None and previous is not None and not _between_quotes(text[previous_end:open_at]):
                attribution, rule = previous, RULE_CONTINUED
            if attribution is None:
                attribution, rule = _introduced(ctx, index_of, open_at, paragraph, paragraphs[:index], floor), \
                    RULE_INTRODUCED
            if attribution is None:
                attribution, rule = _fragment(ctx, index_of, begin, end, open_at, close_at, floor), RULE_FRAGMENT
            if attribution is None:
                previous = None
                if close_at == paragraph.end and not text[paragraph.begin:open_at].strip():
                    pending = (waiting if runs_on else []) + [(begin, end)]
                    run_floor = floor if runs_on else (paragraphs[index - 1].begin if index else paragraph.begin)
                continue  # a quoted phrase, not a quotation of a speaker (unless a later paragraph says)
            if runs_on and rule != RULE_FRAGMENT:
                for earlier_begin, earlier_end in waiting:
                    emit_quotation(ctx, attribution, earlier_begin, earlier_end, RULE_RUN_ON, texts)
            emit_quotation(ctx, attribution, begin, end, rule, texts)
            previous = attribution if rule != RULE_FRAGMENT else None
            previous_end = max(close_at + 1, attribution.end)
            if close_at == paragraph.end:
                carried = attribution
        if not pairs or pairs[-1][1] < paragraph.end - 2:
            _unreported_statement(ctx, index_of, paragraph, paragraphs[index + 1:])


def _between_quotes(gap: str) -> bool:
    """Whether the words between two quotes stand between them (a continuation has none, or only the
    attribution already read)."""
    return bool(gap.strip(" \t\n,.;:—–-"))


_DOUBLE = "“”\"„"
_SINGLE = "‘’'‚"
_LETTER = re.compile(r"\w")


def quote_pairs(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """(opening, closing) positions of the quotation marks of text[begin:end].

    Double quotes of any shape (curly, straight, mixed, or printed the wrong way round) alternate: news copy
    does not nest them except around single quotes. A quote left open at the end of the paragraph is
    paired with the paragraph's end: news style opens a quote that runs on into the next paragraph and
    closes it only there. Outside double quotes, single quotes (UK style, ‘…’ or '…') are read the same
    way, an apostrophe (a mark between two letters, "That's", "O'Brien", or a plural possessive followed by
    a further word the quote goes on with) being no quotation mark."""
    pairs: list[tuple[int, int]] = []
    opened = None
    for at in range(begin, end):
        if text[at] in _DOUBLE:
            if opened is None:
                opened = at
            else:
                pairs.append((opened, at))
                opened = None
    if opened is not None:
        if _opens(text, opened, begin):
            pairs.append((opened, end))
    covered = [(b, e) for b, e in pairs]
    pairs += _single_pairs(text, begin, end, covered)
    return sorted(pairs)


def _opens(text: str, at: int, floor: int) -> bool:
    before = text[at - 1] if at > floor else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace()


def _closes(text: str, at: int, ceiling: int) -> bool:
    before = text[at - 1]
    after = text[at + 1] if at + 1 < ceiling else " "
    if before.isspace() or (_LETTER.match(before) and _LETTER.match(after)):
        return False
    return not after.isalnum()


def _inner(text: str, begin: int, end: int) -> tuple[int, int]:
    """The quoted words without surrounding space and without the comma news style puts before the
    attribution (it replaces the speaker's full stop and is not the speaker's)."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return begin, end


def _single_pairs(text: str, begin: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    marks = [at for at in range(begin, end) if text[at] in _SINGLE
             and not any(b <= at <= e for b, e in covered)]
    pairs, opened = [], None
    for position, at in enumerate(marks):
        if opened is None:
            if _opens(text, at, begin):
                opened = at
            continue
        if not _closes(text, at, end):
            continue
        # "our members' pay": a plural possessive, when the quote closes further on
        later = [m for m in marks[position + 1:] if _closes(text, m, end)]
        if text[at - 1] == "s" and re.match(r"\s+[a-z]", text[at + 1:at + 3]) and later:
            continue
        pairs.append((opened, at))
        opened = None
    if opened is not None and (text[opened] != "'" or not text[begin:opened].strip()):
        pairs.append((opened, end))
    return pairs


class _MentionIndex:
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


def _sentence_of(ctx: ArticleContext, at: int) -> tuple[int, int]:
    sentences = ctx.article.sentences
    index = bisect_right([s.begin for s in sentences], at) - 1
    if index >= 0 and sentences[index].begin <= at < sentences[index].end:
        return sentences[index].begin, sentences[index].end
    return at, at


def subject_heads(ctx: ArticleContext, before: int, floor: int, index: _MentionIndex | None = None) -> list[Entity]:
    """The speakers a subject ending at `before` names: the head of each conjunct, modifiers skipped; an
    apposition or relative clause between the subject and its verb is passed over ("X, the union's vice
    president, said"; "X, who has worked there for years, says")."""
    text = ctx.article.text
    index = index or _MentionIndex(ctx)
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
            if gap.strip():
                break
            heads.append(mention.entity)
        elif _CONJUNCT_GAP.fullmatch(gap):
            heads.append(mention.entity)
        elif not _MODIFIER_GAP.fullmatch(gap):
            break
        cursor = mention.begin
    return list(dict.fromkeys(reversed(heads)))


def speakers_of(ctx: ArticleContext, index: _MentionIndex, subject_begin: int, subject_end: int,
                quote_at: int, floor: int) -> tuple[list[Entity], float]:
    """The speakers the words text[subject_begin:subject_end] (a subject standing before its verb) name,
    with the confidence of the reading: named agents, a pronoun ("she") read as the last person named in
    this paragraph or the one before, an unnamed spokesperson or a definite description ("the trust") read
    as the organisation the article names, an office ("the mayor's office")."""
    text = ctx.article.text
    speakers = subject_heads(ctx, subject_end, subject_begin, index)
    on_behalf = _SPOKESPERSON_FOR.search(text, subject_begin, subject_end)
    if len(speakers) == 1 and speakers[0].kind == "person" and on_behalf is not None:
        # "a spokesperson for Education Minister X said": the words are the office's, not X's own
        person = index.last_before(subject_end, subject_begin, "person")
        title = title_ending_at(text, person.begin, on_behalf.end()) if person is not None else None
        head = title.head if title is not None else _leading_title(text[person.begin:person.end]) if person else None
        office = office_of(ctx, index, head, on_behalf.start(), subject_end,
                           alias=f"{head}'s office") if head is not None else None
        return ([office], 0.7) if office is not None else ([], 0.0)
    if speakers:
        return speakers, 0.9
    words = text[subject_begin:subject_end]
    adverb = _ADVERB.search(words)
    if adverb is not None:
        words = words[:adverb.start()]
    if _PRONOUN.fullmatch(words) or _PRONOUN_AFTER.search(words):
        person = index.last_before(quote_at, floor, "person")
        if person is None or _unrecognised_name(ctx, index, person.end, quote_at):
            return [], 0.0  # no antecedent, or another name stands between: no guess
        return [person.entity], 0.7
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
    definite = _DEFINITE_AGENTS.search(words)
    if definite is not None:
        # "the trust", "the university and the branch" (a joint statement)
        organizations = [organization_for_noun(index.agents, noun)
                         for noun in re.findall(r"\b[Tt]he\s+([a-z]+)", definite.group("agents"))]
        if organizations and all(o is not None for o in organizations):
            return list(dict.fromkeys(organizations)), 0.75
    return [], 0.0


def _spokesperson_speaks_for(ctx: ArticleContext, index: _MentionIndex, spokesperson: re.Match[str],
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


def _unrecognised_name(ctx: ArticleContext, index: _MentionIndex, begin: int, end: int) -> bool:
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


def office_of(ctx: ArticleContext, index: _MentionIndex, title: str, begin: int, end: int,
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


def _after(ctx: ArticleContext, index: _MentionIndex, begin: int, end: int, after: int, ceiling: int,
           floor: int) -> Attribution | None:
    """ "“…,” X said." / "“…,” said X, the title of Y." / "‘…,’ she said."."""
    text = ctx.article.text
    closing = text[begin:after - 1].rstrip()
    if not closing or closing[-1] not in ",?!—–-":
        return None  # a quote closed by a full stop ends its sentence: what follows is not its attribution
    _, sentence_end = _sentence_of(ctx, after)
    limit = min(ceiling, sentence_end if sentence_end > after else ceiling)
    next_quote = _NEXT_QUOTE.search(text, after, limit)
    if next_quote:
        limit = next_quote.start()
    verb = _VERB.search(text, after, limit)
    if verb is None or verb.start() - after > 120:
        return None
    if text[after:verb.start()].strip():
        speakers, confidence = speakers_of(ctx, index, after, verb.start(), begin, floor)
    else:
        speakers, confidence = _object_speakers(ctx, index, verb.end(), limit, begin, floor)
    if not speakers:
        return None
    return Attribution(speakers, verb.start(), limit, RULE_AFTER, confidence)


def _object_speakers(ctx: ArticleContext, index: _MentionIndex, at: int, limit: int, quote_at: int,
                     floor: int) -> tuple[list[Entity], float]:
    """The speaker named after the verb: "said X", "said a spokesperson for the Y", "said the union"."""
    text = ctx.article.text
    following = index.within(at, limit)
    # "said X", "said union president X", "said Dr X": the first agent, after at most a title's words
    if following and re.fullmatch(r"\s*(?:[\w’'.-]+\s+){0,5}", text[at:following[0].begin]):
        return [following[0].entity], 0.9
    phrase = re.match(r"\s*((?:an?|the)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3})", text[at:limit])
    if phrase is None:
        return [], 0.0
    return speakers_of(ctx, index, at + phrase.start(1), at + phrase.end(1), quote_at, floor)


def _introduced(ctx: ArticleContext, index: _MentionIndex, open_at: int, paragraph, earlier,
                floor: int) -> Attribution | None:
    """A quotation after its attribution: "X said: “…”", "X said “…”", "X told the crowd:" closing the
    paragraph before."""
    text = ctx.article.text
    lead = text[paragraph.begin:open_at]
    if lead.strip():
        stripped = lead.rstrip()
        if stripped.endswith(":"):
            colon = paragraph.begin + len(stripped) - 1
            return _intro_sentence(ctx, index, colon, open_at, floor)
        said = _VERB_AT_END.search(stripped)
        if said is None:
            return None
        verb_at = paragraph.begin + said.start()
        sentence_begin, _ = _sentence_of(ctx, verb_at)
        speakers, confidence = speakers_of(ctx, index, max(sentence_begin, paragraph.begin), verb_at, open_at,
                                           floor)
        if not speakers:
            return None
        return Attribution(speakers, verb_at, open_at, RULE_INTRODUCED, confidence)
    if not earlier or not text[earlier[-1].begin:earlier[-1].end].rstrip().endswith(":"):
        return None
    colon = earlier[-1].begin + len(text[earlier[-1].begin:earlier[-1].end].rstrip()) - 1
    return _intro_sentence(ctx, index, colon, open_at, floor)


def _intro_sentence(ctx: ArticleContext, index: _MentionIndex, colon: int, quote_at: int,
                    floor: int) -> Attribution | None:
    text = ctx.article.text
    sentence_begin, _ = _sentence_of(ctx, colon)
    for verb in _VERB.finditer(text, sentence_begin, colon):
        speakers, confidence = speakers_of(ctx, index, sentence_begin, verb.start(), quote_at, floor)
        if speakers:
            return Attribution(speakers, verb.start(), colon, RULE_INTRODUCED, min(confidence, 0.85))
    return None


def _fragment(ctx: ArticleContext, index: _MentionIndex, begin: int, end: int, open_at: int, close_at: int,
              floor: int) -> Attribution | None:
    """Quoted words inside the reporter's sentence whose speech verb has a subject: "X called the offer
    “insulting”", "the trust said patient safety would be its 'first priority'", "‘…’ its cleaners, the
    college said". A phrase the reporter only names ("a so-called “cooling off” period") is no quotation."""
    text = ctx.article.text
    if _SCARE.search(text, max(floor, open_at - 20), open_at):
        return None
    if len(text[begin:end].split()) <= 2 and _ARTICLE.search(text, max(floor, open_at - 5), open_at):
        return None  # a word or two the reporter puts in quotes inside a noun phrase: an “impasse”
    sentence_begin, sentence_end = _sentence_of(ctx, open_at)
    if sentence_end <= sentence_begin:
        return None
    verbs = list(_VERB.finditer(text, sentence_begin, open_at))
    if verbs:
        # the nearest speech verb governs the quoted words, unless a new clause starts between them
        verb = verbs[-1]
        governed = _QUOTED.sub("", _RELATIVE.sub("", text[verb.end():open_at]))  # "called the proposal, which …"
        if not re.search(r"[;:—–]|,\s*(?:\S+\s+)?$", governed):
            speakers, confidence = speakers_of(ctx, index, sentence_begin, verb.start(), open_at, floor)
            if speakers:
                # The date of a fragment's sentence may stand before its subject ("Sunday morning CTU said").
                return Attribution(speakers, sentence_begin, open_at, RULE_FRAGMENT, min(confidence, 0.7))
    # the attribution follows the quoted words, later in the same sentence: "… ‘greatly values’ them, the
    # college said."
    tail = text[close_at + 1:sentence_end]
    said = re.search(rf",\s+((?:[^,;“”\"‘’]{{0,60}}?))\s+(?:{VERB})\b[^,;“”\"‘’]*[.!?]?\s*$", tail)
    if said is not None and not _NEXT_QUOTE.search(tail, 0, said.start()):
        subject_begin = close_at + 1 + said.start(1)
        speakers, confidence = speakers_of(ctx, index, subject_begin, close_at + 1 + said.end(1), open_at, floor)
        if speakers:
            return Attribution(speakers, subject_begin, sentence_end, RULE_FRAGMENT, min(confidence, 0.7))
    return None


def _unreported_statement(ctx: ArticleContext, index: _MentionIndex, paragraph, later) -> None:
    """ "X said in a statement Monday evening:" with no quotation after it."""
    text = ctx.article.text
    body = text[paragraph.begin:paragraph.end].rstrip()
    if not body.endswith(":"):
        return
    follows = text[later[0].begin:later[0].end].lstrip()[:1] if later else ""
    if follows and follows in _DOUBLE + _SINGLE:
        return  # the next content paragraph quotes it
    colon = paragraph.begin + len(body) - 1
    attribution = _intro_sentence(ctx, index, colon, colon, paragraph.begin)
    if attribution is None or not _STATEMENT.search(text, attribution.begin, colon):
        return
    _statement(ctx, attribution, reported=False, rule=RULE_UNREPORTED)


def _said_on(ctx: ArticleContext, attribution: Attribution) -> dates.DateMention | None:
    found = dates.find_dates(ctx.article.text, attribution.begin, attribution.end, ctx.published)
    return next((d for d in found if d.is_day), found[0] if found else None)


def _statement(ctx: ArticleContext, attribution: Attribution, reported: bool, rule: str, first_words: str = ""):
    if attribution.statement is not None:
        return attribution.statement
    text = ctx.article.text
    clause = text[attribution.begin:attribution.end]
    # A joint statement is one with two or more known speakers. When the text says "joint" but only one
    # party is recognised (the other unnamed, or out of the rules' reach), it stays a plain statement
    # whose label says so: typing it cps:JointStatement would claim a second speaker the graph lacks.
    joint = len(attribution.speakers) > 1
    described_joint = not joint and "joint" in clause.lower()
    said = _said_on(ctx, attribution)
    names = " and ".join(s.label for s in attribution.speakers)
    day = said.value.isoformat() if said is not None and said.is_day else None
    identity = [s.iri.value for s in sorted(attribution.speakers, key=lambda s: s.iri.value)]
    # Identified by its speakers and day; undated, by the first words quoted from it; a statement with
    # neither is only known to this article.
    node = fact_iri("statement", f"statement by {names}", *identity,
                    day or identity_text(first_words) or ctx.article.id)
    sink = ctx.sink
    sink.add_type(node, CPS.JointStatement if joint else CPS.Statement)
    note = " (described as joint; the other parties are not recognised)" if described_joint else ""
    sink.label(node, f"{'joint ' if joint else ''}statement by {names}{note}" + (f" ({day})" if day else ""))
    sink.add(node, CPS.textReported, boolean(reported))
    for speaker in attribution.speakers:
        sink.add(node, SCHEMA.creator, speaker.iri)
        sink.add(node, PROV.wasAttributedTo, speaker.iri)  # the same speaker for PROV-O readers
    if said is not None:
        if said.is_day:
            sink.add(node, CPS.dateSaid, xsd_date(said.value))
        sink.add(node, CPS.timeExpression, string(said.expression))
    ctx.ground(node, attribution.begin, attribution.end, rule, 0.8)
    attribution.statement = node
    return node


def identity_text(value: str) -> str:
    """Quoted text as compared across reports: NFC, one kind of quote and apostrophe, spaces collapsed."""
    value = unicodedata.normalize("NFC", value)
    value = value.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return " ".join(value.split())


def emit_quotation(ctx: ArticleContext, attribution: Attribution, begin: int, end: int, rule: str,
                   texts: dict[str, str] | None = None) -> None:
    """One quotation, grounded at text[begin:end]. The same words quoted again (spacing or quotation marks
    aside) are the same quotation: a further mention of it, keeping the text it was first quoted with, so
    the quotation has one schema:text."""
    sink = ctx.sink
    quoted = ctx.article.text[begin:end]
    speakers = sorted(attribution.speakers, key=lambda s: s.iri.value)
    node = fact_iri("quotation", quoted, *(s.iri.value for s in speakers), identity_text(quoted))
    if texts is not None:
        quoted = texts.setdefault(node.value, quoted)
    sink.add_type(node, CPS.Quotation)
    names = " and ".join(s.label for s in attribution.speakers)
    short = quoted if len(quoted) <= 60 else quoted[:57].rstrip() + "…"
    sink.label(node, f"{names}: “{short}”")
    sink.add(node, SCHEMA.text, string(quoted))
    for speaker in attribution.speakers:
        sink.add(node, SCHEMA.creator, speaker.iri)
        sink.add(node, PROV.wasAttributedTo, speaker.iri)  # the same speaker for PROV-O readers
    sink.add(node, SCHEMA.isPartOf, sink.article)
    said = _said_on(ctx, attribution)
    if said is not None:
        if said.is_day:
            sink.add(node, CPS.dateSaid, xsd_date(said.value))
        sink.add(node, CPS.timeExpression, string(said.expression))
    clause = ctx.article.text[attribution.begin:attribution.end]
    if _STATEMENT.search(clause):
        sink.add(node, CPS.quotes, _statement(ctx, attribution, reported=True, rule=RULE_STATEMENT,
                                                first_words=quoted))
    confidence = {RULE_CONTINUED: 0.85, RULE_RUN_ON: 0.75}.get(rule, attribution.confidence)
    ctx.ground(node, begin, end, rule, confidence)
    ctx.quotations.append((begin, end, tuple(speakers)))  # a number quoted here is its speakers
