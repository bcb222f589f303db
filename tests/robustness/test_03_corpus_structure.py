"""bad-inputs #3: an empty or white-space-only article, an article missing from sources.yaml, metadata
naming a missing file, malformed YAML (line and column), duplicate article ids.

Each is fed to `cpskg build` next to a good article, over an output folder a previous run left: the
build must stop with exit 2 and a message naming the file (and the position where there is one), and
leave the folder byte-identical.
"""

from __future__ import annotations

import pytest
import yaml

from tests.corpus_factory import entry, make_corpus
from tests.robustness.promises import ARTICLE, assert_clear_error, assert_untouched, cli_build, seed_previous_output

GOOD = ARTICLE.encode()


def _sources(*entries: dict) -> str:
    return yaml.safe_dump({"articles": list(entries)}, sort_keys=False)


CASES = {
    "empty article": dict(
        articles={"good": GOOD, "empty": b""},
        file="articles/empty.txt", reason="article is empty or contains only white space"),
    "white-space-only article": dict(
        articles={"good": GOOD, "blank": b" \n\t\r\n\xc2\xa0\n  \r"},
        file="articles/blank.txt", reason="article is empty or contains only white space"),
    "article missing from sources.yaml": dict(
        articles={"good": GOOD, "stray": GOOD}, sources=_sources(entry("good", "Chicago")),
        file="sources.yaml", reason=r"article articles/stray\.txt has no entry in sources\.yaml"),
    "metadata naming a missing file": dict(
        articles={"good": GOOD}, sources=_sources(entry("good", "Chicago"), entry("gone", "Chicago")),
        file="sources.yaml", reason=r"metadata for 'gone' names a missing file 'articles/gone\.txt'"),
    "duplicate article ids": dict(
        articles={"good": GOOD}, sources=_sources(entry("good", "Chicago"), entry("good", "Chicago")),
        file="sources.yaml", reason=r"duplicate article id 'good' \(entries 1 and 2\)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_corpus_structure_is_a_clear_error_and_changes_nothing(tmp_path, case):
    spec = CASES[case]
    corpus = make_corpus(tmp_path, spec["articles"], sources_text=spec.get("sources"))
    out = tmp_path / "output"
    before = seed_previous_output(out)

    result = cli_build(corpus, out)

    assert_clear_error(result, file=spec["file"], reason=spec["reason"])
    assert_untouched(out, before)


@pytest.mark.parametrize(("text", "line", "column"), [
    ("articles:\n  - id: good\n    file: [unclosed\n", 4, 1),     # flow sequence never closed
    ("articles:\n  - id: good\n   file: articles/good.txt\n", 3, 4),  # indentation breaks the mapping
    ("articles:\n\t- id: good\n", 2, 1),                          # a TAB where YAML wants spaces
    ("articles:\n  - id: good\n    id: other\n", 3, 5),           # a key given twice
])
def test_malformed_yaml_names_line_and_column(tmp_path, text, line, column):
    corpus = make_corpus(tmp_path, {"good": GOOD}, sources_text=text)
    out = tmp_path / "output"
    before = seed_previous_output(out)

    result = cli_build(corpus, out)

    assert_clear_error(result, file="sources.yaml", position=f"{line}:{column}", reason="malformed YAML")
    assert_untouched(out, before)


def test_no_output_folder_is_created_by_a_failed_first_build(tmp_path):
    corpus = make_corpus(tmp_path, {"empty": b""})
    out = tmp_path / "never-built"

    result = cli_build(corpus, out)

    assert_clear_error(result, file="articles/empty.txt", reason="empty")
    assert not out.exists()
