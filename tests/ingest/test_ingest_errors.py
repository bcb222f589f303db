"""Bad corpus input: every fault gets a clear error naming the file and position, exit code 2."""

from __future__ import annotations

import pytest

from builder.errors import InputError
from builder.ingest.articles import ingest_corpus
from builder.ingest.decode import MAX_ARTICLE_BYTES
from tests.corpus_factory import entry, make_corpus

GOOD = "Chicago (AP) — Teachers met on Monday. “We are close,” she said.\n\nA second paragraph.\n"


def ingest_error(tmp_path, **kwargs) -> InputError:
    corpus = make_corpus(tmp_path, **kwargs)
    with pytest.raises(InputError) as info:
        ingest_corpus(corpus)
    assert info.value.exit_code == 2
    return info.value


def test_cp1252_bytes_name_the_file_and_byte_offset(tmp_path):
    data = "Chicago — ".encode() + b"\x93quoted\x94 caf\xe9"
    err = ingest_error(tmp_path, articles={"a": data})
    assert "a.txt" in err.render()
    assert f"byte offset {len('Chicago — '.encode())}" in err.render()
    assert "0x93" in err.render()


def test_bom_crlf_and_lone_cr_give_the_same_text_and_offsets(tmp_path):
    clean = ingest_corpus(make_corpus(tmp_path / "clean", articles={"a": GOOD.encode()}))[0]
    variants = {
        "bom": b"\xef\xbb\xbf" + GOOD.encode(),
        "crlf": GOOD.replace("\n", "\r\n").encode(),
        "cr": GOOD.replace("\n", "\r").encode(),
    }
    for name, data in variants.items():
        other = ingest_corpus(make_corpus(tmp_path / name, articles={"a": data}))[0]
        assert other.text == clean.text, name
        assert other.paragraphs == clean.paragraphs, name
        assert other.sentences == clean.sentences, name


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  "])
def test_empty_and_whitespace_only_articles_are_refused(tmp_path, data):
    assert "empty" in ingest_error(tmp_path, articles={"a": data}).render()


def test_article_missing_from_sources_yaml(tmp_path):
    corpus = make_corpus(tmp_path, articles={"a": GOOD.encode()}, entries=[])
    (corpus / "sources.yaml").write_text("articles: []\n")
    with pytest.raises(InputError, match=r"articles/a\.txt has no entry in sources\.yaml"):
        ingest_corpus(corpus)


def test_metadata_naming_a_missing_file(tmp_path):
    err = ingest_error(tmp_path, articles={"a": GOOD.encode()},
                       entries=[entry("a", "Chicago"), entry("b", "Chicago")])
    assert "missing file 'articles/b.txt'" in err.render()


def test_malformed_yaml_reports_line_and_column(tmp_path):
    text = "articles:\n  - id: a\n    file: [unclosed\n"
    err = ingest_error(tmp_path, articles={"a": GOOD.encode()}, sources_text=text)
    assert err.file.endswith("sources.yaml")
    assert err.position is not None and ":" in err.position
    line, column = map(int, err.position.split(":"))
    assert line >= 3 and column >= 1


def test_duplicate_ids(tmp_path):
    err = ingest_error(tmp_path, articles={"a": GOOD.encode()}, entries=[entry("a", "Chicago"), entry("a", "Chicago")])
    assert "duplicate article id 'a'" in err.render()


def test_oversized_article_is_refused_before_parsing(tmp_path):
    err = ingest_error(tmp_path, articles={"a": b"x" * (MAX_ARTICLE_BYTES + 1)})
    assert "over the cap" in err.render()


def test_evidence_that_is_not_in_the_text(tmp_path):
    err = ingest_error(tmp_path, articles={"a": GOOD.encode()}, evidence="Springfield")
    assert "does not occur" in err.render()


@pytest.mark.parametrize("bad_id", ["Has Space", "../escape", "", "UPPER"])
def test_ids_must_be_iri_safe(tmp_path, bad_id):
    entries = [dict(entry("a", "Chicago"), id=bad_id)]
    assert "id must be" in ingest_error(tmp_path, articles={"a": GOOD.encode()}, entries=entries).render()
