"""split.tsv: which benchmark article is dev and which test, in which batch, and the check of the rule that
fixed it (bench/quality/README.md, "The discipline").

`id<TAB>dev|test<TAB>sha256_of_id<TAB>batch` a line, a header line starting with `id`, `#` comments. The last
two columns may be left out: a row without a batch belongs to batch 1, the articles written before batches
were counted. The rule is applied per batch, because each batch was split on its own when it was written: a
later batch's ids cannot be made to sort after an earlier batch's dev ids, so one global order would brand
every later split a deviation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

FIRST_BATCH = "1"
LATER_TEST = "test-batch-"  # prefix of the group of a later batch's test articles


@dataclass(frozen=True)
class SplitEntry:
    half: str  # dev | test
    batch: str = FIRST_BATCH


def sha256_of(article_id: str) -> str:
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()


def read_split(path: Path, problems: list[str]) -> dict[str, SplitEntry]:
    """The entries of split.tsv; a malformed line stops the run (SystemExit naming file:line), a wrong digest or
    a batch that breaks the rule is appended to `problems`: reported, never repaired, the split is the lead's."""
    split: dict[str, SplitEntry] = {}
    if not path.exists():
        return split
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if fields[0] == "id":
            continue
        if len(fields) < 2 or fields[1] not in ("dev", "test"):
            raise SystemExit(f"{path}:{number}: expected `id<TAB>dev|test`, got {line!r}")
        if fields[0] in split:
            raise SystemExit(f"{path}:{number}: {fields[0]} is split twice")
        batch = fields[3] if len(fields) > 3 and fields[3] else FIRST_BATCH
        split[fields[0]] = SplitEntry(fields[1], batch)
        if len(fields) > 2 and fields[2] and sha256_of(fields[0]) != fields[2]:
            problems.append(f"{path}:{number}: the SHA-256 given for {fields[0]} is not the SHA-256 of the id")
    problems.extend(f"{path}: {deviation}" for deviation in rule_deviations(split))
    return split


def rule_deviations(split: dict[str, SplitEntry]) -> list[str]:
    """One line per batch whose ids, sorted by SHA-256, do not put every dev id before every test id."""
    out = []
    for batch in sorted({e.batch for e in split.values()}, key=batch_order):
        ordered = sorted((i for i, e in split.items() if e.batch == batch), key=sha256_of)
        last_dev = max((k for k, i in enumerate(ordered) if split[i].half == "dev"), default=-1)
        first_test = min((k for k, i in enumerate(ordered) if split[i].half == "test"), default=len(ordered))
        if last_dev > first_test:
            out.append(f"batch {batch} does not follow the documented rule (sorted by SHA-256 of the id, dev "
                       f"first): {ordered[first_test]} (test) sorts before {ordered[last_dev]} (dev)")
    return out


def group_of(entry: SplitEntry | None) -> str:
    """The QUALITY.md table an article is scored into: every dev article in `dev` (rules are tuned on all of
    them), the first batch's test articles in `test` (the figures reported since the benchmark began), and each
    later batch's test articles in a table of their own, so a batch unseen by the rules is reported apart."""
    if entry is None:
        return "unsplit"
    if entry.half == "dev":
        return "dev"
    return "test" if entry.batch == FIRST_BATCH else f"{LATER_TEST}{entry.batch}"


def batch_order(batch: str) -> tuple[int, str]:
    """Batches in numeric order (batch 10 after batch 2); a batch named otherwise comes last."""
    return (int(batch), "") if batch.isdigit() else (1 << 30, batch)
