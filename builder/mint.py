"""Mint every IRI of the dataset in one place, and check each one with a strict IRI parser.

rdflib accepts IRIs that strict parsers reject (spaces, bare `%`, ...), so nothing leaves this module
without passing `pyoxigraph.NamedNode`. Names become Wikipedia-style local names: NFC-normalised (so NFC
and NFD spellings give the same IRI), white-space runs as `_`, case kept, Unicode letters and digits
kept for readability, and everything else — a literal `_` included — percent-encoded, so that two
distinct names never share an IRI. n-ary facts get content-derived IRIs (a readable slug plus a hash of
the parts that identify the fact): rebuilding never renumbers them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pyoxigraph as ox

from .errors import InputError
from .namespaces import CPS_GRAPH, CPS_ID

# The kinds of instance IRI; a fixed list so that a typo cannot create a new branch of the IRI space.
ENTITY_KINDS = frozenset({"person", "organization", "place"})
FACT_KINDS = frozenset(
    {"post", "membership", "quotation", "statement", "claim", "disagreement", "event", "offer", "term",
     "quantity", "step", "evidence", "negotiation"}
)
_SAFE_ASCII = re.compile(r"[A-Za-z0-9\-.~]")


def normalise_name(name: str) -> str:
    """The form two spellings of one name share: NFC, white-space runs collapsed, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip()


def local_name(name: str) -> str:
    name = normalise_name(name)
    if not name:
        raise InputError("cannot mint an IRI for an empty name")
    out = []
    for char in name:
        if char == " ":
            out.append("_")
        elif _SAFE_ASCII.match(char) or (ord(char) > 127 and unicodedata.category(char)[0] in "LN"):
            out.append(char)
        else:
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8")))
    return "".join(out)


def checked(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as err:
        raise InputError(f"minted an invalid IRI {iri!r}: {err}") from None


def entity_iri(kind: str, name: str) -> ox.NamedNode:
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}")
    return checked(f"{CPS_ID}{kind}/{local_name(name)}")


def slug(text: str, limit: int = 48) -> str:
    """A short lower-case ASCII slug for the readable part of a fact IRI."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or "x"


def fact_iri(kind: str, readable: str, *identity: object) -> ox.NamedNode:
    """IRI of an n-ary fact: `id/{kind}/{slug}-{hash}`; the hash covers what identifies the fact."""
    if kind not in FACT_KINDS:
        raise ValueError(f"unknown fact kind {kind!r}")
    key = "\x1f".join(normalise_name(str(part)) for part in identity)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return checked(f"{CPS_ID}{kind}/{slug(readable)}-{digest}")


def article_iri(article_id: str) -> ox.NamedNode:
    return checked(f"{CPS_ID}article/{article_id}")


def graph_iri(article_id: str) -> ox.NamedNode:
    return checked(f"{CPS_GRAPH}article/{article_id}")


def ontology_graph_iri() -> ox.NamedNode:
    """The named graph of the TriG that holds the ontology itself (labels, class hierarchy, topics)."""
    return checked(f"{CPS_GRAPH}ontology")


def span_iri(article_id: str, begin: int, end: int) -> ox.NamedNode:
    """NIF 2.0 / RFC 5147 offset-based IRI of a span of an article's text."""
    return checked(f"{CPS_ID}article/{article_id}#char={begin},{end}")


def rule_iri(rule: str) -> ox.NamedNode:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", rule):
        raise ValueError(f"rule names are lower-case-hyphenated, got {rule!r}")
    return checked(f"{CPS_ID}rule/{rule}")
