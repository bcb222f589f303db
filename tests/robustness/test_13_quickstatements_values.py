"""bad-inputs #13: QuickStatements values with TAB, newline, `|`, inner `"`, a trailing `*/`, 300-character
labels: every emitted line still parses under the V1 rules; offending values are normalised with a warning.

Through a build: the publisher's name (sources.yaml) and a byline carry `|`, inner quotes, `*/` and a TAB,
another byline a 300-character name; the article was read at a URL, so its reference identifies it. The
build's wikidata/ batches (TSV and CSV) pass the V1 checker and create nothing (issue 16: reconcile
first); with every entity recorded as reconciled by hand and absent from Wikidata, `cpskg export
quickstatements --create-new-items` creates the people with normalised labels and warns about each
normalised value. A dataset that is missing or not TriG is a clear error that leaves an earlier export
untouched.
"""

from __future__ import annotations

import pytest

from builder.export.qs_check import TERM_MAX, check_batch, check_csv
from tests.corpus_factory import entry, make_corpus, snapshot
from tests.robustness.promises import assert_clear_error, assert_untouched, cli_build, cpskg

PUBLISHER = 'Parents | for "Schools" */ Chicago\tNorth'
AUTHOR = "Ann " + "Very" * 75 + " Long"
ARTICLE = f"CHICAGO — {PUBLISHER} reported.\nBy {AUTHOR}\n\nChicago teachers met on Monday.\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("qs")
    source = entry("a", PUBLISHER, publisher=PUBLISHER)
    source["authors"] = [{"value": AUTHOR, "how": "stated", "evidence": AUTHOR},
                         {"value": PUBLISHER, "how": "stated", "evidence": PUBLISHER}]
    source["url"], source["retrieved"] = "https://example.org/a", "2021-02-02"
    corpus = make_corpus(root, {"a": ARTICLE.encode()}, entries=[source])
    result = cli_build(corpus, root / "output")
    assert result.exit_code == 0, result.output
    return root / "output"


@pytest.fixture(scope="module")
def reconciled(built, tmp_path_factory):
    """A curation folder recording every entity of to-reconcile.csv as reconciled by hand and absent."""
    import csv as csv_module

    folder = tmp_path_factory.mktemp("curation")
    with (built / "wikidata" / "to-reconcile.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv_module.DictReader(handle))
    lines = ["iri\tlabel\tqid\treconciled_on\tscore\thand_checked\tevidence"]
    lines += [f"{row['iri']}\tx\t\t2026-12-01\t\tY\tno item" for row in rows]
    (folder / "reconciled-ids.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def created(built, reconciled, out):
    return cpskg("export", "quickstatements", "--data", built / "cpskg.trig", "--out", out,
                 "--create-new-items", "--curation", reconciled)


def test_the_build_batches_pass_the_v1_checker(built, reconciled, tmp_path):
    tsv = (built / "wikidata" / "quickstatements.tsv").read_text(encoding="utf-8")
    csv = (built / "wikidata" / "quickstatements.csv").read_text(encoding="utf-8")
    assert check_batch(tsv) == [] and check_csv(csv) == []
    assert "CREATE" not in tsv
    result = created(built, reconciled, tmp_path)
    assert result.exit_code == 0, result.output
    tsv = (tmp_path / "quickstatements.tsv").read_text(encoding="utf-8")
    assert check_batch(tsv) == [] and check_csv((tmp_path / "quickstatements.csv").read_text(encoding="utf-8")) == []
    labels = [line.split("\t")[2] for line in tsv.splitlines() if "\tLen\t" in line]
    assert '"Parents / for “Schools” * / Chicago North"' in labels
    assert all(len(label) - 2 <= TERM_MAX for label in labels)
    assert any(label.startswith('"Ann Very') and label.endswith('…"') for label in labels)


def test_the_export_command_writes_the_same_batch_and_warns(built, reconciled, tmp_path):
    plain = cpskg("export", "quickstatements", "--data", built / "cpskg.trig", "--out", tmp_path / "plain")
    assert plain.exit_code == 0, plain.output
    assert (tmp_path / "plain" / "quickstatements.tsv").read_bytes() == (
        built / "wikidata" / "quickstatements.tsv").read_bytes()
    result = created(built, reconciled, tmp_path)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert any("Parents | for" in w and "normalised" in w for w in warnings), result.stderr
    assert any("Ann Very" in w for w in warnings), result.stderr


@pytest.mark.parametrize(("content", "reason"), [
    (None, "does not exist|not been built|no such file|missing"),
    (b"<https://w3id.org/cpskg/graph/a> { <s> <p> \"unterminated . }\n", "TriG|syntax|parse"),
])
def test_a_missing_or_broken_dataset_leaves_the_earlier_export(built, tmp_path, content, reason):
    earlier = tmp_path / "wikidata"
    earlier.mkdir()
    for name in ("quickstatements.tsv", "quickstatements.csv"):
        (earlier / name).write_bytes((built / "wikidata" / name).read_bytes())
    before = snapshot(earlier)
    data = tmp_path / "cpskg.trig"
    if content is not None:
        data.write_bytes(content)

    result = cpskg("export", "quickstatements", "--data", data, "--out", earlier)

    assert_clear_error(result, file="cpskg.trig", reason=f"(?i){reason}")
    assert_untouched(earlier, before)
