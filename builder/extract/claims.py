"""Claims, and the disagreements they form.

News copy marks contested facts with a few reporting patterns, and each becomes claims attributed to
whoever makes them:

* contrast — "X says the two sides are $14 million apart while Y says they are $9 million apart": a claim
  per side; the claims conflict when they give different values for the same measured thing;
* denial — "X said the pension issue had been settled. Y said that is not the case." (or "… that was not
  true", "denied"): the first claim affirms, the second denies the same proposition; a further report by
  the denying side in the denial sentence ("and Z said W left first") is a counter-claim;
* single claims — "X claimed …", "X accused Y of …";
* reported days — an outlet that dates a negotiation's one-off event (the final offer, the tentative
  agreement) claims that date; two outlets that give different days disagree (`builder.merge.conflicts`,
  run over all article graphs, adds those cross-article contradictions).

A claimant is the entity the reporting cue attributes to (builder.extract.attribution); "district officials" and
"union sources" stand for the negotiation's employer and union.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import pyoxigraph as ox

from builder.emit import mint, terms
from builder.extract import rules
from builder.extract.attribution import claimant_of, reporting_cues
from builder.extract.dates import DateWarning, article_dates
from builder.extract.eventbook import event_iri, negotiation_for
from builder.extract.events import EVENT_RULES, nearest_day
from builder.extract.offers import FINAL_OFFER
from builder.extract.quantities import quantities_of
from builder.merge.conflicts import (
    RULE_CONFLICT,
    conflict_label,
    has_conflict,
    value_disagreement_iri,
    value_key,
)
from builder.namespaces import PROV, SEM
from builder.resolve.registry import Entity
from builder.spans import ByBegin
from builder.vocab import CPS

__all__ = ["extract_claims"]

RULE_CONTRAST = rules.register(
    "claim-contrastive-report", "'X says … while Y says …': one claim per side, attributed to its speaker.")
RULE_DENIAL = rules.register(
    "claim-denial", "A report followed by 'Y said that is not the case / not true' or a denial: the first claim "
    "affirms, the second denies it, further reports of the denying sentence are counter-claims.")
RULE_CLAIM_VERB = rules.register(
    "claim-verb", "'X claimed …', 'X accused Y of …': a claim attributed to X.")
RULE_REPORTED_DAY = rules.register(
    "claim-reported-day", "An outlet that dates a negotiation's one-off event (final offer, tentative "
    "agreement) claims that day; the claim is attributed to the article's publisher.")
DENIAL = re.compile(r"\b(?:that|this|it)\s+(?:is|was|was\s+simply)\s+not\s+(?:true|the\s+case|accurate|so)\b"
                    r"|\bnot\s+true\b|\bden(?:y|ied|ies)\b|\buntrue\b|\bfalse\b", re.IGNORECASE)
CONTRAST = re.compile(r"\b(?:while|whereas)\b|;\s*but\b|,\s*but\b", re.IGNORECASE)
CLAIM_VERB = re.compile(r"\b(?:claim(?:ed|s)?|accus(?:ed|es|ing)|insist(?:ed|s)|maintain(?:ed|s))\b", re.IGNORECASE)
DATED_EVENTS = (
    (CPS.FinalOffer, FINAL_OFFER, "Last, best and final offer", "the last, best and final offer was made"),
    *((cls, pattern, label, f"the {label.lower()} was reached") for cls, pattern, label, _ in EVENT_RULES
      if cls == CPS.TentativeAgreement),
)


@dataclass
class ClaimRecord:
    claimant: object  # Entity
    text: str
    stance: ox.NamedNode
    about: ox.NamedNode
    begin: int
    end: int
    rule: str
    quantity: tuple | None = None  # (QuantityMention, IRI)
    day: object = None  # DateMention

    @property
    def iri(self) -> ox.NamedNode:
        value = self.day.value.isoformat() if self.day is not None else ""
        return mint.fact_iri("claim", f"{self.claimant.label} {self.text}", self.claimant.iri.value,
                             self.about.value, str(self.stance), " ".join(self.text.lower().split()), value)


def extract_claims(ctx) -> list[ClaimRecord]:
    article = ctx.article
    negotiation = negotiation_for(ctx)
    if negotiation is None:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        dates = article_dates(article)
    quantities = [(q, node) for q, node, _ in quantities_of(ctx)]
    claims: list[ClaimRecord] = []
    pairs: list[tuple[ClaimRecord, ClaimRecord]] = []
    sentences = article.sentences
    dates = ByBegin(dates)  # a sentence's dates by bisection (a scan per sentence was quadratic)
    for index, sentence in enumerate(sentences):
        claims.extend(_claim_verbs(ctx, sentence, negotiation))
        pairs.extend(_contrast(ctx, sentence, negotiation, quantities))
        if index + 1 < len(sentences) and sentences[index + 1].paragraph == sentence.paragraph:
            pairs.extend(_denial(ctx, sentence, sentences[index + 1], negotiation))
        claims.extend(_reported_days(ctx, sentence, negotiation, dates))
    for first, second in pairs:
        claims.extend((first, second))
    unique = {c.iri.value: c for c in claims}
    for claim in unique.values():
        _emit_claim(ctx, claim)
    # The text sets these claims against each other: a pairwise contradiction each. A denial is one
    # disagreement naming the denied claim, its denial and the counter-claims; a conflict over a value
    # (a contrast's two figures, two outlets' days) is one disagreement per key (builder.conflicts).
    denials: dict[str, dict[str, ClaimRecord]] = {}
    for first, second in pairs:
        if first.iri == second.iri:
            continue
        ctx.sink.add(first.iri, CPS.contradicts, second.iri)
        ctx.sink.add(second.iri, CPS.contradicts, first.iri)
        if first.rule == RULE_DENIAL:
            denials.setdefault(first.iri.value, {first.iri.value: first})[second.iri.value] = second
    for group in denials.values():
        members = [group[k] for k in sorted(group)]
        _emit_disagreement(ctx, disagreement_iri(group), members,
                           conflict_label(c.claimant.label for c in members))
    for key, members in sorted(_value_groups(unique.values()).items()):
        if has_conflict((c.claimant.iri.value, _claim_value(c)) for c in members):
            _emit_disagreement(ctx, value_disagreement_iri(key), members,
                               conflict_label(c.claimant.label for c in members))
    return list(unique.values())


def _content(text: str, cue: re.Match, end: int) -> tuple[int, int]:
    """The words a reporting verb introduces, without a leading 'that' or an 'X of' after 'accused'."""
    at = cue.end()
    lead = re.match(r"\s*(?:(?:the\s+)?[\w.’']+(?:\s+[A-Z][\w.’']+)*\s+that\s+|that\s+|\w+\s+of\s+|)", text[at:end])
    if cue.group(0).lower().startswith(("told", "tell")) and lead:
        at += lead.end()
    elif cue.group(0).lower().startswith("accus"):
        at += re.match(r"\s*(?:\w+\s+){0,3}?of\s+", text[at:end]).end() if re.match(
            r"\s*(?:\w+\s+){0,3}?of\s+", text[at:end]) else 0
    else:
        at += re.match(r"\s*(?:that\s+)?", text[at:end]).end()
    stop = end
    while stop > at and text[stop - 1] in " .,;:”\"":
        stop -= 1
    return at, stop


def _about(ctx, begin: int, end: int, negotiation) -> ox.NamedNode:
    """The negotiation's one-off event the claimed words name, else the negotiation itself."""
    text = ctx.article.text
    for cls, pattern, label, _ in EVENT_RULES:
        if cls in (CPS.WalkAway, CPS.TentativeAgreement, CPS.CoolingOffPeriod) and pattern.search(text, begin, end):
            return event_iri(cls, label, negotiation)
    if FINAL_OFFER.search(text, begin, end):
        return event_iri(CPS.FinalOffer, "Last, best and final offer", negotiation)
    return negotiation.iri


def _claim_verbs(ctx, sentence, negotiation) -> list[ClaimRecord]:
    text = ctx.article.text
    out = []
    for cue in CLAIM_VERB.finditer(text, sentence.begin, sentence.end):
        claimant = claimant_of(ctx, cue, sentence.begin, sentence.end, negotiation)
        if claimant is None:
            continue
        begin, end = _content(text, cue, _clause_end(text, cue.end(), sentence.end))
        if end <= begin:
            continue
        out.append(ClaimRecord(claimant, text[begin:end], CPS.AffirmsStance, _about(ctx, begin, end, negotiation),
                               begin, end, RULE_CLAIM_VERB))
    return out


def _clause_end(text: str, at: int, end: int) -> int:
    stop = re.search(r",\s+and\s+(?=\w+\s+(?:had|has|have|said|says))|;|\.\s", text[at:end])
    return at + stop.start() if stop else end


def _contrast(ctx, sentence, negotiation, quantities):
    text = ctx.article.text
    split = CONTRAST.search(text, sentence.begin, sentence.end)
    if split is None:
        return []
    halves = ((sentence.begin, split.start()), (split.end(), sentence.end))
    sides = []
    for begin, end in halves:
        cues = reporting_cues(text, begin, end)
        if not cues:
            return []
        claimant = claimant_of(ctx, cues[0], begin, end, negotiation)
        if claimant is None:
            return []
        c_begin, c_end = _content(text, cues[0], end)
        measured = [(q, n) for q, n in quantities if c_begin <= q.begin and q.end <= c_end]
        sides.append(ClaimRecord(claimant, text[c_begin:c_end], CPS.AffirmsStance,
                                 _about(ctx, c_begin, c_end, negotiation), c_begin, c_end, RULE_CONTRAST,
                                 measured[0] if measured else None))
    left, right = sides
    if left.claimant == right.claimant or not _values_conflict(left, right):
        return []
    return [(left, right)]


def _denial(ctx, first, second, negotiation):
    text = ctx.article.text
    denial = DENIAL.search(text, second.begin, second.end)
    if denial is None:
        return []
    cues = [c for c in reporting_cues(text, first.begin, first.end)]
    claim = None
    for cue in cues:
        claimant = claimant_of(ctx, cue, first.begin, first.end, negotiation)
        if claimant is not None:
            begin, end = _content(text, cue, first.end)
            claim = ClaimRecord(claimant, text[begin:end], CPS.AffirmsStance, _about(ctx, begin, end, negotiation),
                                begin, end, RULE_DENIAL)
            break
    if claim is None:
        return []
    denier_cues = [c for c in reporting_cues(text, second.begin, denial.end())] or []
    denier = None
    for cue in reversed(denier_cues):
        denier = claimant_of(ctx, cue, second.begin, denial.start(), negotiation)
        if denier is not None:
            break
    if denier is None or denier == claim.claimant:
        return []
    d_end = denial.end()
    pairs = [(claim, ClaimRecord(denier, f"it is not the case that {claim.text}", CPS.DeniesStance, claim.about,
                                 second.begin, d_end, RULE_DENIAL))]
    for cue in reporting_cues(text, d_end, second.end):  # "... and district officials said union officials left first"
        other = claimant_of(ctx, cue, d_end, second.end, negotiation)
        if other is None or other == claim.claimant:
            continue
        begin, end = _content(text, cue, second.end)
        pairs.append((claim, ClaimRecord(other, text[begin:end], CPS.AffirmsStance, claim.about, begin, end,
                                         RULE_DENIAL)))
    return pairs


def _reported_days(ctx, sentence, negotiation, dates) -> list[ClaimRecord]:
    text = ctx.article.text
    outlet = Entity(mint.entity_iri("organization", str(ctx.article.meta.publisher.value)), "organization",
                    str(ctx.article.meta.publisher.value), (str(CPS.NewsOutlet),))
    out = []
    for cls, pattern, label, wording in DATED_EVENTS:
        for match in pattern.finditer(text, sentence.begin, sentence.end):
            day = nearest_day(dates.starting_in(sentence.begin, sentence.end), match.start())
            if day is None:
                continue
            begin, end = min(day.begin, match.start()), max(day.end, match.end())
            about = _described_event(ctx, cls, event_iri(cls, label, negotiation), match.start(), match.end())
            if about is None:
                continue  # a claim is about an event the graph describes, never a dangling IRI
            out.append(ClaimRecord(outlet, f"{wording} on {day.value.isoformat()} (“{day.expression}”)",
                                   CPS.AffirmsStance, about, begin, end, RULE_REPORTED_DAY, day=day))
    return out


def _described_event(ctx, cls, iri, begin: int, end: int):
    """The event the article's event book records under `iri`, else the one of class `cls` whose mention
    is these words (another negotiation's tentative agreement named in the sentence); None if neither."""
    book = ctx.events
    if book is None or iri.value in book.records:
        return iri
    for record in book.of_class(cls):
        if any(b < end and begin < e for b, e, _, _ in record.spans):
            return record.iri
    return None


def _values_conflict(a: ClaimRecord, b: ClaimRecord) -> bool:
    if a.about != b.about or a.stance != b.stance:
        return False
    if a.quantity and b.quantity:
        qa, qb = a.quantity[0], b.quantity[0]
        return (qa.unit, qa.counted, qa.rate) == (qb.unit, qb.counted, qb.rate) and qa.value != qb.value
    if a.day is not None and b.day is not None:
        return a.day.value != b.day.value
    return False


def _claim_value(claim: ClaimRecord):
    return claim.day.value.isoformat() if claim.day is not None else claim.quantity[0].value


def _value_groups(claims) -> dict[tuple, list[ClaimRecord]]:
    """The article's claims by what must agree for their values to conflict (builder.conflicts.value_key)."""
    groups: dict[tuple, list[ClaimRecord]] = {}
    for claim in claims:
        if claim.day is not None:
            key = value_key(terms.iri(claim.about).value, terms.iri(claim.stance).value, True)
        elif claim.quantity is not None:
            quantity = claim.quantity[0]
            key = value_key(terms.iri(claim.about).value, terms.iri(claim.stance).value, False, quantity.unit_text,
                            quantity.counted)
        else:
            continue
        groups.setdefault(key, []).append(claim)
    return groups


def _emit_claim(ctx, claim: ClaimRecord) -> None:
    sink, node = ctx.sink, claim.iri
    sink.add_type(node, CPS.Claim)
    sink.label(node, f"{claim.claimant.label}: {claim.text}"[:200])
    sink.add(node, PROV.wasAttributedTo, claim.claimant.iri)
    sink.add(node, CPS.claimText, terms.text(claim.text))
    sink.add(node, CPS.stance, claim.stance)
    sink.add(node, CPS.about, claim.about)
    if claim.quantity is not None:
        sink.add(node, CPS.claimedQuantity, claim.quantity[1])
        sink.add(claim.quantity[1], PROV.wasAttributedTo, claim.claimant.iri)
    if claim.day is not None:
        # the claimed day; cps: has no claimedDate yet, so the event-time property of SEM carries it
        sink.add(node, SEM.hasTimeStamp, terms.xsd_date(claim.day.value))
        sink.add(node, CPS.timeExpression, terms.text(claim.day.expression))
    ctx.ground(node, claim.begin, claim.end, claim.rule, 0.7 if claim.rule != RULE_REPORTED_DAY else 0.8)


def disagreement_iri(claim_iris) -> ox.NamedNode:
    return mint.fact_iri("disagreement", "disagreement", *sorted(str(c) for c in claim_iris))


def _emit_disagreement(ctx, node: ox.NamedNode, members: list[ClaimRecord], label: str) -> None:
    sink = ctx.sink
    sink.add_type(node, CPS.Disagreement)
    sink.label(node, label)
    for claim in members:
        sink.add(node, CPS.hasClaim, claim.iri)
        ctx.ground(node, claim.begin, claim.end, RULE_CONFLICT, 0.7)
