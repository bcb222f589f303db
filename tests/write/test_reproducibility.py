"""Reproducibility beyond tests/test_build.py: the bytes of output/ depend on the corpus and nothing else.

tests/test_build.py rebuilds in-process, with `--jobs 2`, and once with another PYTHONHASHSEED and the
reversed sources.yaml. Here each variant changes several things a researcher's machine changes at once,
in real `cpskg` processes: hash seed, a random order of sources.yaml entries AND of the files' creation
on disk, `--jobs`, time zone, locale, umask and the working directory (relative paths). Every variant
must give byte-identical files, none of which may mention the machine's paths.

The RDFC-1.0 hash in build-report.json is recomputed from the written TriG without the builder's code:
the dataset has no blank nodes (content-derived IRIs), so its RDFC-1.0 canonical form is the sorted
canonical N-Quads, written here from rdflib's reading of the file by the escaping rules of canonical
N-Quads. A one-character change of one literal changes the hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
import yaml

from tests.corpus_factory import PROJECT, snapshot

CORPUS = PROJECT / "corpus"
CURATION = PROJECT / "curation"
CPSKG = str(Path(sys.executable).parent / "cpskg")
# Three of the five articles keep each build around ten seconds; ordering effects need only several.
SUBSET = 3
VARIANTS = {
    "seed-0-jobs-2": dict(env={"PYTHONHASHSEED": "0", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"},
                          jobs=2, umask=0o077, shuffle=1),
    "seed-987654-relative": dict(env={"PYTHONHASHSEED": "987654", "TZ": "America/Chicago", "LC_ALL": "C.UTF-8"},
                                 jobs=1, umask=0o022, shuffle=2, relative=True),
}


def copy_corpus(target: Path, shuffle: int | None) -> Path:
    """The first SUBSET articles; entries and file creation in a random order when `shuffle` is a seed."""
    sources = yaml.safe_load((CORPUS / "sources.yaml").read_text(encoding="utf-8"))
    entries = sorted(sources["articles"], key=lambda e: e["id"])[:SUBSET]
    if shuffle is not None:
        random.Random(shuffle).shuffle(entries)
    (target / "articles").mkdir(parents=True)
    for item in entries:
        shutil.copyfile(CORPUS / item["file"], target / item["file"])
    (target / "sources.yaml").write_text(yaml.safe_dump({"articles": entries}, sort_keys=False, allow_unicode=True),
                                         encoding="utf-8")
    return target


def run_build(corpus: Path, out: Path, *, env=None, jobs=1, umask=0o022, relative=False, cwd=None) -> None:
    def child_setup():
        os.umask(umask)

    args = [CPSKG, "build", "--corpus", str(corpus), "--out", str(out), "--curation", str(CURATION),
            "--jobs", str(jobs)]
    if relative:  # paths relative to a working directory that is neither the project nor the corpus
        args = [CPSKG, "build", "--corpus", os.path.relpath(corpus, cwd), "--out", os.path.relpath(out, cwd),
                "--curation", os.path.relpath(CURATION, cwd), "--jobs", str(jobs)]
    completed = subprocess.run(args, env={**os.environ, **(env or {})}, cwd=cwd or PROJECT, capture_output=True,
                               text=True, preexec_fn=child_setup, timeout=600)
    assert completed.returncode == 0, completed.stderr[-2000:]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("reference")
    corpus = copy_corpus(root / "corpus", shuffle=None)
    run_build(corpus, root / "output")
    return root, snapshot(root / "output")


@pytest.mark.slow
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_machine_that_differs_in_everything_builds_the_same_bytes(tmp_path, reference, variant):
    spec = dict(VARIANTS[variant])
    corpus = copy_corpus(tmp_path / "elsewhere" / "corpus", shuffle=spec.pop("shuffle"))
    (tmp_path / "cwd").mkdir()
    run_build(corpus, tmp_path / "out", cwd=tmp_path / "cwd", **spec)
    fresh, expected = snapshot(tmp_path / "out"), reference[1]
    differing = sorted(name for name in set(fresh) | set(expected) if fresh.get(name) != expected.get(name))
    assert not differing, f"{variant}: files differ from the reference build: {differing}"


def test_no_output_file_mentions_the_machine(reference):
    root, files = reference
    # the build's own folders, and the host name when it is long enough not to occur in text by chance
    markers = [str(root), str(PROJECT), *[name for name in [os.uname().nodename] if len(name) >= 6]]
    for name, data in files.items():
        text = data.decode("utf-8", errors="replace")
        for marker in markers:
            assert marker not in text, f"{name} mentions {marker!r}"


# --- the RDFC-1.0 hash, recomputed independently ---------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\b": "\\b", "\t": "\\t", "\f": "\\f"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _canonical_string(value: str) -> str:
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) <= 0x1F or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _canonical_term(term) -> str:
    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    assert isinstance(term, rdflib.Literal), f"unexpected term {term!r} (a blank node?)"
    lexical = _canonical_string(str(term))
    if term.language:
        return f"{lexical}@{term.language}"
    if term.datatype and str(term.datatype) != XSD_STRING:
        return f"{lexical}^^<{term.datatype}>"
    return lexical


def independent_rdfc10(trig: Path) -> str:
    dataset = rdflib.Dataset()
    dataset.parse(trig, format="trig")
    lines = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = "" if g is None or str(g) == str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID) else f" {_canonical_term(g)}"
        lines.add(f"{_canonical_term(s)} {_canonical_term(p)} {_canonical_term(o)}{graph} .\n")
    return hashlib.sha256("".join(sorted(lines)).encode("utf-8")).hexdigest()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_report_hash_is_rdfc10_of_the_written_trig(reference):
    root, _ = reference
    report = json.loads((root / "output" / "build-report.json").read_text(encoding="utf-8"))
    assert independent_rdfc10(root / "output" / "cpskg.trig") == report["rdfc10_sha256"]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_one_changed_character_changes_the_hash(reference, tmp_path):
    root, _ = reference
    text = (root / "output" / "cpskg.trig").read_text(encoding="utf-8")
    changed = text.replace("Chicago", "Chicag0", 1)
    assert changed != text
    (tmp_path / "changed.trig").write_text(changed, encoding="utf-8")
    assert independent_rdfc10(tmp_path / "changed.trig") != independent_rdfc10(root / "output" / "cpskg.trig")
