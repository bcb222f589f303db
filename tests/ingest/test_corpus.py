"""The corpus: seeds kept byte-identical, metadata honest about how each value is known."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from builder.ingest.articles import ingest_corpus
from builder.ingest.corpus import load_sources
from tests.corpus_factory import PROJECT, SEEDS

CORPUS = PROJECT / "corpus"
RAW = yaml.safe_load((CORPUS / "sources.yaml").read_text(encoding="utf-8"))["articles"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_articles_are_byte_identical_to_the_seeds():
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert sorted(e["seed"] for e in RAW) == seeds, "every seed is in the corpus exactly once"
    for entry in RAW:
        assert sha256(CORPUS / entry["file"]) == sha256(SEEDS / entry["seed"]), entry["id"]


def test_every_article_file_is_described_and_ids_are_meaningful():
    files = sorted(str(p.relative_to(CORPUS)) for p in (CORPUS / "articles").glob("*.txt"))
    assert sorted(e["file"] for e in RAW) == files
    for entry in RAW:
        # meaningful names: the file is named after the id, which starts with the publication date
        assert entry["file"] == f"articles/{entry['id']}.txt"
        assert entry["id"].startswith(str(entry["date_published"]["value"]))


def test_metadata_says_how_every_value_is_known_and_evidence_is_in_the_text():
    for article in ingest_corpus(CORPUS):
        meta = article.meta
        values = [meta.publisher, meta.date_published, *meta.authors] + ([meta.headline] if meta.headline else [])
        for value in values:
            assert value.how in ("stated", "inferred")
            assert value.evidence in article.text, (meta.id, value.evidence)
            if value.how == "inferred":
                assert value.reasoning and len(value.reasoning.split()) >= 8


def test_no_url_is_invented():
    """No URL is known for a seed article: sources.yaml gives none (the key exists for articles read at one)."""
    assert all("url" not in entry and "retrieved" not in entry for entry in RAW)
    assert all(meta.url is None and meta.retrieved is None and meta.export for meta in load_sources(CORPUS))


URL_ENTRY = {"id": "a", "file": "articles/a.txt",
             "publisher": {"value": "Chicago Tribune", "how": "stated", "evidence": "Chicago"},
             "date_published": {"value": "2021-02-07", "how": "stated", "evidence": "Chicago"}}


def _corpus_with(tmp_path: Path, **fields) -> Path:
    from tests.corpus_factory import make_corpus

    return make_corpus(tmp_path, {"a": b"Chicago news.\n"}, entries=[dict(URL_ENTRY, **fields)])


def test_url_retrieved_and_export_are_read():
    import datetime
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        corpus = _corpus_with(Path(folder), url="https://example.org/news/a", retrieved="2021-02-08", export=False)
        (meta,) = load_sources(corpus)
    assert (meta.url, meta.retrieved, meta.export) == ("https://example.org/news/a", datetime.date(2021, 2, 8), False)


@pytest.mark.parametrize(("fields", "message"), [
    ({"url": "https://example.org/a"}, "a url needs `retrieved:`"),
    ({"retrieved": "2021-02-08"}, "give the url too"),
    ({"url": "example.org/a", "retrieved": "2021-02-08"}, "url must be an http(s) URL"),
    ({"url": "https://example.org/a b", "retrieved": "2021-02-08"}, "url must be an http(s) URL"),
    ({"url": "https://example.org/a|b", "retrieved": "2021-02-08"}, "url must be an http(s) URL"),
    ({"url": "https://example.org/a", "retrieved": "08/02/2021"}, "date must be an ISO date"),
    ({"url": "https://example.org/a", "retrieved": "2021-02-01"}, "before the publication date"),
    ({"export": "no"}, "export must be true or false"),
])
def test_bad_url_retrieved_or_export_is_exit_2_naming_the_entry(tmp_path: Path, fields: dict, message: str):
    from builder.errors import InputError

    corpus = _corpus_with(tmp_path, **fields)
    with pytest.raises(InputError) as caught:
        load_sources(corpus)
    assert message in caught.value.render() and "articles entry 1" in caught.value.render()
    assert caught.value.exit_code == 2


def test_the_2019_strike_article_is_dated_2019_and_the_others_2021():
    years = {m.id: m.published.year for m in load_sources(CORPUS)}
    strike = [i for i in years if "strike" in i]
    assert strike and all(years[i] == 2019 for i in strike)
    assert all(year == 2021 for i, year in years.items() if i not in strike)
    # the strike article mentions its own tell-tale facts, the year is not a label only
    text = (CORPUS / f"articles/{strike[0]}.txt").read_text(encoding="utf-8")
    assert "longest strike in more than 30 years" in text
