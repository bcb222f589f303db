"""Final offers and the terms of offers and agreements.

A "last, best and final offer" is a term of art of public-sector bargaining; every report of it in one
negotiation names the same offer, so its identity is the negotiation (two articles that date it
differently still speak of one offer: the dates become claims, see builder.extract.claims). Proposers are the
agents that are the subject of the offer ("X and Y told the union they had made their final offer",
"the offer that X made"); recipients follow "to" or "told". Terms are sentences that describe what an
offer or agreement provides ("offering", "proposal", "would", "commits to", "includes") on one topic
recognised by its vocabulary (vaccination, closure trigger, remote work, return schedule, pay, staffing,
class size, prep time), with the quantity the sentence gives for it.
"""

from __future__ import annotations

import re

from builder.emit import mint, terms
from builder.extract import rules
from builder.extract.attribution import claimant_of, party_noun, reporting_cues
from builder.extract.eventbook import is_agent, is_union, negotiation_for
from builder.extract.events import nearest_day
from builder.extract.quantities import quantities_of
from builder.spans import ByBegin
from builder.vocab import CPS

__all__ = ["FINAL_OFFER", "TOPICS", "extract_offers", "find_offers", "term_iri"]

RULE_FINAL_OFFER = rules.register(
    "final-offer-phrase", "'last, best and final offer' (or 'final offer'): a cps:FinalOffer of the negotiation, "
    "proposed by the subject of the offer verb, to the party after 'to'/'told', dated by its sentence.")
RULE_TERM = rules.register(
    "offer-term-topic", "A sentence that says what an offer or agreement provides ('offering', 'proposal', "
    "'would', 'commits', 'includes') on a topic recognised by its vocabulary, with the sentence's quantity.")
RULE_OFFER_REJECTED = rules.register(
    "offer-rejected", "The union calls the offer unacceptable or rejects it: the offer's status is rejected.")

FINAL_OFFER = re.compile(r"\blast,?\s+best,?\s+and\s+final[”\"’]?\s+[“\"]?offer\b|\bfinal\s+offer\b", re.IGNORECASE)
PROPOSING_VERB = re.compile(r"\b(?:made|make|makes|submit\w*|issu\w*|present\w*|order\w*|instruct\w*|told|"
                            r"announc\w*|offer\w*|tabl\w*)\b", re.IGNORECASE)
REPORTING_ONLY = re.compile(r"^\s*(?:says?|said|claim\w*|accus\w*|feels?)\b", re.IGNORECASE)
TERM_CUE = re.compile(r"\b(?:offer\w*|propos\w*|would|commits?|committ\w*|includes?|provides?)\b", re.IGNORECASE)
REJECTION = re.compile(r"\b(?:unacceptable|rejects?|rejected|insufficient|refus\w+)\b", re.IGNORECASE)
# Topic vocabularies; the first topic whose words occur in the sentence is the term's topic.
TOPICS = (
    (CPS.ClosureTriggerTopic, "closure trigger",
     re.compile(r"\bclos(?:e|ing|ure|ings)\b|\bpause\b|\boutbreaks?\b|\bshut\s*down\b", re.I)),
    (CPS.RemoteWorkTopic, "remote-work accommodation",
     re.compile(r"\bremote\s+work\b|\bwork\s+(?:from\s+home|remotely)\b|\baccommodations?\b", re.I)),
    (CPS.VaccinationTopic, "vaccination", re.compile(r"\bvaccin\w*|\bshots?\b|\bdoses?\b", re.I)),
    (CPS.ReturnScheduleTopic, "return schedule",
     re.compile(r"\bschedule\b|\breturn\w*\b|\bphased\b|\bback\s+on\b", re.I)),
    (CPS.PayTopic, "pay", re.compile(r"\bpay\b|\braises?\b|\bwages?\b|\bsalar\w+", re.I)),
    (CPS.ClassSizeTopic, "class size", re.compile(r"\bclass\s+sizes?\b", re.I)),
    (CPS.PrepTimeTopic, "prep time", re.compile(r"\bprep(?:aration)?\s+time\b", re.I)),
    (CPS.StaffingTopic, "staffing", re.compile(r"\bstaffing\b|\bnurses\b|\bcounselors\b|\blibrarians\b", re.I)),
)
QUANTIFIED_TOPICS = {CPS.ClosureTriggerTopic, CPS.RemoteWorkTopic, CPS.VaccinationTopic}


def term_iri(offer_iri, topic) -> object:
    return mint.fact_iri("term", f"term {str(topic).rsplit('#', 1)[-1]}", offer_iri.value, str(topic))


def extract_offers(ctx) -> None:
    """The stage: offers into the event book that builder.extract.events left on the context."""
    find_offers(ctx, ctx.events, ctx.dates, [(q, node) for q, node, _ in quantities_of(ctx)])


def find_offers(ctx, book, dates, quantities) -> None:
    text = ctx.article.text
    for sentence in ctx.article.sentences:
        for match in FINAL_OFFER.finditer(text, sentence.begin, sentence.end):
            negotiation = negotiation_for(ctx, sentence.begin, sentence.end)
            if negotiation is None:
                continue
            offer = book.event(CPS.FinalOffer, "Last, best and final offer", negotiation,
                               begin=match.start(), end=match.end(), rule=RULE_FINAL_OFFER, confidence=0.8)
            offer.status_property = str(CPS.offerStatus)
            offer.statuses.add(str(CPS.ProposedStatus))
            recipients = _recipients(ctx, sentence, match, negotiation)
            for entity in recipients:
                offer.actor(entity, str(CPS.recipient))
            for entity in _proposers(ctx, sentence, match, recipients):
                offer.actor(entity, str(CPS.proposer))
            day = nearest_day([d for d in dates if sentence.begin <= d.begin < sentence.end], match.start())
            if day is not None:
                offer.when(day)
    for offer in book.of_class(CPS.FinalOffer):
        if not any(prop == str(CPS.proposer) for prop, _ in offer.relations):
            # nobody named as proposer anywhere in the article: the employer side, stated as lower confidence
            offer.actor(offer.negotiation.employer, str(CPS.proposer))
            offer.spans[0] = (*offer.spans[0][:3], 0.5)
        _rejection(ctx, offer)
    _terms(ctx, book, quantities)


def _recipients(ctx, sentence, match, negotiation):
    """The party after 'to' or 'told' ("… final offer to the union", "told the union they had made …")."""
    text = ctx.article.text
    out = []
    for mention in ctx.mentions_in(sentence.begin, sentence.end):
        lead = text[max(sentence.begin, mention.begin - 12):mention.begin]
        if is_agent(mention.entity) and re.search(r"\b(?:to|told|tell|tells)\s+(?:the\s+)?$", lead):
            out.append(mention.entity)
    if not out:
        after = re.match(r"[”\"]?\s+to\s+", text[match.end():sentence.end])
        party = party_noun(text[match.end() + after.end():sentence.end], negotiation, after=True) if after else None
        out += [party] if party is not None else []
    return list(dict.fromkeys(out))


def _proposers(ctx, sentence, match, recipients):
    """The subjects of the proposing verbs before the offer phrase ("X orders Y to issue a final offer", "X
    and Y told the union they had made their final offer"), and the subject of a relative clause after it
    ("the offer that X made"). An agent that only reports on the offer ("the union says") is no proposer."""
    text = ctx.article.text
    agents = [m for m in ctx.mentions_in(sentence.begin, sentence.end)
              if is_agent(m.entity) and m.entity not in recipients]
    out = []
    verbs = [v for v in PROPOSING_VERB.finditer(text, sentence.begin, match.start())]
    after = re.match(r"[”\"]?\s*(?:offer\s+)?(?:that|which)\s+", text[match.end():sentence.end])
    if after:
        verbs += [v for v in PROPOSING_VERB.finditer(text, match.end(), sentence.end)][:1]
    for verb in verbs:
        out.extend(subject_group(text, [m for m in agents if m.end <= verb.start()], verb.start()))
    return list(dict.fromkeys(out))


def subject_group(text: str, before: list, at: int, reach: int = 60) -> list:
    """The agent mention nearest before `at` (within `reach` characters, no clause break between) and the
    ones coordinated with it ("X and the District Chief Executive Officer Y", "Name (ABBR)")."""
    if not before or at - before[-1].end > reach or re.search(r"[.;:]", text[before[-1].end:at]):
        return []
    if REPORTING_ONLY.match(text[before[-1].end:at]):
        return []
    group = [before[-1]]
    for mention in reversed(before[:-1]):
        gap = text[mention.end:group[-1].begin]
        if re.fullmatch(r"\s*(?:,|and|,\s*and|\()?\s*(?:(?:her|his|its|the)\s+)?(?:[A-Z][\w.’']*\s+){0,4}", gap):
            group.append(mention)
        else:
            break
    return [m.entity for m in group]


REJECTION_CUE = re.compile(r"\b(?:said|says|say|call\w*|feels?)\b")


def _rejection(ctx, offer) -> None:
    """'The union has said that the offer is unacceptable': the union (or someone speaking in a sentence that
    names it: "Union President X said members found the offer unacceptable") rejects the offer."""
    text = ctx.article.text
    negotiation = offer.negotiation
    for sentence in ctx.article.sentences:
        hit = REJECTION.search(text, sentence.begin, sentence.end)
        if hit is None or not re.search(r"\boffer\b", text[sentence.begin:sentence.end], re.I):
            continue
        names_union = any(is_union(m.entity) for m in ctx.mentions_in(sentence.begin, sentence.end))
        for cue in REJECTION_CUE.finditer(text, sentence.begin, hit.start()):
            agent = claimant_of(ctx, cue, sentence.begin, sentence.end, negotiation)
            if agent is not None and (is_union(agent) or names_union):
                offer.statuses.add(str(CPS.RejectedStatus))
                offer.spans.append((hit.start(), hit.end(), RULE_OFFER_REJECTED, 0.6))
                return


def _terms(ctx, book, quantities) -> None:
    by_begin = ByBegin(quantities, span_of=lambda pair: pair[0])  # a sentence's quantities by bisection
    text = ctx.article.text
    for sentence in ctx.article.sentences:
        body = text[sentence.begin:sentence.end]
        phrase = FINAL_OFFER.search(body)  # a sentence naming the offer: its terms follow the phrase
        cue = TERM_CUE.search(body, phrase.end() if phrase else 0)
        if cue is None or re.search(r"\bwould\s+have\s+\w+ed\b", body):
            continue  # "would have closed": a past proposal, not the terms of this one
        if _recipient_account(ctx, sentence, sentence.begin + cue.start()):
            continue
        topic = next(((t, name, p) for t, name, p in TOPICS if p.search(body, cue.start())), None)
        if topic is None:
            continue
        cls_topic, topic_name, _ = topic
        target = book.nearest_before([CPS.FinalOffer, CPS.TentativeAgreement, CPS.RatifiedAgreement], sentence.end)
        if target is None or target.first >= sentence.end:
            continue
        measured = by_begin.inside(sentence.begin + cue.start(), sentence.end)
        if cls_topic in QUANTIFIED_TOPICS and not measured:
            continue
        node = term_iri(target.iri, cls_topic)
        sink = ctx.sink
        sink.add_type(node, CPS.OfferTerm)
        sink.label(node, f"{topic_name.capitalize()} term of the {target.label.split(' (')[0].lower()}")
        sink.add(node, CPS.topic, cls_topic)
        sink.add(node, CPS.termDescription, terms.text(body))
        target.relate(CPS.hasTerm, node)
        if measured:
            quantity, q_node = measured[0]
            sink.add(node, CPS.termQuantity, q_node)
            sink.add(q_node, CPS.quantityOf, node)
        if cls_topic == CPS.ReturnScheduleTopic:
            for phased in _phased_returns_in_paragraph(ctx, book, sentence):
                sink.add(node, CPS.about, phased.iri)
        ctx.ground(node, sentence.begin, sentence.end, RULE_TERM, 0.7)


def _recipient_account(ctx, sentence, at: int) -> bool:
    """'The union says the offer amounts to …': the other side's account of an offer is a claim (see
    builder.extract.claims), not its terms; a relative clause ("issues which the union says are unacceptable, the
    offer would …") does not make the whole sentence the union's."""
    text = ctx.article.text
    negotiation = negotiation_for(ctx, sentence.begin, sentence.end)
    for cue in reporting_cues(text, sentence.begin, at):
        lead = text[max(sentence.begin, cue.start() - 30):cue.start()]
        if re.search(r"\b(?:which|that|who)\s+(?:\w+\s+){0,3}$", lead):
            continue
        if negotiation is not None and \
                claimant_of(ctx, cue, sentence.begin, sentence.end, negotiation) == negotiation.union:
            return True
    return False


def _phased_returns_in_paragraph(ctx, book, sentence):
    paragraph = next(p for p in ctx.article.paragraphs if p.index == sentence.paragraph)
    return [r for r in book.of_class(CPS.PhasedReturn) if paragraph.begin <= r.first < paragraph.end]
