#!/usr/bin/env python3
"""The SPARQL server under load: `cpskg serve` on loopback, canned queries from concurrent clients.

    .venv/bin/python bench/load_server.py                      # 2,000 requests, 8 clients, output/
    .venv/bin/python bench/load_server.py --out output --corpus bench/work/corpus-100-seed7   # one section each

It starts the real `cpskg serve` (Oxigraph, read-only, union default graph) on a free port of
127.0.0.1, then sends every local canned query of queries/ (federated ones are skipped: loopback only)
round-robin from `--clients` threads, each request exactly what `cpskg query --endpoint` sends (the
query with its default parameters bound in a VALUES block, POSTed, JSON results). A generated corpus
(`--corpus`, from bench/generate.py) is built without validation first. Every answer is
checked against the same query run on the embedded pyoxigraph store: a wrong row count counts as an
error, like an HTTP error, a timeout or a non-JSON body. The run stops early at `--max-seconds`.

Results (throughput, latency p50/p95/p99/max overall and per query, errors by kind) go to
bench/RESULTS-load.md; the scale benchmark (bench/run) owns bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from builder.query.queries import load_catalogue  # noqa: E402
from builder.query.server import wait_until_listening  # noqa: E402
from builder.query.sparql_run import run_oxigraph, with_values_block  # noqa: E402
from builder.query.store import load_store  # noqa: E402

RESULTS = PROJECT / "bench" / "RESULTS-load.md"
CPSKG = str(Path(sys.executable).parent / "cpskg")


@dataclass(frozen=True)
class Probe:
    name: str
    body: bytes  # the urlencoded POST body
    expected_rows: int


@dataclass(frozen=True)
class Sample:
    name: str
    seconds: float
    error: str | None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def probes(out_dir: Path) -> list[Probe]:
    """Every local canned query with its default parameters, and its row count on the embedded store."""
    store = load_store(out_dir)
    found = []
    for name, query in sorted(load_catalogue().canned().items()):
        if "internet" in query.needs:
            continue
        bindings = query.bindings()
        rows = len(run_oxigraph(store, query, bindings).rows)
        text = with_values_block(query.text, bindings)
        found.append(Probe(name, urllib.parse.urlencode({"query": text}).encode("utf-8"), rows))
    return found


def ask(url: str, probe: Probe, timeout: float) -> Sample:
    request = urllib.request.Request(url, data=probe.body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            document = json.load(response)
        rows = len(document["results"]["bindings"])
        error = None if rows == probe.expected_rows else f"wrong answer ({rows} rows, expected {probe.expected_rows})"
    except urllib.error.HTTPError as failure:
        error = f"HTTP {failure.code}"
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as failure:
        error = f"connection: {getattr(failure, 'reason', failure)}"
    except (ValueError, KeyError):
        error = "not SPARQL JSON"
    return Sample(probe.name, time.perf_counter() - started, error)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def load(url: str, work: list[Probe], clients: int, timeout: float, max_seconds: float) -> tuple[list[Sample], float]:
    deadline = time.monotonic() + max_seconds
    stop = threading.Event()

    def one(probe: Probe) -> Sample | None:
        if stop.is_set() or time.monotonic() > deadline:
            stop.set()
            return None
        return ask(url, probe, timeout)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        samples = [s for s in pool.map(one, work) if s is not None]
    return samples, time.perf_counter() - started


def start_server(out_dir: Path, location: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen([CPSKG, "serve", "--port", str(port), "--location", str(location), "--out", str(out_dir)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    wait_until_listening(port, server, timeout=120)
    return server


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGINT)  # `cpskg serve` stops its oxigraph child and exits 0 on Ctrl-C
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def header(args) -> list[str]:
    load1, load5, load15 = os.getloadavg()
    return [
        "# The SPARQL server under load",
        "",
        f"Generated by `{' '.join(['bench/load_server.py', *sys.argv[1:]])}` on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Do not edit by hand: rerun the script.",
        "",
        "- Server: `cpskg serve` (Oxigraph `serve-read-only --union-default-graph`) on 127.0.0.1, started afresh "
        "for each dataset",
        f"- Clients: {args.clients} threads in one process, each request a POST of a canned query with its "
        "default parameters bound (what `cpskg query --endpoint` sends), JSON results",
        "- Answers checked against the embedded pyoxigraph store (a wrong row count is an error)",
        f"- Machine: {os.cpu_count()} cores, shared with other work (load average {load1:.2f}, {load5:.2f}, "
        f"{load15:.2f} at the start), Python {platform.python_version()}, {platform.system()} {platform.release()}",
        "",
    ]


def section(args, label: str, samples: list[Sample], wall: float, quads: int, work: list[Probe]) -> list[str]:
    latencies = [s.seconds * 1000 for s in samples]
    errors = Counter(s.error for s in samples if s.error)
    by_query: dict[str, list[float]] = defaultdict(list)
    failures: Counter = Counter()
    for sample in samples:
        by_query[sample.name].append(sample.seconds * 1000)
        failures[sample.name] += sample.error is not None
    expected = {p.name: p.expected_rows for p in work}
    lines = [
        f"## {label}: {quads:,} quads",
        "",
        "| requests | clients | wall s | throughput req/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {len(samples):,} | {args.clients} | {wall:.1f} | {len(samples) / wall:.1f} | "
        f"{statistics.median(latencies):.1f} | {percentile(latencies, 0.95):.1f} | {percentile(latencies, 0.99):.1f} | "
        f"{max(latencies):.1f} | {sum(errors.values())} |",
        "",
    ]
    if len(samples) < args.requests:
        lines += [f"Stopped at the time limit (`--max-seconds {args.max_seconds:g}`) after {len(samples)} of "
                  f"{args.requests} requests.", ""]
    lines += ["Errors by kind: " + (", ".join(f"{kind}: {n}" for kind, n in errors.most_common()) or "none"), "",
              "| query | rows | requests | p50 ms | p95 ms | max ms | errors |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for name, values in sorted(by_query.items(), key=lambda item: -statistics.median(item[1])):
        lines.append(f"| {name} | {expected[name]} | {len(values)} | {statistics.median(values):.1f} | "
                     f"{percentile(values, 0.95):.1f} | {max(values):.1f} | {failures[name]} |")
    return [*lines, ""]


def shown(path: Path) -> str:
    return str(path.resolve().relative_to(PROJECT)) if path.resolve().is_relative_to(PROJECT) else str(path)


def run_one(args, label: str, out_dir: Path) -> tuple[list[str], bool]:
    """Serve one dataset, load it, and return its report section and whether any request failed."""
    work_probes = probes(out_dir)
    work = [work_probes[i % len(work_probes)] for i in range(args.requests)]
    quads = sum(1 for _ in load_store(out_dir))
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="cpskg-load-") as scratch:
        server = start_server(out_dir, Path(scratch) / "store", port)
        try:
            url = f"http://127.0.0.1:{port}/query"
            ask(url, work_probes[0], args.timeout)  # one warm-up request, not counted
            samples, wall = load(url, work, args.clients, args.timeout, args.max_seconds)
        finally:
            stop_server(server)
    return section(args, label, samples, wall, quads, work_probes), any(s.error for s in samples)


def built_unvalidated(corpus: Path, scratch: Path) -> Path:
    """A generated corpus built into `scratch` without SHACL validation: the benchmark corpora of bench/run
    may carry violations the build would refuse, and the server's load does not depend on them."""
    from builder.pipeline import build

    out = scratch / f"out-{corpus.name}"
    build(corpus, out, PROJECT / "curation", validate=False)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per dataset")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--out", type=Path, action="append", default=[],
                        help="built dataset folder holding cpskg.trig (repeatable; default output/)")
    parser.add_argument("--corpus", type=Path, action="append", default=[],
                        help="a corpus folder to build (unvalidated) and serve too, e.g. bench/work/corpus-100-seed7")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="stop sending after this long, per dataset")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    lines, failed = header(args), False
    with tempfile.TemporaryDirectory(prefix="cpskg-load-data-") as scratch:
        datasets = [(f"`{shown(out)}/cpskg.trig`", out) for out in args.out or ([] if args.corpus else
                                                                                  [PROJECT / "output"])]
        datasets += [(f"`{shown(corpus)}` built without validation", built_unvalidated(corpus, Path(scratch)))
                     for corpus in args.corpus]
        for label, out_dir in datasets:
            part, errors = run_one(args, label, out_dir)
            lines += part
            failed = failed or errors
    text = "\n".join(lines)
    args.results.write_text(text, encoding="utf-8")
    print(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
