"""A wheel install works: built with `pip wheel`, installed in a fresh virtualenv, `cpskg build` run from
another folder on a copy of the corpus writes the same bytes as the editable install's output/.

The fresh virtualenv has no system site-packages and no network: the dependencies come from the project's
own .venv through a .pth line (a path entry only: the .pth files there, among them the editable install's,
are not processed), while cpskg itself must come from the wheel; the test checks where it was imported from.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    # build from a copy of the sources, so the checkout gets no build/ or egg-info folders
    source = work / "source"
    shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "output", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "bench"))
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(source)],
                cwd=work)
    wheels = list((work / "dist").glob("cpskg-*.whl"))
    assert len(wheels) == 1, built.stdout
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work)
    python = venv / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work)
                .stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheels[0])],
        cwd=work)
    return venv


def files_of(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_installed_package_comes_from_the_wheel(installed: Path, tmp_path: Path):
    where = run([str(installed / "bin" / "python"), "-c", "import builder; print(builder.__file__)"],
                cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(installed), where


def test_cpskg_build_from_another_folder_gives_the_same_bytes(installed: Path, tmp_path: Path):
    shutil.copytree(PROJECT / "corpus", tmp_path / "corpus")
    run([str(installed / "bin" / "cpskg"), "build", "--quiet"], cwd=tmp_path)
    built, committed = files_of(tmp_path / "output"), files_of(PROJECT / "output")
    assert sorted(built) == sorted(committed)
    differing = [str(name) for name in sorted(built) if built[name] != committed[name]]
    assert not differing, f"the wheel install wrote different bytes: {differing}"
