#!/usr/bin/env python3
"""How extraction of ONE article scales with its length: generated articles of 3 KB, 30 KB, 300 KB, 2 MiB.

A long article is the bodies of consecutive generated articles (bench/generate.py, same seed) under one
header, until the size is reached; every `--merge` paragraphs are joined into one line, so a paragraph
holds many quotations, claims and sentences (an article with many quotations in one paragraph once did
not finish in 600 s). Each size is ingested (paragraphs, sentences, furniture) and mapped to its named
graph (`pipeline.article_graph`: entities, posts, quotations, quantities, events, claims) in this
process; the times are the medians of `--repeats` runs, with the time per KB, which stays flat when
extraction is linear.

    bench/long_article.py                      # sizes 3k,30k,300k,2M; prints a Markdown table
    bench/long_article.py --sizes 3k,300k --repeats 1 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(BENCH))

from generate import generate_article, load_seeds  # noqa: E402

SIZES = {"3k": 3_000, "30k": 30_000, "300k": 300_000, "2M": 2 * 2**20}
MERGE = 20  # paragraphs per line of the long article
MAX_BYTES = 2 * 2**20  # builder.ingest refuses longer articles
# tests/test_long_article.py: the 2 MiB article must be ingested and extracted within this many seconds
# (measured 31.6 s at load average 4.4 on the shared 2-core machine; the bound leaves room for a machine
# several times busier: before issue 13, an 805 KB article took 235 s and the quadratic growth puts 2 MiB
# past 1,000 s), and its time per KB may be at most RATIO_BOUND times that of the 300 KB article
# (quadratic extraction gives ~7x).
BOUND_2MIB_S = 240.0
RATIO_BOUND = 2.5


def long_article(size: int, seed: int = 7, merge: int = MERGE) -> tuple[dict, str]:
    """(sources.yaml entry, text) of a generated article of about `size` bytes of UTF-8 (whole paragraphs;
    never over MAX_BYTES, the largest article the build accepts)."""
    seeds = load_seeds()
    entry, first = generate_article(1, seeds, seed)  # article 0 opens with one 2.5 KB paragraph
    header, body = first.split("\n\n", 2)[:2], first.split("\n\n", 2)[2].strip("\n").split("\n\n")
    index, length = 2, len(first.encode("utf-8"))
    while length < size + 10_000:  # a margin: the lines below stop at `size` exactly
        _, text = generate_article(index, seeds, seed)
        extra = text.strip("\n").split("\n\n")[2:]  # without that article's own byline and date line
        body += extra
        length += sum(len(p.encode("utf-8")) + 2 for p in extra)
        index += 1
    lines: list[str] = []
    total = sum(len(h.encode("utf-8")) + 2 for h in header)
    for number, paragraph in enumerate(body):
        cost = len(paragraph.encode("utf-8")) + (1 if number % max(1, merge) else 2)
        if total >= size or total + cost > MAX_BYTES:  # the build refuses articles over 2 MiB
            break
        if number % max(1, merge):
            lines[-1] += " " + paragraph
        else:
            lines.append(paragraph)
        total += cost
    text = "\n\n".join(header + lines) + "\n"
    entry = {**entry, "id": f"long-{size}", "file": f"articles/long-{size}.txt"}
    return entry, text


def write_corpus(folder: Path, size: int, seed: int = 7, merge: int = MERGE) -> Path:
    entry, text = long_article(size, seed, merge)
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / entry["file"]).write_text(text, encoding="utf-8")
    (folder / "sources.yaml").write_text(yaml.safe_dump({"articles": [entry]}, sort_keys=False,
                                                        allow_unicode=True), encoding="utf-8")
    return folder


def measure(size: int, repeats: int, seed: int = 7, merge: int = MERGE) -> dict:
    from builder import pipeline
    from builder.ingest.articles import ingest_corpus

    with tempfile.TemporaryDirectory(prefix="cpskg-long-") as tmp:
        corpus = write_corpus(Path(tmp), size, seed, merge)
        nbytes = (corpus / "articles" / f"long-{size}.txt").stat().st_size
        ingest, extract, quads = [], [], 0
        for _ in range(repeats):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                started = time.perf_counter()
                (article,) = ingest_corpus(corpus)
                ingest.append(time.perf_counter() - started)
                started = time.perf_counter()
                result = pipeline.article_graph(article, PROJECT / "curation")
                extract.append(time.perf_counter() - started)
            quads = len(result.quads)
    total = statistics.median(i + e for i, e in zip(ingest, extract, strict=True))
    return {"bytes": nbytes, "sentences": len(article.sentences), "paragraphs": len(article.paragraphs),
            "quads": quads, "ingest_s": statistics.median(ingest), "extract_s": statistics.median(extract),
            "total_s": total, "ms_per_kb": 1000 * total / (nbytes / 1000), "repeats": repeats}


def parse_size(name: str) -> int:
    """'3k' -> 3,000 bytes, '2M' -> 2 MiB, '4500' -> 4,500."""
    if name.endswith("k"):
        return int(float(name[:-1]) * 1000)
    if name.endswith("M"):
        return int(float(name[:-1]) * 2**20)
    return int(name)


def table(rows: list[dict]) -> str:
    lines = ["| article | paragraphs | sentences | quads | ingest s | extract s | total s | ms per KB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['bytes'] / 1000:,.0f} KB | {r['paragraphs']:,} | {r['sentences']:,} | {r['quads']:,} | "
                     f"{r['ingest_s']:.2f} | {r['extract_s']:.2f} | {r['total_s']:.2f} | {r['ms_per_kb']:.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: " + ", ".join(SIZES))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--merge", type=int, default=MERGE, help="paragraphs joined into one line")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    options = parser.parse_args()
    rows = []
    for name in options.sizes.split(","):
        size = SIZES.get(name) or parse_size(name)
        rows.append(measure(size, options.repeats if size < 1_000_000 else 1, merge=options.merge))
        print(f"  {name}: {rows[-1]['total_s']:.2f} s", file=sys.stderr, flush=True)
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(table(rows))
    if options.json:
        options.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
