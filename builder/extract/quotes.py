"""Quotations and statements: every direct quotation with its speakers, article and date.

A quoted stretch of text is a quotation of a speaker only when the text attributes it; otherwise it is a
quoted phrase (scare quotes: a "sick out", a “tentative” deal, a "48-hour cooling off period") and
yields nothing. Attributions are recognised in the shapes news copy uses:

* after the quote, which then ends in a comma, ? or ! (a full stop would close the sentence), or is
  followed by a comma outside the marks when it opens its sentence (UK style):
  “…,” CTU President X said. / “…,” said X, president of … / ‘…’, she said. / “…,” according to X. /
  “…,” read a statement from X. / a dash and a name closing the paragraph: “…” — X;
* continuation: a quote that directly follows such an attribution continues the same speech
  (“…,” Bruno said. “…”);
* an introducing sentence ending in a colon, in the same paragraph or closing the previous content
  paragraph: "X and Y issued this statement about …:", "X had a message for the board:", "X:" followed
  by the quote; "X said “…”"; "According to X, “…”";
* a quoted fragment inside a sentence whose speech verb has a resolved subject: CTU said the offer by CPS
  “merits further review”;
* a whole quoted sentence right after the reporter's sentence of what X said, with no attribution of its
  own: "X said members were angry. “…”".

Who speaks is read by builder.extract.speakers from the attribution's subject or object.
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
from dataclasses import dataclass

from builder.emit.mint import fact_iri
from builder.emit.terms import boolean, xsd_date
from builder.emit.terms import text as string
from builder.extract import dates
from builder.extract.context import ArticleContext
from builder.extract.quote_marks import DOUBLE, SINGLE, inner, quote_pairs
from builder.extract.rules import register
from builder.extract.speakers import MODIFIER_GAP, VERB, MentionIndex, sentence_of, speakers_of
from builder.extract.titles import title_ending_at
from builder.namespaces import PROV, SCHEMA
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
RULE_REPORTED = register("quotation-after-reported-speech", "A quoted sentence standing alone right after the "
                        "reporter's sentence of what a speaker said ('X said members were angry. “…”').")
RULE_STATEMENT = register("statement-attribution", "A statement the attribution names as such ('said in a "
                          "statement', 'issued this joint statement').")
RULE_UNREPORTED = register("statement-unreported", "A statement introduced with a colon but not followed "
                           "by its text: recorded with cps:textReported false, no text invented.")


_VERB = re.compile(rf"\b(?:{VERB})\b")
# the cue of an attribution after the quote: a speech verb, or "according to" naming the speaker after it
_CUE_AFTER = re.compile(rf"\b(?:{VERB}|read|reads)\b|\b(?P<according>according\s+to)\b")
# "“…,” read a statement from the district"
_DOCUMENT_FROM = re.compile(r"\s*(?:a|an|the)\s+(?:joint\s+)?(?:statement|letter|email|post|message|news\s+release|"
                            r"press\s+release|release)\s+(?:from|by|issued\s+by|of)\s+")
# a noun that announces the words after a colon: "Her message to the board: “…”"
_SPEECH_NOUN = re.compile(r"\b(?:message|words|response|reply|answer|warning|verdict|advice|plea|explanation|"
                          r"promise|put\s+it|summed\s+(?:it\s+)?up)\b")
_SIGNATURE_DASH = re.compile(r"[ \t]*[—–][ \t]*")
_SET_OFF_TITLE = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,3}[a-z-]+,\s*")
_ACCORDING_BEFORE = re.compile(r"(?:^|[.!?]\s+)[Aa]ccording\s+to\s+(?P<who>[^,;:“”\"‘]{2,80}),$")
_POSSESSIVE = re.compile(r"\s*(?:Her|His)\b")
_VERB_AT_END = re.compile(rf"\b(?:{VERB})(?:\s+(?:on\s+)?[A-Z]\w+day)?\s*,?$")
_STATEMENT = re.compile(r"\bstatement\b")
_NEXT_QUOTE = re.compile(r"[“”\"‘]|(?<!\w)'(?=\w)")
_ARTICLE = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+$")
_RELATIVE = re.compile(r",\s+(?:which|who|whose|whom)\b[^,;:“”\"‘’]*,")
_QUOTED = re.compile(r"[“\"‘][^“”\"‘’]*[”\"’]")
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
    index_of = MentionIndex(ctx)
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
            begin, end = inner(text, open_at + 1, close_at)
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
            if attribution is None and close_at < paragraph.end:
                attribution, rule = _after_reported(ctx, index_of, begin, end, open_at, close_at, paragraph,
                                                    paragraphs[:index], floor), RULE_REPORTED
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






def _after(ctx: ArticleContext, index: MentionIndex, begin: int, end: int, after: int, ceiling: int,
           floor: int) -> Attribution | None:
    """ "“…,” X said." / "“…,” said X, the title of Y." / "‘…,’ she said."."""
    text = ctx.article.text
    closing = text[begin:after - 1].rstrip()
    if closing and closing[-1] not in ",?!—–-" and text[after:after + 1] == "," and _opens_sentence(ctx, begin):
        after += 1  # "‘We have no choice’, said Ms Holt", "«…», she said": the comma outside the marks
    elif not closing or closing[-1] not in ",?!—–-":
        # a quote closed by a full stop ends its sentence: what follows is not its attribution, unless it is
        # a dash and a name closing the paragraph ("“…” — Maria Lopez, union president")
        return _signed(ctx, index, after, ceiling) if closing else None
    _, sentence_end = sentence_of(ctx, after)
    limit = min(ceiling, sentence_end if sentence_end > after else ceiling)
    next_quote = _NEXT_QUOTE.search(text, after, limit)
    if next_quote:
        limit = next_quote.start()
    verb = _CUE_AFTER.search(text, after, limit)
    if verb is None or verb.start() - after > 120:
        return None
    if text[after:verb.start()].strip() and not verb.group("according"):
        speakers, confidence = speakers_of(ctx, index, after, verb.start(), begin, floor)
    else:
        speakers, confidence = _object_speakers(ctx, index, verb.end(), limit, begin, floor)
    if not speakers:
        return None
    return Attribution(speakers, verb.start(), limit, RULE_AFTER, confidence)


def _signed(ctx: ArticleContext, index: MentionIndex, after: int, ceiling: int) -> Attribution | None:
    text = ctx.article.text
    dash = _SIGNATURE_DASH.match(text, after, ceiling)
    following = index.within(dash.end(), ceiling) if dash is not None else []
    if not following or following[0].begin != dash.end() or following[0].entity.kind != "person":
        return None
    if not re.fullmatch(r"\s*(?:,[^“”\"‘’.!?]*)?[.]?\s*", text[following[0].end:ceiling]):
        return None
    return Attribution([following[0].entity], dash.start(), ceiling, RULE_AFTER, 0.85)


def _opens_sentence(ctx: ArticleContext, begin: int) -> bool:
    """Whether the quoted words at `begin` open their sentence (only the quotation mark before them): a quote
    inside the reporter's sentence followed by a comma ("an “impasse”, the district said") is no speech."""
    sentence_begin, _ = sentence_of(ctx, begin - 1)
    return not ctx.article.text[sentence_begin:begin].strip(" \t\n" + DOUBLE + SINGLE)


def _object_speakers(ctx: ArticleContext, index: MentionIndex, at: int, limit: int, quote_at: int,
                     floor: int) -> tuple[list[Entity], float]:
    """The speaker named after the verb: "said X", "said a spokesperson for the Y", "said the union"."""
    text = ctx.article.text
    document = _DOCUMENT_FROM.match(text, at, limit)
    if document is not None:
        at = document.end()
        end = re.search(r"[,.;:]|$", text[at:limit]).start() + at
        speakers, confidence = speakers_of(ctx, index, at, end, quote_at, floor)
        return speakers, min(confidence, 0.85)
    following = index.within(at, limit)
    # "said X", "said union president X", "said Dr X": the first agent, after at most a title's words
    if following and re.fullmatch(r"\s*(?:[\w’'.-]+\s+){0,5}", text[at:following[0].begin]):
        first = following[0]
        if first.entity.kind == "organization" and len(following) > 1 and following[1].entity.kind == "person" \
                and (MODIFIER_GAP.fullmatch(text[first.end:following[1].begin])
                     or _SET_OFF_TITLE.fullmatch(text[first.end:following[1].begin])):
            # "said Local 4417 president X", "said the union's president, X": the union modifies the title
            first = following[1]
        return [first.entity], 0.9
    phrase = re.match(r"\s*((?:an?|the)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3})", text[at:limit])
    if phrase is None:
        return [], 0.0
    return speakers_of(ctx, index, at + phrase.start(1), at + phrase.end(1), quote_at, floor)


def _introduced(ctx: ArticleContext, index: MentionIndex, open_at: int, paragraph, earlier,
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
        according = _ACCORDING_BEFORE.search(stripped)
        if according is not None:
            who_begin, who_end = paragraph.begin + according.start("who"), paragraph.begin + according.end("who")
            speakers, confidence = speakers_of(ctx, index, who_begin, who_end, open_at, floor)
            return Attribution(speakers, paragraph.begin + according.start(), open_at, RULE_INTRODUCED,
                               min(confidence, 0.85)) if speakers else None
        said = _VERB_AT_END.search(stripped)
        if said is None:
            return None
        verb_at = paragraph.begin + said.start()
        sentence_begin, _ = sentence_of(ctx, verb_at)
        speakers, confidence = speakers_of(ctx, index, max(sentence_begin, paragraph.begin), verb_at, open_at,
                                           floor)
        if not speakers:
            return None
        return Attribution(speakers, verb_at, open_at, RULE_INTRODUCED, confidence)
    if not earlier or not text[earlier[-1].begin:earlier[-1].end].rstrip().endswith(":"):
        return None
    colon = earlier[-1].begin + len(text[earlier[-1].begin:earlier[-1].end].rstrip()) - 1
    return _intro_sentence(ctx, index, colon, open_at, floor)


def _intro_sentence(ctx: ArticleContext, index: MentionIndex, colon: int, quote_at: int,
                    floor: int) -> Attribution | None:
    text = ctx.article.text
    sentence_begin, _ = sentence_of(ctx, colon)
    for verb in _VERB.finditer(text, sentence_begin, colon):
        speakers, confidence = speakers_of(ctx, index, sentence_begin, verb.start(), quote_at, floor)
        if speakers:
            return Attribution(speakers, verb.start(), colon, RULE_INTRODUCED, min(confidence, 0.85))
    named = index.within(sentence_begin, colon)
    if len(named) == 1 and named[0].entity.kind == "person" and not text[named[0].end:colon].strip():
        title = title_ending_at(text, named[0].begin, sentence_begin)
        if not text[sentence_begin:title.begin if title is not None else named[0].begin].strip():
            return Attribution([named[0].entity], sentence_begin, colon, RULE_INTRODUCED, 0.8)  # "X: “…”"
    noun = _SPEECH_NOUN.search(text, sentence_begin, colon)
    if noun is None:
        return None
    # "X had a message for the board:", "Her answer:": the sentence's subject (or the possessive's person)
    # speaks the words the noun announces
    if _POSSESSIVE.match(text, sentence_begin):
        person = index.last_before(sentence_begin, floor, "person")
        speakers = [person.entity] if person is not None else []
    else:
        named = index.within(sentence_begin, noun.start())
        subject = named[0] if named else None
        title = title_ending_at(text, subject.begin, sentence_begin) if subject is not None else None
        opening = text[sentence_begin:title.begin if title is not None else subject.begin] if subject else "x"
        speakers = [subject.entity] if subject is not None and not opening.strip() and not \
            re.match(r"['’]s\b", text[subject.end:subject.end + 2]) else []
    return Attribution(speakers, sentence_begin, colon, RULE_INTRODUCED, 0.7) if speakers else None


def _fragment(ctx: ArticleContext, index: MentionIndex, begin: int, end: int, open_at: int, close_at: int,
              floor: int) -> Attribution | None:
    """Quoted words inside the reporter's sentence whose speech verb has a subject: "X called the offer
    “insulting”", "the trust said patient safety would be its 'first priority'", "‘…’ its cleaners, the
    college said". A phrase the reporter only names ("a so-called “cooling off” period") is no quotation."""
    text = ctx.article.text
    if _SCARE.search(text, max(floor, open_at - 20), open_at):
        return None
    if len(text[begin:end].split()) <= 2 and _ARTICLE.search(text, max(floor, open_at - 5), open_at):
        return None  # a word or two the reporter puts in quotes inside a noun phrase: an “impasse”
    sentence_begin, sentence_end = sentence_of(ctx, open_at)
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


def _after_reported(ctx: ArticleContext, index: MentionIndex, begin: int, end: int, open_at: int, close_at: int,
                    paragraph, earlier, floor: int) -> Attribution | None:
    """ "Lopez said members were angry. “They have been patient for years.”": a whole quoted sentence with no
    attribution of its own goes on with the reported speech of the sentence just before it (in its paragraph,
    or closing the paragraph before), when that sentence names who said it and quotes nothing itself."""
    text = ctx.article.text
    if text[begin:end].rstrip()[-1:] not in ".!?" or not _opens_sentence(ctx, begin):
        return None
    sentence_begin, sentence_end = sentence_of(ctx, open_at)
    if text[close_at + 1:max(sentence_end, close_at + 1)].strip():
        return None  # more of the reporter's words follow in the sentence
    before = paragraph.begin if text[paragraph.begin:open_at].strip() else None
    if before is not None:
        reported_begin, reported_end = sentence_of(ctx, max(paragraph.begin, sentence_begin - 2))
    elif earlier:
        reported_begin, reported_end = sentence_of(ctx, earlier[-1].end - 1)
    else:
        return None
    if reported_end <= reported_begin or reported_begin >= open_at or \
            any(c in DOUBLE + SINGLE.replace("’", "").replace("'", "") for c in text[reported_begin:reported_end]):
        return None
    for verb in _VERB.finditer(text, reported_begin, reported_end):
        speakers, confidence = speakers_of(ctx, index, reported_begin, verb.start(), open_at, floor)
        if speakers:
            return Attribution(speakers, verb.start(), reported_end, RULE_REPORTED, min(confidence, 0.65))
        break  # only the main verb's subject reports
    return None


def _unreported_statement(ctx: ArticleContext, index: MentionIndex, paragraph, later) -> None:
    """ "X said in a statement Monday evening:" with no quotation after it."""
    text = ctx.article.text
    body = text[paragraph.begin:paragraph.end].rstrip()
    if not body.endswith(":"):
        return
    follows = text[later[0].begin:later[0].end].lstrip()[:1] if later else ""
    if follows and follows in DOUBLE + SINGLE:
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
