"""Speakers named by a description instead of a name: a later reference by title ("the superintendent
said", "the union's president said"), the negotiating parties together ("the two sides said in a joint
statement"), and a statement the article named before ("the statement said").

Each reading stands only when the article settles it: one person given that title, one union and one
employer at the table, one earlier statement with known parties. Otherwise nothing is attributed: a wrong
speaker is worse than none.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from builder.extract.context import ArticleContext
from builder.extract.eventbook import negotiation_for
from builder.extract.titles import HEADS, MODIFIERS, organization_for_noun, title_ending_at, title_starting_at
from builder.resolve.registry import Entity

# "the superintendent", "the union president", "the union's president", "the district's chief negotiator"
_TITLE_REFERENCE = re.compile(r"(?:^|[,:;—–]\s*|^\s*(?:In|On|At|After|Before|Later|Earlier)\b[^,;:“”\"‘]*\s)\s*"
                              r"[Tt]he\s+(?:(?P<noun>[a-z]+)(?:['’]s)?\s+)?(?P<title>(?:[a-z-]+\s+){0,2}[a-z-]+)\s*$")
# a lower rank before a head is another post: "vice president" is not "the president"
_RANKS = frozenset({"vice", "vice-", "deputy", "assistant", "associate", "co", "former"})
# "the two sides", "both sides", "the parties", "both parties": the union and the employer at the table
_BOTH_PARTIES = re.compile(r"(?:^|[,:;—–])\s*(?:[Tt]he\s+two\s+(?:sides|parties)|[Bb]oth\s+(?:sides|parties)|"
                           r"[Tt]he\s+parties)\s*$")
# "the statement said", "the joint statement read", "the release said"
_STATEMENT_REFERENCE = re.compile(r"(?:^|[,:;—–])\s*[Tt]he\s+(?P<joint>joint\s+)?(?:statement|news\s+release|"
                                  r"press\s+release|release)\s*$")
_STATEMENT_NOUN = re.compile(r"\b(?P<joint>joint\s+)?statement\b")
_FROM = re.compile(r"\s+(?:from|by|of|issued\s+by)\s+")
_PASSAGE = 4  # paragraphs: how far back a description looks for what it describes


def title_holder(ctx: ArticleContext, agents, words: str, at: int) -> Entity | None:
    """ "the superintendent": the one person named before `at` with that title (its head and, when the
    reference gives them, its modifiers and organisation); None when none or several hold it."""
    reference = _TITLE_REFERENCE.search(words)
    if reference is None:
        return None
    title = reference.group("title").lower().split()
    head = title[-1]
    if head not in HEADS or any(w not in MODIFIERS for w in title[:-1]):
        return None
    noun = reference.group("noun")
    if noun in MODIFIERS and noun not in ("union", "branch"):
        title, noun = [noun, *title], None  # "the chief negotiator": a modifier, not an organisation
    organization = organization_for_noun(agents, noun) if noun else None
    if noun and organization is None:
        return None
    holders = []
    text = ctx.article.text
    for mention in agents:
        if mention.begin >= at:
            break
        if mention.entity.kind != "person":
            continue
        held = _title_of(ctx, mention)
        if held is None or held[-len(title):] != title or (len(held) > len(title) and held[-len(title) - 1] in _RANKS):
            continue
        if organization is not None and not any(
                m.entity == organization for m in agents if abs(m.begin - mention.begin) < 80):
            continue  # "the union president": a president named beside the union
        holders.append(mention.entity)
    holders = list(dict.fromkeys(holders))
    return holders[0] if len(holders) == 1 and text else None


def _title_of(ctx: ArticleContext, mention) -> list[str] | None:
    """The title the article gives a person at a mention, lower-case words: before the name ("Superintendent
    X", "The district's chief negotiator, X"), in the name the recogniser kept ("Mayor X"), or in an
    apposition after it ("X, the superintendent,", "X, president of the union")."""
    text = ctx.article.text
    floor = max(0, mention.begin - 90)
    title = title_ending_at(text, mention.begin, floor)
    if title is None:
        comma = re.search(r",\s*$", text[floor:mention.begin])
        if comma is not None:
            title = title_ending_at(text, floor + comma.start(), floor, set_off=True)
    if title is None:
        apposition = re.compile(r",\s+(?:(?:the|a|an)\s+)?(?:[\w’'-]+['’]s\s+)?").match(text, mention.end)
        if apposition is not None:
            title = title_starting_at(text, apposition.end(), min(len(text), apposition.end() + 80))
    if title is not None:
        words = title.words.split()
        return words[:words.index(title.head) + 1] if title.head in words else words
    first = ctx.article.text[mention.begin:mention.end].split(" ", 1)[0].lower()
    return [first] if first in HEADS and first[:1] else None


def both_parties(ctx: ArticleContext, words: str, at: int) -> list[Entity]:
    """ "the two sides said in a joint statement": the union and the employer of the negotiation the
    passage speaks of."""
    if _BOTH_PARTIES.search(words) is None:
        return []
    negotiation = negotiation_for(ctx, passage_begin(ctx, at), at)
    return [negotiation.employer, negotiation.union] if negotiation is not None else []


def statement_parties(ctx: ArticleContext, words: str, at: int, parties_of, describe) -> list[Entity]:
    """ "the statement said": the parties of the statement the passage named before — "according to a joint
    statement from X and Y" (read with `parties_of(begin, end)`, the subject grammar of
    builder.extract.speakers), or the organisations the sentence naming it names, named or described
    (`describe(noun, at)`: "the district"), two for a joint statement, one for another."""
    reference = _STATEMENT_REFERENCE.search(words)
    if reference is None:
        return []
    text = ctx.article.text
    begin = passage_begin(ctx, at)
    sentences = [s for s in ctx.article.sentences if begin <= s.begin and s.end <= at]
    for sentence in reversed(sentences):
        named = [m for m in _STATEMENT_NOUN.finditer(text, sentence.begin, sentence.end)
                 if text[max(sentence.begin, m.start() - 4):m.start()].strip().lower() != "the"]
        if not named:
            continue
        statement = named[-1]
        joint = bool(statement.group("joint") or reference.group("joint"))
        after = _FROM.match(text, statement.end())
        if after is not None:
            end = after.end() + re.search(r"[,.;:]|$", text[after.end():sentence.end]).start()
            parties = parties_of(after.end(), end)
        else:
            parties = list(dict.fromkeys(
                [m.entity for m in ctx.mentions_in(sentence.begin, sentence.end) if m.entity.kind == "organization"]
                + [o for o in (describe(d.group(1), sentence.begin + d.start()) for d in
                               re.finditer(r"\b[Tt]he\s+([a-z]+)\b", text[sentence.begin:sentence.end])) if o]))
        return parties if parties and len(parties) == (2 if joint else 1) else []
    return []


def passage_begin(ctx: ArticleContext, at: int) -> int:
    paragraphs = ctx.article.content_paragraphs()
    index = bisect_left([p.begin for p in paragraphs], at + 1) - 1
    return paragraphs[max(0, index - _PASSAGE)].begin if paragraphs else 0
