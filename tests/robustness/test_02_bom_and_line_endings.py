"""bad-inputs #2: UTF-8 with a BOM, CRLF and lone CR line endings give the same graph and the same offsets
as the clean file.

The only triple allowed to differ is `schema:sha256`, which records the bytes of the file as it is on
disk (that is its job). Everything else, every `nif:beginIndex`/`nif:endIndex` included, must be equal.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from builder.namespaces import SCHEMA_IRI
from tests.corpus_factory import make_corpus
from tests.robustness.promises import ARTICLE, assert_nothing_lost, cli_build

SHA256 = SCHEMA_IRI + "sha256"
VARIANTS = {
    "bom": b"\xef\xbb\xbf" + ARTICLE.encode(),
    "crlf": ARTICLE.replace("\n", "\r\n").encode(),
    "cr": ARTICLE.replace("\n", "\r").encode(),
    "bom-crlf": b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode(),
    "mixed": "".join(line + ("\r\n", "\r", "\n")[i % 3]
                     for i, line in enumerate(ARTICLE.split("\n")[:-1])).encode(),
}


def _built_quads(tmp_path, name: str, data: bytes) -> set[ox.Quad]:
    corpus = make_corpus(tmp_path / name, {"a": data})
    out = tmp_path / name / "output"
    result = cli_build(corpus, out)
    assert result.exit_code == 0, result.output
    built = assert_nothing_lost(corpus, out)
    return {q for q in built.quads if q.predicate.value != SHA256}


@pytest.fixture(scope="module")
def clean_quads(tmp_path_factory) -> set[ox.Quad]:
    return _built_quads(tmp_path_factory.mktemp("clean"), "clean", ARTICLE.encode())


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_same_graph_and_offsets_as_the_clean_file(tmp_path, clean_quads, variant):
    other = _built_quads(tmp_path, variant, VARIANTS[variant])
    assert other == clean_quads, (
        f"{variant}: only in clean {sorted(map(str, clean_quads - other))[:5]}, "
        f"only in {variant} {sorted(map(str, other - clean_quads))[:5]}")
