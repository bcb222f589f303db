"""Who states a number: the speaker of the quotation it is in, the agent of the reporting cue that governs
its clause, or the article itself (the reporter's own statement, written as no attribution).

News copy gives a figure's source in a few ways, each read here as a general rule of the language:

* quoted words are their speaker's ("“It took two strikes,” she said"): the quotation extractor has found
  the speaker, pronoun and all, so a number inside a quotation takes the quotation's speakers;
* a cue before the number governs it ("She said the board would add 12 positions", "The trust says 212
  appointments …"); its subject may be a pronoun (the last person, or the last organisation not named in
  a possessive, before it), a common noun ("the trust", "the agency": the organisation the article names
  with that word) or a name set off by a relative clause ("X, who has worked there for 14 years, says");
* a cue after the number reaches back only as a closing attribution (", the union said Wednesday.") — not
  when it opens a clause of its own ("; Okonkwo said no strike would begin …") or sits in a relative
  clause ("a 1.4 per cent award that the union says falls short");
* "told X" names the listener, not the speaker; "according to a count by X", "by X's estimate", "on X's
  figures" name the source;
* what describes a named party ("said X, a cleaner there for nine years"; "X, which represents about
  1,150 staff") and a reporter's framing ("the longest strike in more than 30 years") are the article's.
"""

from __future__ import annotations

import re

from builder.extract.attribution import agent_of_cue, party_noun, reporting_cues
from builder.extract.titles import organization_for_noun

__all__ = ["number_sources"]

# a superlative the reporter frames a figure with ("the longest strike in more than 30 years", "the first
# walkout since 1987", "its biggest rally in a decade"): the comparison is the article's, not the party's
FRAMING = re.compile(r"\b(?:longest|largest|biggest|first|worst|highest|lowest|deepest|only)\b(?:\s+[\w-]+){0,4}?"
                     r"\s+(?:in|since|for)\s+(?:(?:more|less|fewer)\s+than|over|nearly|almost|about|at\s+least)?\s*$",
                     re.IGNORECASE)
_AUX = r"(?:also|has|had|have|would|will|later|previously|earlier|further|again|repeatedly)"
_PRONOUN = re.compile(rf"\b(?P<pronoun>[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s+(?:{_AUX}\s+){{0,2}}$")
_COMMON_SUBJECT = re.compile(rf"\b[Tt]he\s+(?P<noun>[a-z]+)\s+(?:{_AUX}\s+){{0,2}}$")
# "X, who has worked on the ward for 14 years, says": the subject stands before the relative clause
_RELATIVE_BEFORE = re.compile(r",\s*(?:who|which|whose)\b[^,;“”\"]{0,160},\s*$")
_RELATIVE_CUE = re.compile(r"\b(?:that|which|who)\s+(?:the\s+)?[\w’']+\s+$")
_CLOSING_REST = re.compile(r"\b(?:that|would|will|was|were|is|are|had|has|have|could|can|should|must|did|does)\b")
# the figures' owner: "according to a count by the union", "by the union's estimate", "on the union's figures",
# "library figures show"
_FIGURES = re.compile(
    r"\baccording to (?:an?|the)\s+(?:[\w-]+\s+)?(?:count|estimate|tally|survey|analysis|figures|data)\s+"
    r"(?:by|from|of)\s+(?P<by>(?:the\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]+)*)"
    r"|\b(?:by|on|in|from)\s+(?P<poss>(?:the\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]+)*)['’]s?\s+(?:own\s+)?"
    r"(?:estimates?|figures|count|tally|calculations?|numbers|data)\b"
    r"|\baccording to\s+(?P<noun>[a-z]+)\s+(?:surveys?|figures|data|estimates?|records)\b"
    r"|\b(?P<shows>[A-Za-z]+)\s+(?:figures|data|records)\s+(?:show|showed|suggest)\b")
# verbs by which a party states its own figure: its position ("the district has offered raises of 8%",
# "Local 1219 is seeking $20 an hour", "the union wants $26") or its estimate ("which it estimates would cost
# £4.5M", "a cost it puts at C$1.6 million", "warning that the scheme could cost £2.1m")
_POSITION = re.compile(r"\b(?:offered|propos(?:es|ed)|(?:is|are|was|were) (?:seeking|asking for|demanding|"
                       r"proposing|offering)|seeks|sought|wants|wanted|demands|demanded|put forward|estimat(?:es|ed)|"
                       r"puts?\s+(?:it\s+)?at|warn(?:s|ed|ing)|calculat(?:es|ed)|project(?:s|ed)|forecasts?)\b")
_ACCORDING = re.compile(r"\bAccording to\b")
_INVERTED = re.compile(r"[”\"’],?\s*$")
# the object of an offer or estimate runs to the number without a clause between ("what the union sought when
# its members voted 96 per cent": the 96 is not what was sought)
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\b(?:when|which|who|whom|because|while|after|before|if|and|but|as)\b")
_DETERMINER = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Tt]his|[Tt]hat)\s+$")
# common nouns for the parties beyond those builder.extract.attribution.party_noun knows
_EMPLOYER_NOUNS = frozenset("agency trust company hospital authority management operator firm network employer "
                            "school board council".split())
_UNION_NOUNS = frozenset("local branch chapter unit".split())
_NAMED_AFTER = re.compile(r"\s*(?:[,.;:!?”\")]|$|\s+(?:on|in|at|last|this|earlier|late)\b|\s+[A-Z][a-z]+day\b)")
_PERSON_REACH = 700  # how far back a pronoun's antecedent is looked for (about the paragraph before)


def number_sources(ctx, begin: int, end: int, sentence) -> list:
    """The entities that state the number text[begin:end] of `sentence`; [] for the article's own words."""
    text = ctx.article.text
    quoted = [speakers for b, e, speakers in ctx.quotations if b <= begin < e]
    if quoted:
        return list(quoted[0])
    if FRAMING.search(text[max(sentence.begin, begin - 80):begin]) or _describes_a_party(ctx, begin, sentence):
        return []
    owner = _figures_owner(ctx, begin, end, sentence)
    if owner is not None:
        return [owner]
    cues = [c for c in _cues(text, sentence.begin, sentence.end) if not _in_quotes(text, sentence, c.start())]
    before = [c for c in cues if c.end() <= begin]
    # an inverted cue after a quotation ("…,” said X, the local's president, as 150 strikers marched) governs
    # the quotation, not the clause after its speaker
    if before and not _INVERTED.search(text, max(sentence.begin, before[-1].start() - 3), before[-1].start()):
        agent = cue_agent(ctx, before[-1], sentence)
        return [agent] if agent is not None else []
    if not before:  # no one reports it: a party's own offer or estimate is the party's
        stated = [c for c in _POSITION.finditer(text, sentence.begin, begin)
                  if not _DETERMINER.search(text, max(sentence.begin, c.start() - 8), c.start())
                  and not _CLAUSE_BREAK.search(text, c.end(), begin)]
        agent = cue_agent(ctx, stated[-1], sentence) if stated else None
        if agent is not None:
            return [agent]
    for cue in cues:
        if cue.start() >= end and _closing(text, end, cue, sentence.end):
            agent = cue_agent(ctx, cue, sentence)
            if agent is not None:
                return [agent]
    if not cues:
        carried = _carried_source(ctx, sentence)
        if carried is not None:
            return [carried]
    return []


def _carried_source(ctx, sentence):
    """A sentence with no cue of its own, right after one in the same paragraph whose closing attribution named
    a party (", the union said in a statement. It also limits split shifts to 12 hours"), goes on reporting
    that party's account."""
    text = ctx.article.text
    index = ctx.article.sentences.index(sentence)
    if index == 0:
        return None
    previous = ctx.article.sentences[index - 1]
    if previous.paragraph != sentence.paragraph:
        return None
    cues = [c for c in _cues(text, previous.begin, previous.end) if not _in_quotes(text, previous, c.start())]
    if not cues or not _closing(text, cues[-1].start(), cues[-1], previous.end) or \
            _in_quotes(text, previous, previous.begin):
        return None
    return cue_agent(ctx, cues[-1], previous)


def _cues(text: str, begin: int, end: int) -> list[re.Match[str]]:
    """The reporting cues of text[begin:end], a sentence-initial "According to" among them."""
    cues = reporting_cues(text, begin, end)
    cues += [c for c in _ACCORDING.finditer(text, begin, end) if not any(c.start() == o.start() for o in cues)]
    return sorted(cues, key=lambda c: c.start())


def _according(cue: re.Match[str]) -> bool:
    return cue.group(0).lower().startswith("according")


def _in_quotes(text: str, sentence, at: int) -> bool:
    return any(b <= at < e for b, e in _quote_spans(text, sentence.begin, sentence.end))


def _quote_spans(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    return [(begin + m.start(), begin + m.end()) for m in re.finditer(r"“[^”]*”?|\"[^\"]*\"?", text[begin:end])]


def _closing(text: str, number_end: int, cue: re.Match[str], sentence_end: int) -> bool:
    """A closing attribution (", the union said Wednesday.") reaches back over its sentence; a cue that opens
    a clause of its own ("Okonkwo said no strike would begin") or stands in a relative clause does not."""
    if ";" in text[number_end:cue.start()] or _RELATIVE_CUE.search(text, max(0, cue.start() - 30), cue.start()):
        return False
    if _according(cue):
        return True
    rest = text[cue.end():sentence_end]
    return len(rest.split()) <= 8 and not _CLOSING_REST.search(rest)


def cue_agent(ctx, cue: re.Match[str], sentence):
    """The entity a reporting cue names as the one who speaks."""
    text = ctx.article.text
    verb = cue.group(0)
    if not _according(cue):
        relative = _RELATIVE_BEFORE.search(text, max(sentence.begin, cue.start() - 200), cue.start())
        if relative is not None:
            subject = _mention_ending_at(ctx, relative.start(), sentence.begin)
            if subject is not None:
                return subject
        pronoun = _PRONOUN.search(text, max(sentence.begin, cue.start() - 40), cue.start())
        if pronoun is None and re.search(r"\band\s+(?:also\s+)?$", text[max(sentence.begin, cue.start() - 12):
                                                                         cue.start()]):
            # "He called it a step and said the union was still at 4%": the verbs share the sentence's subject
            pronoun = re.compile(r"\W*(?P<pronoun>He|She|They|It)\b").match(text, sentence.begin, cue.start())
        if pronoun is not None:
            return _antecedent(ctx, pronoun.group("pronoun").lower(), pronoun.start(), sentence)
    # the subject before the verb (only that, for "told X": X is who was told; "offered X" is who was offered)
    listener = verb.startswith(("told", "tells")) or cue.re is _POSITION
    agent = agent_of_cue(ctx, cue, sentence.begin, cue.end() if listener else sentence.end)
    if agent is not None and (_according(cue) or agent in _before_or_named_after(ctx, cue, sentence)):
        return agent
    if not listener and not _according(cue):
        after = [m for m in ctx.mentions_in(cue.end(), sentence.end) if m.entity.kind in ("person", "organization")
                 and m.begin - cue.end() <= 12]
        # "said Dan Montgomery." names the speaker; "said the union was still at 4%" opens the reported clause
        if after and _NAMED_AFTER.match(text, after[0].end):
            return after[0].entity
    return _common_noun_agent(ctx, cue, sentence)


def _common_noun_agent(ctx, cue: re.Match[str], sentence):
    """ "The trust says", "the agency has said", "according to the union": the organisation the noun stands
    for (a party of the negotiation, else the organisation the article names with that word)."""
    from builder.extract.eventbook import negotiation_for  # the event book needs this module's kin: import late

    text = ctx.article.text
    after = _according(cue)
    if after:
        words = text[cue.end():min(sentence.end, cue.end() + 40)]
        noun = re.match(r"\s*the\s+(?P<noun>[a-z]+)\b", words)
    else:
        words = text[max(sentence.begin, cue.start() - 40):cue.start()]
        noun = _COMMON_SUBJECT.search(words)
    negotiation = negotiation_for(ctx, sentence.begin, sentence.end)
    if negotiation is not None:
        party = party_noun(words, negotiation, after=after)
        if party is not None:
            return party
    if noun is None:
        return None
    word = noun.group("noun")
    named = organization_for_noun(_mentions_before(ctx, cue.start()), word)
    if named is None and negotiation is not None and word in _EMPLOYER_NOUNS | _UNION_NOUNS:
        return negotiation.employer if word in _EMPLOYER_NOUNS else negotiation.union
    return named


def _before_or_named_after(ctx, cue: re.Match[str], sentence) -> set:
    """The entities a cue may name: any subject before it, and after it only a name that closes the clause
    ("said Dan Montgomery."), not the subject of the reported clause ("said the union was still at 4%")."""
    text = ctx.article.text
    found = {m.entity for m in ctx.mentions_in(sentence.begin, cue.start()) if cue.start() - m.end <= 60}
    found |= {m.entity for m in ctx.mentions_in(cue.end(), min(sentence.end, cue.end() + 80))
              if m.begin - cue.end() <= 12 and _NAMED_AFTER.match(text, m.end)}
    return found


def _mentions_before(ctx, at: int) -> list:
    return [m for m in ctx.mentions if m.end <= at]


def _mention_ending_at(ctx, at: int, floor: int):
    found = [m for m in ctx.mentions_in(floor, at) if m.entity.kind in ("person", "organization") and at - m.end <= 1]
    return found[-1].entity if found else None


def _antecedent(ctx, pronoun: str, at: int, sentence=None):
    """He or she: the last person named before; it or they: the organisation the sentence opens with ("The
    university has said it …"), else the last organisation named before, not in a possessive ("the union's
    proposal, which it says …" is the other party's)."""
    text = ctx.article.text
    if pronoun in ("it", "they") and sentence is not None:
        opening = re.match(r"\W*The\s+(?P<noun>[a-z]+)\s", text[sentence.begin:at])
        named = organization_for_noun(_mentions_before(ctx, at), opening["noun"]) if opening else None
        if named is not None:
            return named
    floor = max(0, at - _PERSON_REACH)
    kind = "person" if pronoun in ("he", "she") else "organization"
    for mention in reversed(ctx.mentions_in(floor, at)):
        if mention.entity.kind != kind:
            continue
        if kind == "organization" and re.match(r"['’]s?\b", text[mention.end:mention.end + 2]):
            continue
        return mention.entity
    return None


def _describes_a_party(ctx, at: int, sentence) -> bool:
    """The number is in a description of a named person or organisation, set off after the name ("said X,
    a housekeeper there for 17 years"; "X, which represents about 1,150 staff"): background the reporter
    gives, unless the description is itself attributed ("X, which says the raise would cost …")."""
    text = ctx.article.text
    for mention in reversed(ctx.mentions_in(sentence.begin, at)):
        if mention.entity.kind not in ("person", "organization"):
            continue
        if re.match(r",\s*(?:who|which|whose|an?|the)\b[^,;“”\"]*$", text[mention.end:at]):
            # "X, who has worked at the Y infirmary for 14 years": the clause may name others before the number
            return not reporting_cues(text, mention.end, at)
    return False


def _figures_owner(ctx, begin: int, end: int, sentence):
    """ "According to a count by the union", "by the union's estimate", "library figures show": whose
    figures the sentence reports."""
    text = ctx.article.text
    for match in _FIGURES.finditer(text, sentence.begin, sentence.end):
        name = next(g for g in ("by", "poss", "noun", "shows") if match.group(g))
        words_begin, words_end = match.span(name)
        named = [m for m in ctx.mentions_in(words_begin, words_end) if m.entity.kind in ("person", "organization")]
        if named:
            return named[-1].entity
        words = match.group(name)
        head = words.split()[-1]
        if head.lower() in ("he", "she", "it", "they", "its", "their", "his", "her"):
            return _antecedent(ctx, {"its": "it", "their": "they", "his": "he", "her": "she"}.get(head.lower(),
                                                                                             head.lower()), words_begin)
        return organization_for_noun(_mentions_before(ctx, words_end), head)
    return None
