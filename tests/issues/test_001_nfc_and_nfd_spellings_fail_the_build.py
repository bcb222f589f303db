"""Fixed bug (QuadSink.label writes the NFC form): one name spelt in NFC by one article and in NFD by
another made `cpskg build` exit 1.

`builder.emit.mint` gives both spellings the same IRI (as it should), but each article's graph labels it with
its own spelling, so the union graph holds two `rdfs:label`s that differ only in Unicode normalisation,
and the shape `cpsh:EnglishLabel` ("rdfs:label must be one non-empty English string") rejects the whole
dataset. Failing input: two articles whose sources.yaml publishers are "José Álvarez" in NFC and in NFD.
A likely fix: `QuadSink.label` writes `unicodedata.normalize("NFC", value)` (mint already keys on NFC).
"""

from __future__ import annotations

import unicodedata

from tests.corpus_factory import entry, make_corpus
from tests.robustness.promises import cli_build

NFC = "José Álvarez"
NFD = unicodedata.normalize("NFD", NFC)


def test_one_name_in_nfc_and_nfd_builds(tmp_path):
    articles = {"nfc": f"CHICAGO — A statement from {NFC} said teachers met.\n".encode(),
                "nfd": f"CHICAGO — A statement from {NFD} said teachers met.\n".encode()}
    entries = [entry("nfc", NFC, publisher=NFC), entry("nfd", NFD, publisher=NFD)]
    result = cli_build(make_corpus(tmp_path, articles, entries=entries), tmp_path / "output")
    assert result.exit_code == 0, result.output
    turtle = (tmp_path / "output" / "cpskg.ttl").read_text(encoding="utf-8")
    assert f'"{NFC}"@en' in turtle and f'"{NFD}"@en' not in turtle
