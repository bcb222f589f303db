"""builder/write/cache.py: a hit is byte-identical to a fresh computation, and any doubt means recomputing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.write import cache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CPSKG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


class Counter:
    def __init__(self, files: dict[str, bytes]):
        self.files, self.calls = files, 0

    def __call__(self) -> dict[str, bytes]:
        self.calls += 1
        return dict(self.files)


FILES = {"docs/page.html": "<p>café</p>\n".encode(), "diagram.svg": b"<svg/>"}


def test_a_second_call_with_the_same_inputs_reads_the_stored_files(cache_dir):
    compute = Counter(FILES)
    assert cache.cached("docs", [b"ontology", b"code"], compute) == FILES
    assert cache.cached("docs", [b"ontology", b"code"], compute) == FILES
    assert compute.calls == 1
    assert not [p for p in (cache_dir / "docs").iterdir() if p.name.startswith(".")]  # no staging left


def test_any_changed_input_is_a_miss(cache_dir):
    compute = Counter(FILES)
    cache.cached("docs", [b"ontology", b"code"], compute)
    cache.cached("docs", [b"ontology!", b"code"], compute)
    cache.cached("docs", [b"ontology", b"code", b""], compute)  # an extra empty part changes the key
    cache.cached("other", [b"ontology", b"code"], compute)
    assert compute.calls == 4


def test_parts_are_length_prefixed_so_shifting_bytes_between_them_changes_the_key():
    assert cache.cache_key([b"ab", b"c"]) != cache.cache_key([b"a", b"bc"])


def test_a_damaged_entry_is_recomputed_and_replaced(cache_dir):
    compute = Counter(FILES)
    cache.cached("docs", [b"x"], compute)
    stored = cache_dir / "docs" / cache.cache_key([b"x"]) / "files" / "diagram.svg"
    stored.write_bytes(b"<svg>tampered</svg>")
    assert cache.cached("docs", [b"x"], compute) == FILES
    assert compute.calls == 2
    assert cache.cached("docs", [b"x"], compute) == FILES  # stored again, intact
    assert compute.calls == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("CPSKG_CACHE_DIR", str(locked / "cache"))
    compute = Counter(FILES)
    assert cache.cached("docs", [b"x"], compute) == FILES
    assert cache.cached("docs", [b"x"], compute) == FILES
    assert compute.calls == 2


def test_a_cache_path_that_is_a_file_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("CPSKG_CACHE_DIR", str(blocker))
    compute = Counter(FILES)
    assert cache.cached("docs", [b"x"], compute) == FILES
    assert compute.calls == 1 and blocker.read_text().startswith("a file")


@pytest.mark.parametrize("setting", ["off", "0", ""])
def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, setting):
    monkeypatch.setenv("CPSKG_CACHE_DIR", setting)
    compute = Counter(FILES)
    cache.cached("docs", [b"x"], compute)
    cache.cached("docs", [b"x"], compute)
    assert compute.calls == 2 and cache.cache_root() is None


def test_the_build_gives_the_same_ontology_docs_from_the_cache_as_rendered(cache_dir):
    from builder.pipeline import ontology_docs

    rendered = ontology_docs()  # empty cache: rendered by pyLODE
    assert rendered == ontology_docs()  # from the cache
    assert list(cache_dir.glob("ontology-docs/*/manifest.json"))
    committed = Path(__file__).resolve().parents[2] / "output"
    assert rendered == {name: (committed / name).read_bytes() for name in rendered}
