"""The one module that finds the project's data: ontology/, shapes/, queries/, curation/ and the export
alignment.

The top-level folders of the source tree are the source of truth. A wheel carries copies of them inside
the package, as `builder/_data/<folder>/` (pyproject maps each folder there with `package-dir`), so an
installed `cpskg` finds them through `importlib.resources` wherever it runs; a source checkout or an
editable install has no `_data/` and reads the top-level folders themselves.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# The source checkout this module belongs to; only the fallback for data and the dev tools (vocabgen,
# the README's catalogue) use it, the latter because they rewrite files of the source tree itself.
SOURCE_ROOT = Path(__file__).resolve().parent.parent


def data_path(folder: str, *parts: str) -> Path:
    """`<folder>/<parts...>` of the packaged data: `data_path("shapes", "cpskg-shapes.ttl")`."""
    packaged = files("builder").joinpath("_data", folder)
    if packaged.is_dir():
        # Wheels install as plain files, so the resource is a real path (never a zip member).
        return Path(str(packaged.joinpath(*parts)))
    return SOURCE_ROOT.joinpath(folder, *parts)


def package_file(package: str, name: str) -> Path:
    """A data file that lives inside a Python package of builder (the export alignment)."""
    return Path(str(files(package).joinpath(name)))
