"""split.tsv is checked per batch (bench/quality/split.py), and QUALITY.md reports a later batch's test half in a
table of its own (bench/quality/report.py). Hand-made splits and scores only: nothing is built."""

from __future__ import annotations

from pathlib import Path

from bench.quality.gold import decode_text, parse_gold
from bench.quality.report import render, render_details
from bench.quality.score import KINDS, ArticleScore, KindScore
from bench.quality.split import SplitEntry, group_of, read_split, rule_deviations, sha256_of

PROJECT = Path(__file__).resolve().parents[2]
HEADER = "id\tsplit\tsha256_of_id\tbatch\n"


def by_digest(*ids: str) -> list[str]:
    return sorted(ids, key=sha256_of)


def write_split(tmp_path: Path, rows: list[tuple[str, str, str]], header: str = HEADER) -> Path:
    path = tmp_path / "split.tsv"
    path.write_text(header + "".join(f"{i}\t{half}\t{sha256_of(i)}\t{batch}\n" for i, half, batch in rows),
                    encoding="utf-8")
    return path


def test_each_batch_is_checked_on_its_own(tmp_path: Path):
    """Two batches each split by the rule, a test id of the second sorting before a dev id of the first: the
    old global check called this a deviation, the per-batch check does not."""
    first = by_digest("qx-a", "qx-b", "qx-c", "qx-d")
    below_first_dev = [c for c in by_digest(*(f"qy-{n}" for n in range(50))) if sha256_of(c) < sha256_of(first[1])]
    second = below_first_dev[:2]
    rows = [(i, "dev" if k < 2 else "test", "1") for k, i in enumerate(first)]
    rows += [(second[0], "dev", "2"), (second[1], "test", "2")]
    problems: list[str] = []
    split = read_split(write_split(tmp_path, rows), problems)
    assert problems == []
    assert {e.batch for e in split.values()} == {"1", "2"}
    assert rule_deviations({i: SplitEntry(e.half) for i, e in split.items()})  # as one batch it deviates


def test_a_batch_that_breaks_the_rule_is_reported_and_names_the_batch(tmp_path: Path):
    first = by_digest("qx-a", "qx-b", "qx-c")
    second = by_digest("qy-a", "qy-b", "qy-c")
    rows = [(i, "dev" if k < 2 else "test", "1") for k, i in enumerate(first)]
    rows += [(second[0], "test", "2"), (second[1], "dev", "2"), (second[2], "dev", "2")]
    problems: list[str] = []
    read_split(write_split(tmp_path, rows), problems)
    assert len(problems) == 1
    assert "batch 2 does not follow the documented rule" in problems[0]
    assert f"{second[0]} (test) sorts before {second[2]} (dev)" in problems[0]


def test_rows_without_a_batch_column_are_batch_1_and_a_wrong_digest_is_reported(tmp_path: Path):
    ids = by_digest("qx-a", "qx-b")
    path = tmp_path / "split.tsv"
    path.write_text(f"id\tsplit\tsha256_of_id\n{ids[0]}\tdev\t{sha256_of(ids[0])}\n{ids[1]}\ttest\t{'0' * 64}\n",
                    encoding="utf-8")
    problems: list[str] = []
    split = read_split(path, problems)
    assert split == {ids[0]: SplitEntry("dev", "1"), ids[1]: SplitEntry("test", "1")}
    assert problems == [f"{path}:3: the SHA-256 given for {ids[1]} is not the SHA-256 of the id"]


def test_the_committed_split_follows_the_rule_in_every_batch():
    problems: list[str] = []
    split = read_split(PROJECT / "bench" / "quality" / "split.tsv", problems)
    assert problems == []
    assert {e.batch for e in split.values()} >= {"1", "2"}
    # why the rule is per batch: the batches taken together interleave
    assert rule_deviations({i: SplitEntry(e.half) for i, e in split.items()})


def test_the_table_an_article_is_scored_into():
    assert group_of(SplitEntry("dev", "2")) == "dev"
    assert group_of(SplitEntry("test", "1")) == "test"
    assert group_of(SplitEntry("test", "2")) == "test-batch-2"
    assert group_of(None) == "unsplit"


def article(article_id: str, gold: int, found: int) -> ArticleScore:
    kinds = {k: KindScore() for k in KINDS}
    kinds["person"] = KindScore(gold=gold, gold_found=found, graph=found, graph_matched=found,
                                misses=[f"person {article_id} missed"])
    return ArticleScore(article_id, kinds, [], {k: [] for k in ("number", "quote", "event", "date")}, [])


def test_quality_md_reports_batch_2_test_apart_and_never_details_it():
    scores = {"qx-dev": article("qx-dev", 4, 4), "qx-old-test": article("qx-old-test", 2, 1),
              "qy-new-test": article("qy-new-test", 5, 1)}
    groups = {"dev": ["qx-dev"], "test": ["qx-old-test"], "seeds": [], "unsplit": [],
              "test-batch-2": ["qy-new-test"]}
    meta = {"command": "bench/quality/run", "commit": "abc1234", "date": "2026-12-04 19:00 UTC", "builds": {},
            "seconds": 0.0, "scoring_seconds": 0.0, "split_file": True, "articles": 3, "problems": []}
    report = render(scores, groups, meta)
    assert "scored: dev 1, test 1, test-batch-2 1, seeds 0, unsplit 0" in report
    old = report.index("## test (batch 1, reported, never debugged): 1 articles")
    new = report.index("## test (batch 2, unseen): 1 articles")
    assert old < new
    # each table counts only its own batch: 1 of 2 persons in batch 1, 1 of 5 in batch 2
    assert "| person | 2 | 1 | 50 % |" in report[old:new]
    assert "| person | 5 | 1 | 20 % |" in report[new:]
    assert "| qy-new-test | test-batch-2 |" in report
    details = render_details(scores, groups)
    assert "qx-dev" in details
    assert "qx-old-test" not in details and "qy-new-test" not in details


def test_every_benchmark_article_has_parsing_gold_a_meta_entry_and_a_split_row():
    """What bench/quality/run checks before it builds, kept green between runs: an article added without its
    gold, meta or split row, or a gold row whose evidence drifted from the text, fails here."""
    quality = PROJECT / "bench" / "quality"
    split = read_split(quality / "split.tsv", [])
    ids = sorted(p.stem for p in (quality / "articles").glob("*.txt"))
    assert sorted(split) == ids
    for article_id in ids:
        assert (quality / "articles" / f"{article_id}.meta.yaml").exists(), article_id
        text = decode_text((quality / "articles" / f"{article_id}.txt").read_bytes())
        assert parse_gold(quality / "gold" / f"{article_id}.tsv", text), article_id
