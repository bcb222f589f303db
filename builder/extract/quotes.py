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

from builder.emit.mint import fact_iri
from builder.emit.terms import boolean, xsd_date
from builder.emit.terms import text as string
from builder.extract import dates
from builder.extract.context import ArticleContext
from builder.extract.rules import register
from builder.namespaces import PROV, SCHEMA
from builder.resolve.mentions import TITLE_PATTERN
from builder.resolve.registry import Entity
from builder.vocab import CPS

RULE_AFTER = register("quotation-attribution-after", "A quotation ending in a comma, ? or ! followed by "
                      "its attribution: '“…,” X said', '“…,” said X'.")
RULE_CONTINUED = register("quotation-continuation", "A quotation directly following an attributed one "
                          "continues the same speech ('“…,” X said. “…”').")
RULE_INTRODUCED = register("quotation-introduced", "A quotation introduced by a sentence that ends in a "
                           "colon and names the speakers ('X issued this statement:').")
RULE_FRAGMENT = register("quotation-fragment", "A quoted fragment of three or more words inside a "
                         "sentence whose speech verb has a resolved subject ('X said the offer “…”').")
RULE_STATEMENT = register("statement-attribution", "A statement the attribution names as such ('said in a "
                          "statement', 'issued this joint statement').")
RULE_UNREPORTED = register("statement-unreported", "A statement introduced with a colon but not followed "
                           "by its text: recorded with cps:textReported false, no text invented.")

VERB = (r"said|says|told|added|announced|stated|explained|wrote|tweeted|argued|insisted|warned|noted|asked|"
        r"issued|released|responded|continued")
_VERB = re.compile(rf"\b(?:{VERB})\b")
_PRONOUN = re.compile(r"\s*(?:[Ss]he|[Hh]e)\s*$")
# What may separate a modifier from the name it modifies ("CTU General Counsel X", "CBS 2's X") and what
# joins two conjoined speakers ("X's office and Y", "X, Y and Z").
_MODIFIER_GAP = re.compile(rf"\s+(?:(?i:{TITLE_PATTERN})\s+)?(?:(?:Dr\.|Doctor)\s+)?|['’]s\s+")
_CONJUNCT_GAP = re.compile(rf"(?:['’]s\s+office)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)"
                           rf"(?:(?i:{TITLE_PATTERN})\s+)?(?:(?:Dr\.|Doctor)\s+)?")
_STATEMENT = re.compile(r"\bstatement\b")
_QUOTE_MARK = re.compile(r"[“\"]")
_VERB_REACH = 120 + max(len(v) for v in VERB.split("|")) + 2
_CLAUSE_MARK = re.compile(r"[,;:—–]")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|whose|which|whom)\b[^,;“”\"]*,\s*$")
_MIN_FRAGMENT_WORDS = 3


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
    carried: Attribution | None = None  # a speech whose quote runs on into the next paragraph
    for index, paragraph in enumerate(paragraphs):
        previous, previous_end = carried, paragraph.begin
        carried = None
        pairs = quote_pairs(text, paragraph.begin, paragraph.end)
        for open_at, close_at in pairs:
            begin, end = _inner(text, open_at + 1, close_at)
            if end <= begin:
                continue
            attribution, rule = _after(ctx, begin, end, close_at + 1, paragraph.end), RULE_AFTER
            if attribution is None and previous is not None and not text[previous_end:open_at].strip():
                attribution, rule = previous, RULE_CONTINUED
            if attribution is None:  # (the paragraph before is all `_introduced` reads: no copy of the list)
                attribution, rule = _introduced(ctx, open_at, paragraph, paragraphs[max(0, index - 1):index]), \
                    RULE_INTRODUCED
            if attribution is None:
                attribution, rule = _fragment(ctx, begin, end, open_at), RULE_FRAGMENT
            if attribution is None:
                previous = None
                continue  # a quoted phrase, not a quotation of a speaker
            emit_quotation(ctx, attribution, begin, end, rule)
            previous = attribution if rule != RULE_FRAGMENT else None
            previous_end = max(close_at + 1, attribution.end)
            if close_at == paragraph.end:
                carried = attribution
        if not pairs or pairs[-1][1] < paragraph.end - 2:
            _unreported_statement(ctx, paragraph, paragraphs[index + 1:index + 2])


def quote_pairs(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """(opening, closing) positions of the double quotes of text[begin:end]: curly quotes by direction,
    straight quotes by alternation. A curly quote left open at the end of the paragraph is paired with the
    paragraph's end: news style opens a quote that runs on into the next paragraph and closes it only
    there. An unclosed straight quote yields nothing (its direction is unknown)."""
    pairs, opened, straight = [], None, None
    for at in range(begin, end):
        char = text[at]
        if char == "“" and opened is None:
            opened = at
        elif char == "”" and opened is not None:
            pairs.append((opened, at))
            opened = None
        elif char == '"':
            if straight is None:
                straight = at
            else:
                pairs.append((straight, at))
                straight = None
    if opened is not None:
        pairs.append((opened, end))
    return sorted(pairs)


def _inner(text: str, begin: int, end: int) -> tuple[int, int]:
    """The quoted words without surrounding space and without the comma news style puts before the
    attribution (it replaces the speaker's full stop and is not the speaker's)."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return begin, end


def _sentence_of(ctx: ArticleContext, at: int) -> tuple[int, int]:
    sentence = ctx.sentence_index.containing(at)
    return (sentence.begin, sentence.end) if sentence is not None else (at, at)


def subject_heads(ctx: ArticleContext, before: int, floor: int) -> list[Entity]:
    """The speakers a subject ending at `before` names: the head of each conjunct, modifiers skipped."""
    text = ctx.article.text
    relative = _RELATIVE_CLAUSE.search(text, floor, before)
    if relative is not None:
        before = relative.start()  # "X, whose teachers struck last year, said": the subject is X
    candidates = [m for m in ctx.mentions_in(floor, before) if m.entity.kind in ("person", "organization")]
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


def _after(ctx: ArticleContext, begin: int, end: int, after: int, ceiling: int) -> Attribution | None:
    text = ctx.article.text
    closing = text[begin:after - 1].rstrip()
    if not closing or closing[-1] not in ",?!—–-":
        return None  # a quote closed by a full stop ends its sentence: what follows is not its attribution
    _, sentence_end = _sentence_of(ctx, after)
    limit = min(ceiling, sentence_end if sentence_end > after else ceiling)
    next_quote = _QUOTE_MARK.search(text, after, limit)  # searched in place: a slice per quote was quadratic
    if next_quote:
        limit = next_quote.start()
    # A verb further than 120 characters is not the attribution: search no further than that (+ the
    # longest verb and the character its \b looks at), which finds the same first verb.
    verb = _VERB.search(text, after, min(limit, after + _VERB_REACH))
    if verb is None or verb.start() - after > 120:
        return None
    clause_end = limit
    speakers = subject_heads(ctx, verb.start(), after) if text[after:verb.start()].strip() else []
    if not speakers and _PRONOUN.fullmatch(text[after:verb.start()]):
        speakers = _pronoun_antecedent(ctx, begin)
        confidence = 0.7
    else:
        confidence = 0.9
    if not speakers and not text[after:verb.start()].strip():
        following = [m for m in ctx.mentions_in(verb.end(), limit) if m.entity.kind in ("person", "organization")]
        if following and not text[verb.end():following[0].begin].strip():
            speakers = [following[0].entity]
    if not speakers:
        return None
    return Attribution(speakers, verb.start(), clause_end, RULE_AFTER, confidence)


def _pronoun_antecedent(ctx: ArticleContext, before: int) -> list[Entity]:
    """The last person mention (in text order) that ends by `before`, found walking back from there."""
    index = ctx.mention_index
    for mention in reversed(index.items[:bisect_right(index.begins, before)]):
        if mention.end <= before and mention.entity.kind == "person":
            return [mention.entity]
    return []


def _introduced(ctx: ArticleContext, open_at: int, paragraph, earlier) -> Attribution | None:
    text = ctx.article.text
    lead = text[paragraph.begin:open_at]
    if lead.strip():
        if not lead.rstrip().endswith(":"):
            return None
        colon = paragraph.begin + len(lead.rstrip()) - 1
    else:
        if not earlier or not text[earlier[-1].begin:earlier[-1].end].rstrip().endswith(":"):
            return None
        colon = earlier[-1].begin + len(text[earlier[-1].begin:earlier[-1].end].rstrip()) - 1
    return _intro_sentence(ctx, colon)


def _intro_sentence(ctx: ArticleContext, colon: int) -> Attribution | None:
    text = ctx.article.text
    sentence_begin, _ = _sentence_of(ctx, colon)
    verbs = list(_VERB.finditer(text, sentence_begin, colon))
    for verb in verbs:
        speakers = subject_heads(ctx, verb.start(), sentence_begin)
        if speakers:
            return Attribution(speakers, verb.start(), colon, RULE_INTRODUCED, 0.85)
    return None


def _fragment(ctx: ArticleContext, begin: int, end: int, open_at: int) -> Attribution | None:
    if len(ctx.article.text[begin:end].split()) < _MIN_FRAGMENT_WORDS:
        return None
    sentence_begin, _ = _sentence_of(ctx, open_at)
    # Verbs before the last clause mark ahead of the quote end the search below: only the verbs after it
    # are read (the same verbs, without reading the whole sentence again for each quotation).
    marks = _clause_marks(ctx)
    at = bisect_left(marks, open_at)
    start = max(sentence_begin, marks[at - 1] + 1) if at else sentence_begin
    for verb in reversed(list(_VERB.finditer(ctx.article.text, start, open_at))):
        if re.search(r"[,;:—–]", ctx.article.text[verb.end():open_at]):
            break  # the quote lies outside the clause the verb governs ("X says are unacceptable, the “…”")
        speakers = subject_heads(ctx, verb.start(), sentence_begin)
        if speakers:
            # The date of a fragment's sentence may stand before its subject ("Sunday morning CTU said").
            return Attribution(speakers, sentence_begin, open_at, RULE_FRAGMENT, 0.7)
    return None


def _clause_marks(ctx: ArticleContext) -> list[int]:
    """Offsets of the article's clause marks (, ; : — –), found once per article."""
    marks = getattr(ctx, "_clause_marks", None)
    if marks is None:
        marks = [m.start() for m in _CLAUSE_MARK.finditer(ctx.article.text)]
        ctx._clause_marks = marks
    return marks


def _unreported_statement(ctx: ArticleContext, paragraph, later) -> None:
    """ "X said in a statement Monday evening:" with no quotation after it."""
    text = ctx.article.text
    body = text[paragraph.begin:paragraph.end].rstrip()
    if not body.endswith(":"):
        return
    follows = text[later[0].begin:later[0].end].lstrip()[:1] if later else ""
    if follows in ("“", '"'):
        return  # the next content paragraph quotes it
    colon = paragraph.begin + len(body) - 1
    attribution = _intro_sentence(ctx, colon)
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
    # One statement can be referred to several times in an article, quoted in one place and not in
    # another: its text is reported if any of them quotes it (one value, as the shapes require).
    if reported:
        sink.discard(node, CPS.textReported, boolean(False))
    if reported or not sink.has(node, CPS.textReported, boolean(True)):
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


def emit_quotation(ctx: ArticleContext, attribution: Attribution, begin: int, end: int, rule: str) -> None:
    sink = ctx.sink
    quoted = ctx.article.text[begin:end]
    speakers = sorted(attribution.speakers, key=lambda s: s.iri.value)
    node = fact_iri("quotation", quoted, *(s.iri.value for s in speakers), identity_text(quoted))
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
    ctx.ground(node, begin, end, rule, attribution.confidence if rule != RULE_CONTINUED else 0.85)
