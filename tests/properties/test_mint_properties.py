"""Properties of IRI minting (`builder.emit.mint`) over arbitrary names.

* every minted IRI is accepted by the strict parser (`pyoxigraph.NamedNode`) and survives N-Triples in
  rdflib unchanged;
* NFC and NFD spellings of a name give the same IRI;
* minting is injective on normalised names: the local name decodes back to the normalised name (`_` is a
  space, `%XX` a UTF-8 byte), so two distinct names can never share an IRI;
* fact and span IRIs are valid for any readable text, identity parts and offsets, and deterministic.
"""

from __future__ import annotations

import unicodedata
import urllib.parse

import pyoxigraph as ox
import rdflib
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builder.emit import mint
from builder.namespaces import CPS_ID

# Any Unicode scalar value: surrogates cannot come out of strict UTF-8 decoding.
CHARACTERS = st.characters(blacklist_categories=("Cs",))
# Names biased towards the characters that collide or break IRIs: space/underscore, percent, reserved.
TRICKY = st.sampled_from(list(" _%#/?&<>\"'\\{}|^`\t\n\u00a0\u2028é\u0301Å\u212b"))
NAMES = st.text(st.one_of(CHARACTERS, TRICKY), min_size=1, max_size=40)


def decode_local_name(local: str) -> str:
    return urllib.parse.unquote(local.replace("_", " "), errors="strict")


@settings(max_examples=400, deadline=None)
@given(NAMES)
def test_every_minted_iri_is_strictly_valid_and_rdflib_keeps_it(name):
    assume(mint.normalise_name(name))
    iri = mint.entity_iri("person", name)
    assert ox.NamedNode(iri.value).value == iri.value
    line = ox.serialize([ox.Triple(iri, iri, iri)], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    graph = rdflib.Graph().parse(data=line, format="nt")
    assert {str(term) for triple in graph for term in triple} == {iri.value}


@settings(max_examples=300, deadline=None)
@given(NAMES)
def test_nfc_and_nfd_give_the_same_iri(name):
    assume(mint.normalise_name(name))
    nfc, nfd = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    assert mint.entity_iri("organization", nfc) == mint.entity_iri("organization", nfd)


@settings(max_examples=400, deadline=None)
@given(NAMES)
def test_the_local_name_decodes_back_to_the_normalised_name(name):
    normalised = mint.normalise_name(name)
    assume(normalised)
    local = mint.entity_iri("place", name).value.removeprefix(f"{CPS_ID}place/")
    assert decode_local_name(local) == normalised


@settings(max_examples=300, deadline=None)
@given(NAMES, NAMES)
def test_distinct_names_never_collide(first, second):
    assume(mint.normalise_name(first) and mint.normalise_name(second))
    same_name = mint.normalise_name(first) == mint.normalise_name(second)
    same_iri = mint.entity_iri("person", first) == mint.entity_iri("person", second)
    assert same_name == same_iri


@settings(max_examples=200, deadline=None)
@given(st.text(CHARACTERS, max_size=80), st.lists(st.text(CHARACTERS, max_size=30), max_size=4),
       st.sampled_from(sorted(mint.FACT_KINDS)))
def test_fact_iris_are_valid_and_deterministic(readable, identity, kind):
    first = mint.fact_iri(kind, readable, *identity)
    assert ox.NamedNode(first.value) == first
    assert mint.fact_iri(kind, readable, *identity) == first
    assert first.value.startswith(f"{CPS_ID}{kind}/")


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_span_iris_are_valid_for_any_offsets(begin, end):
    iri = mint.span_iri("2021-02-07-example", begin, end)
    assert ox.NamedNode(iri.value) == iri and iri.value.endswith(f"#char={begin},{end}")
