"""bad-inputs #1: an article saved in cp1252 (curly quotes 0x93/0x94, `é` as 0xE9).

The builder reads strict UTF-8 only, so the build stops with the file, the byte offset of the first bad
byte and what to do; it never decodes with replacement characters (no U+FFFD can reach a literal).
"""

from __future__ import annotations

import pytest

from tests.corpus_factory import make_corpus
from tests.robustness.promises import ARTICLE, assert_clear_error, assert_untouched, cli_build, seed_previous_output

PREFIX = "CHICAGO (AP) — Teachers said ".encode()


@pytest.mark.parametrize(("tail", "bad_byte"), [
    (b"\x93we are close\x94 to a deal.\n", "0x93"),   # cp1252 left double quotation mark
    (b"the caf\xe9 stays closed.\n", "0xe9"),          # cp1252 e-acute
])
def test_cp1252_article_is_refused_with_file_and_byte_offset(tmp_path, tail, bad_byte):
    data = PREFIX + tail
    offset = data.index(bytes([int(bad_byte, 16)]))
    corpus = make_corpus(tmp_path, {"good": ARTICLE.encode(), "cp1252": data})
    out = tmp_path / "output"
    before = seed_previous_output(out)

    result = cli_build(corpus, out)

    assert_clear_error(result, file="articles/cp1252.txt", position=f"byte {offset}",
                       reason=rf"invalid UTF-8 at byte offset {offset} \(byte {bad_byte}, line 1\)")
    assert_untouched(out, before)


def test_the_line_of_the_bad_byte_is_reported(tmp_path):
    data = ARTICLE.encode() + b"\nA later paragraph with a \x96 dash.\n"
    offset = data.index(b"\x96")
    line = data.count(b"\n", 0, offset) + 1
    corpus = make_corpus(tmp_path, {"late": data})
    out = tmp_path / "output"
    before = seed_previous_output(out)

    result = cli_build(corpus, out)

    assert_clear_error(result, file="articles/late.txt", position=f"byte {offset}",
                       reason=rf"byte 0x96, line {line}\)")
    assert_untouched(out, before)
