"""The scaled-corpus generator (bench/generate.py): deterministic, ingestible, and really different."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from builder.ingest.articles import ingest_corpus

PROJECT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_generate", PROJECT / "bench" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate"] = generate  # dataclasses look their module up while the class is created
_spec.loader.exec_module(generate)

SEED_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted((PROJECT / "corpus" / "articles").glob("*.txt")))


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus20(tmp_path_factory) -> Path:
    return generate.generate_corpus(tmp_path_factory.mktemp("gen") / "corpus", 20, seed=3)


def test_every_seed_name_occurs_in_the_seeds():
    # The substitution table describes the seed corpus; a name that is not there substitutes nothing.
    for full, (_gender, variants) in generate.SEED_PEOPLE.items():
        assert full in SEED_TEXT or any(v in SEED_TEXT for v in variants), full
    for organisation in generate.SEED_ORGANISATIONS:
        assert organisation in SEED_TEXT, organisation


def test_generated_corpus_ingests_with_every_article(corpus20: Path):
    articles = ingest_corpus(corpus20)
    assert len(articles) == 20
    assert all(len(a.content_paragraphs()) >= 3 for a in articles)


def test_same_seed_same_bytes_in_another_process(corpus20: Path, tmp_path: Path):
    # A separate interpreter with a different hash seed must write the same files.
    out = tmp_path / "again"
    subprocess.run([sys.executable, str(PROJECT / "bench" / "generate.py"), "--articles", "20", "--seed", "3",
                    "--out", str(out)], check=True, env={"PYTHONHASHSEED": "12345"}, capture_output=True)
    assert digest(out) == digest(corpus20)


def test_another_seed_gives_another_corpus(corpus20: Path, tmp_path: Path):
    assert digest(generate.generate_corpus(tmp_path / "other", 20, seed=4)) != digest(corpus20)


def test_seed_people_are_replaced_and_articles_differ(corpus20: Path):
    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus20 / "articles").glob("*.txt"))]
    for text in texts:
        for full in generate.SEED_PEOPLE:
            assert full not in text
        assert "Lightfoot" not in text and "Sharkey" not in text
    assert len(set(texts)) == len(texts)
    # New people: the bylines alone name many different reporters.
    assert len({re.match(r"By (.+)", t).group(1) for t in texts}) > 10


def test_weekday_names_stay_true_and_dates_move(corpus20: Path):
    articles = ingest_corpus(corpus20)
    seeds = {s.id: s.published for s in generate.load_seeds()}
    moved = 0
    for article in articles:
        seed_id = article.id.split("-", 2)[2]
        shift = article.meta.published - seeds[seed_id]
        assert shift.days % 7 == 0, "dates move by whole weeks so weekday words stay right"
        moved += shift.days != 0
    assert moved >= 15


def test_dates_in_text_are_rewritten_consistently():
    rng = generate.random.Random(1)
    from datetime import timedelta
    text = "staff return Feb. 22, students return 3/1 and the vote was February 7, 2021 (2021-02-07)."
    out = generate._rewrite_values(text, date(2021, 2, 7), timedelta(weeks=2), rng)
    assert out == "staff return March 8, students return 3/15 and the vote was February 21, 2021 (2021-02-21)."
    # Read from an article published two years later, a year-less date needs its year.
    later = generate._rewrite_values("staff return Feb. 22", date(2021, 2, 7), timedelta(weeks=2), rng,
                                     date(2023, 3, 1))
    assert later == "staff return March 8, 2021"


def test_percentages_stay_within_range():
    rng = generate.random.Random(2)
    from datetime import timedelta
    for _ in range(200):
        out = generate._rewrite_values("rejected 95% of requests", date(2021, 2, 7), timedelta(0), rng)
        value = float(re.search(r"([\d.]+)%", out).group(1))
        assert 0 <= value <= 100


def test_bench_run_child_measures_a_small_build(tmp_path: Path):
    # The benchmark's build step on a tiny generated corpus: every stage timed, the dataset written.
    corpus = generate.generate_corpus(tmp_path / "corpus", 3, seed=5)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, str(PROJECT / "bench" / "run"), "--child-build", str(corpus), str(out),
                           "--jobs", "1"], check=True, capture_output=True, text=True)
    numbers = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(numbers["stages"]) == {"import", "ingest", "extract", "resolve", "validate", "emit", "write"}
    assert numbers["articles"] == 3 and numbers["quads"] > 1000
    assert numbers["output_bytes"] == sum(p.stat().st_size for p in out.rglob("*") if p.is_file())


def test_generated_articles_never_reach_the_wikidata_export(corpus20: Path, tmp_path: Path):
    """Generated text is marked `export: false`: its build exports no statement and lists nobody to
    reconcile (issue 16), although its people and organisations are in the graph."""
    from builder.pipeline import build

    assert all(a.meta.export is False for a in ingest_corpus(corpus20))
    small = generate.generate_corpus(tmp_path / "corpus", 2, seed=3)
    result = build(small, tmp_path / "out", PROJECT / "curation")
    wikidata = tmp_path / "out" / "wikidata"
    assert (wikidata / "quickstatements.tsv").read_text(encoding="utf-8") == ""
    assert (wikidata / "to-reconcile.csv").read_text(encoding="utf-8").count("\n") == 1  # the header
    assert result.report["wikidata"]["entities_to_reconcile"] == 0 and result.report["totals"]["entities"] > 0
