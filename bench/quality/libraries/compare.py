"""Compare the hand-written number and date readers with number-parser, dateparser and quantulum3 on the dev
half's gold rows (bench/quality/LIBRARIES.md). Run: .venv/bin/python bench/quality/libraries/compare.py

Each reader gets the gold row's evidence (the words as written) and the article's publication date; a row
counts as read when the reader's value equals the gold value (numbers: as a Decimal rounded to the gold's
places; dates: the interval the gold gives). Test rows are never read."""

from __future__ import annotations

import csv
import sys
import warnings
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "quality"))
warnings.simplefilter("ignore")

from gold import parse_date  # noqa: E402

from builder.extract.dates import day_pairs, find_dates  # noqa: E402
from builder.extract.quantities import find_quantities  # noqa: E402

Q = ROOT / "bench" / "quality"


def dev_rows(kind: str):
    split = [line.split("\t") for line in (Q / "split.tsv").read_text().splitlines()[1:]]
    for article_id, half, *_ in split:
        if half != "dev":
            continue
        meta = yaml.safe_load((Q / "articles" / f"{article_id}.meta.yaml").read_text())
        published = meta["date_published"]
        published = published.get("value") if isinstance(published, dict) else published
        published = published if isinstance(published, date) else date.fromisoformat(str(published)[:10])
        lines = [ln for ln in (Q / "gold" / f"{article_id}.tsv").read_text().splitlines() if not ln.startswith("#")]
        for row in list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]:
            if row and row[0] == kind:
                yield row, published


def same(value, gold: str) -> bool:
    places = -Decimal(gold).as_tuple().exponent if "." in gold else 0
    try:
        return round(Decimal(str(value)), places) == Decimal(gold)
    except Exception:
        return False


def numbers() -> None:
    from number_parser import parse_number as np_parse
    from quantulum3 import parser as q3

    rows = list(dev_rows("number"))
    hand = quant = 0
    words = [r for r, _ in rows if not any(c.isdigit() for c in r[4])]
    hand_words = lib_words = 0
    for row, published in rows:
        evidence, gold = row[4], row[1]
        ours = {q.value for q in find_quantities(evidence, 0, len(evidence), published)}
        ok_hand = any(same(v, gold) for v in ours)
        hand += ok_hand
        try:
            found = q3.parse(evidence)
        except Exception:
            found = []
        quant += any(same(f.value, gold) for f in found)
        if row in words:
            hand_words += ok_hand
            parsed = np_parse(evidence)
            lib_words += parsed is not None and same(parsed, gold)
    print(f"numbers: dev gold rows {len(rows)}; hand-written {hand}; quantulum3 {quant}")
    print(f"spelled-out numbers (no digit in the evidence): {len(words)}; hand-written {hand_words}; "
          f"number-parser {lib_words}")


def dates() -> None:
    import dateparser

    rows = list(dev_rows("date"))
    hand = lib = 0
    for row, published in rows:
        evidence, gold = row[4], parse_date(row[1])
        ours = {m.interval for m in day_pairs(evidence, find_dates(evidence, 0, len(evidence), published))}
        hand += gold in ours
        parsed = dateparser.parse(evidence, settings={"RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
                                                      "PREFER_DATES_FROM": "current_period"})
        lib += parsed is not None and (parsed.date(), parsed.date()) == gold
    print(f"dates: dev gold rows {len(rows)}; hand-written {hand}; dateparser {lib}")


if __name__ == "__main__":
    numbers()
    dates()
