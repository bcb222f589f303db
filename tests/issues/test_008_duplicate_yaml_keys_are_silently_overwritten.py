"""Fixed bug (corpus.py loads sources.yaml with a loader that refuses repeated keys): a key given twice in
one sources.yaml entry was accepted silently, and the last value won.

PyYAML's `safe_load` (used by builder/ingest/corpus.py) keeps the last of duplicate mapping keys, so a curator's
second `date_published:` (or a second `id:`) replaces the first without a word: the article is built
with a date nobody reviewed. YAML 1.2 says mapping keys are unique. Failing input: the sources.yaml
below (two `date_published` keys in one entry).
"""

from __future__ import annotations

from tests.corpus_factory import make_corpus
from tests.robustness.promises import cli_build

SOURCES = """articles:
  - id: a
    file: articles/a.txt
    publisher: {value: Example News, how: stated, evidence: Chicago}
    date_published: {value: 2021-02-01, how: inferred, reasoning: test, evidence: Chicago}
    date_published: {value: 2021-02-09, how: inferred, reasoning: test, evidence: Chicago}
"""


def test_a_repeated_key_is_a_clear_error(tmp_path):
    article = "CHICAGO — Chicago teachers met on Monday.\n".encode()
    corpus = make_corpus(tmp_path, {"a": article}, sources_text=SOURCES)
    result = cli_build(corpus, tmp_path / "output")
    assert result.exit_code == 2 and "sources.yaml:6:" in result.stderr, (result.exit_code, result.output)
