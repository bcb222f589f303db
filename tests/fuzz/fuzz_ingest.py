"""Fuzz target for ingestion: random bytes and random article-like text through `cpskg build`.

Each case is a one-article corpus in a temporary folder, built by the real `cpskg` console script in a
subprocess under resource limits (address space, CPU seconds, wall-clock timeout). The only acceptable
outcomes are a clean exit 0 (built) or exit 2 (bad input, one `cpskg: error:` line); a traceback, another
exit code (1 = the builder made data that violates its own shapes), a crash by signal or a timeout is
a finding.

Two kinds of input, chosen at random per case:
* bytes: uniformly random, or UTF-8 text with random bytes flipped (invalid sequences, NUL, BOM);
* article-like text: paragraphs of the corpus articles, mutated (characters from awkward Unicode
  categories inserted, quotes unbalanced, paragraphs repeated or cut, numbers and dates garbled, line
  endings changed), behind a dateline that the sources.yaml evidence points at.

Run longer campaigns by hand; failing cases are kept for a regression test:

    .venv/bin/python -m tests.fuzz.fuzz_ingest --cases 200 --seed 1 --keep /tmp/fuzz-findings
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.corpus_factory import PROJECT, entry, make_corpus

CPSKG = str(Path(sys.executable).parent / "cpskg")
CURATION = PROJECT / "curation"
ARTICLES = sorted((PROJECT / "corpus" / "articles").glob("*.txt"))
DATELINE = "CHICAGO — Chicago "
MEMORY_LIMIT = 3 * 1024**3  # address space; a build of one article needs well under 1 GiB resident
CPU_SECONDS = 120
WALL_SECONDS = 180
AWKWARD = ['"', "“", "”", "'", "’", "\\", "\t", "\u00a0", "\u200b", "\u200d", "\u2028", "\u2029", "\u202e",
           "\u0301", "\ufeff", "\x07", "\x1b", "\x7f", "\U0001F468\u200D\U0001F469", "\ufffd", "<", ">", "&",
           "%", "_", "#", "−", "$", "…", "—", "\r", "\n", "\n\n"]
GARBLE = ["7/2/2021", "2021-02-30", "13/13", "1,50,0", "NaN", "$", "%", "1.5 million", "seventy", "Feb. 31",
          "Sunday Monday", "Mayor", "President", "said", "according to", "CTU", "CPS", "Lightfoot"]


@dataclass
class Outcome:
    kind: str
    returncode: int
    seconds: float
    stderr: str

    @property
    def acceptable(self) -> bool:
        return self.returncode in (0, 2) and "Traceback" not in self.stderr

    def summary(self) -> str:
        last = (self.stderr.strip().splitlines() or [""])[-1][:200]
        return f"{self.kind}: exit {self.returncode} in {self.seconds:.1f} s: {last}"


def random_bytes(rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))
    text = bytearray(rng.choice(ARTICLES).read_bytes()[: rng.randrange(50, 3000)])
    for _ in range(rng.randrange(1, 6)):
        text[rng.randrange(len(text))] = rng.choice([0x00, 0x93, 0x94, 0xE9, 0xC0, 0xFF, 0xEF, 0x80, 0x0D])
    if rng.random() < 0.3:
        text[:0] = b"\xef\xbb\xbf"
    return bytes(text)


def article_like(rng: random.Random) -> str:
    paragraphs = [p for p in rng.choice(ARTICLES).read_text(encoding="utf-8").split("\n") if p.strip()]
    start = rng.randrange(len(paragraphs))
    chosen = paragraphs[start: start + rng.randrange(1, 12)]
    if rng.random() < 0.3:
        chosen += rng.sample(chosen, k=min(len(chosen), rng.randrange(1, 3)))  # repeated paragraphs
    text = list("\n\n".join(chosen))
    for _ in range(rng.randrange(0, 40)):
        position = rng.randrange(len(text) + 1)
        text[position:position] = [rng.choice(AWKWARD if rng.random() < 0.6 else GARBLE)]
    for _ in range(rng.randrange(0, 5)):  # cuts: a quotation or a sentence loses its end
        if text:
            cut = rng.randrange(len(text))
            del text[cut: cut + rng.randrange(1, 30)]
    body = "".join(text)
    if rng.random() < 0.2:
        body = body.replace("\n", rng.choice(["\r\n", "\r"]))
    return DATELINE + body + "\n"


def make_case(rng: random.Random, root: Path) -> tuple[str, Path]:
    if rng.random() < 0.35:
        kind, data = "bytes", random_bytes(rng)
    else:
        kind, data = "article-like", article_like(rng).encode("utf-8")
    corpus = make_corpus(root, {"fuzzed": data}, entries=[entry("fuzzed", "Chicago")])
    return kind, corpus


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_case(corpus: Path, out: Path, kind: str) -> Outcome:
    started = time.monotonic()
    try:
        completed = subprocess.run(
            [CPSKG, "build", "--corpus", str(corpus), "--out", str(out), "--curation", str(CURATION)],
            capture_output=True, text=True, timeout=WALL_SECONDS, preexec_fn=_limits, cwd=PROJECT)
    except subprocess.TimeoutExpired:
        return Outcome(kind, -1, time.monotonic() - started, f"timeout after {WALL_SECONDS} s")
    return Outcome(kind, completed.returncode, time.monotonic() - started, completed.stderr)


def campaign(cases: int, seed: int, keep: Path | None = None) -> list[tuple[int, Outcome]]:
    """Run `cases` cases from `seed`; returns (case number, outcome) of every unacceptable case."""
    findings = []
    for number in range(cases):
        rng = random.Random(f"{seed}:{number}")
        with tempfile.TemporaryDirectory(prefix="cpskg-fuzz-") as scratch:
            kind, corpus = make_case(rng, Path(scratch))
            outcome = run_case(corpus, Path(scratch) / "output", kind)
            if not outcome.acceptable:
                findings.append((number, outcome))
                if keep is not None:
                    shutil.copytree(corpus, keep / f"seed{seed}-case{number}", dirs_exist_ok=True)
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="copy the corpus of each finding here")
    args = parser.parse_args(argv)
    findings = campaign(args.cases, args.seed, args.keep)
    for number, outcome in findings:
        print(f"case {number}: {outcome.summary()}")
    print(f"{args.cases} cases, {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
