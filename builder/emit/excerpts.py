"""What of the articles' own words the published dataset keeps: by default excerpts, not whole texts.

The dataset's licence (CC-BY-4.0) covers what this project wrote: the facts, their structure, the
offsets. The articles' text is their publishers'. So, by default, a build publishes what grounds a fact
and no more, as news search engines quote articles:

- every mention keeps its `nif:anchorOf` (the words that state the fact) and its offsets, and so does each
  line of page clutter (short, and quoted so that what the build excluded can be audited);
- a sentence keeps its `nif:anchorOf` only when a mention in it grounds something (`nif:sentence` from a
  mention: the sentence that states a fact); other sentences and every paragraph keep only their
  offsets, kind and links;
- the article node (its own `nif:Context`) keeps its offsets (0 and the text's length) and the SHA-256 of
  its text, not `nif:isString`.

`--include-full-text` keeps everything, for private use (VoID/DCAT then says so). Both forms are built
from, and checked against, the full text first: the shapes and quality checks run before this step, so
every anchor was compared with the article text at its offsets whichever form is published.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from builder.namespaces import GAF, NIF, RDF
from builder.vocab import CPS

_RDF_TYPE = str(RDF.type)
_IS_STRING = str(NIF.isString)
_ANCHOR = str(NIF.anchorOf)
_SENTENCE_LINK = str(NIF.sentence)
_STRUCTURE = {str(NIF.Sentence), str(NIF.Paragraph)}
# a mention is the words that state something; page clutter is quoted so that what was excluded can be audited
_ALWAYS_QUOTED = {str(CPS.PageFurniture)}


def excerpts_only(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads without whole article texts: see the module docstring for what is kept."""
    quads = list(quads)
    structural: set[ox.NamedNode] = set()
    grounding: set[ox.NamedNode] = set()  # mentions that ground an instance, and sentences they lie in
    linked_sentences: set[ox.NamedNode] = set()
    for quad in quads:
        predicate = quad.predicate.value
        if predicate == _RDF_TYPE and quad.object.value in _STRUCTURE:
            structural.add(quad.subject)
        elif predicate == _RDF_TYPE and quad.object.value in _ALWAYS_QUOTED:
            grounding.add(quad.subject)
        elif predicate == str(GAF.denotedBy):
            grounding.add(quad.object)
        elif predicate == _SENTENCE_LINK:
            linked_sentences.add(quad.object)
    kept_anchors = grounding | linked_sentences
    return [q for q in quads
            if q.predicate.value != _IS_STRING
            and not (q.predicate.value == _ANCHOR and q.subject in structural and q.subject not in kept_anchors)]


def quoted_share(quads: Iterable[ox.Quad]) -> dict[str, int]:
    """How many characters of the articles the quads quote (the union of every published anchor's span),
    against the articles' length: the figure a publisher (or a lawyer) asks for first."""
    import re

    spans: dict[str, list[tuple[int, int]]] = {}
    lengths: dict[str, int] = {}
    offsets = re.compile(r"^(?P<article>.+)#char=(?P<begin>\d+),(?P<end>\d+)$")
    for quad in quads:
        predicate = quad.predicate.value
        if predicate == _ANCHOR and (match := offsets.match(quad.subject.value)):
            spans.setdefault(match["article"], []).append((int(match["begin"]), int(match["end"])))
        elif predicate == _IS_STRING:
            spans.setdefault(quad.subject.value, []).append((0, len(quad.object.value)))
        elif predicate == str(NIF.endIndex) and "#" not in quad.subject.value:
            lengths[quad.subject.value] = int(quad.object.value)
    quoted = 0
    for intervals in spans.values():
        end_so_far = 0
        for begin, end in sorted(intervals):
            begin = max(begin, end_so_far)
            if end > begin:
                quoted += end - begin
                end_so_far = end
    return {"characters_in_articles": sum(lengths.values()), "characters_quoted": quoted}
