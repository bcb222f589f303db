"""The README's query catalogue, generated from the `.rq` headers (`python -m builder.query.catalogue`).

Only the text between `<!-- catalogue:start -->` and `<!-- catalogue:end -->` is generated; the rest of
README.md is written by hand. `--check` exits 1 when the README is stale (a test runs the same check).
"""

from __future__ import annotations

import sys

from builder.errors import InputError
from builder.query.queries import CannedQuery, Catalogue, load_catalogue
from builder.resources import SOURCE_ROOT

START = "<!-- catalogue:start -->"
END = "<!-- catalogue:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _parameters(query: CannedQuery) -> str:
    if not query.parameters:
        return "—"
    return "<br>".join(f"`{p.name}` ({p.type}, default `{p.default}`): {_cell(p.doc)}" for p in query.parameters)


def render_catalogue(catalogue: Catalogue) -> str:
    """The generated markdown: canned queries, then quality checks."""
    lines = [
        "Generated from the query headers by `python -m builder.query.catalogue`; do not edit by hand.",
        "Run one with `cpskg query NAME [--param NAME=VALUE …] [--format table|csv|json] [--endpoint URL]`.",
        "",
        "| query | answers | parameters |",
        "| --- | --- | --- |",
    ]
    for name, query in catalogue.canned().items():
        needs = f" *(needs: {', '.join(query.needs)})*" if query.needs else ""
        lines.append(f"| [`{name}`](queries/{name}.rq) | **{_cell(query.title)}**: {_cell(query.summary)}{needs} "
                     f"| {_parameters(query)} |")
    lines += [
        "",
        "Quality checks (`queries/qc/*-violation.rq`): every row a check returns is a violation, and the build",
        "fails on any.",
        "",
        "| check | reports |",
        "| --- | --- |",
    ]
    for name, query in catalogue.quality_checks().items():
        lines.append(f"| [`{name}`](queries/{name}.rq) | **{_cell(query.title)}**: {_cell(query.summary)} |")
    return "\n".join(lines) + "\n"


def updated_readme(readme: str, catalogue: Catalogue, *, path: str = "README.md") -> str:
    """`readme` with the text between the markers replaced by the generated catalogue."""
    if readme.count(START) != 1 or readme.count(END) != 1 or readme.index(START) > readme.index(END):
        raise InputError(f"expected one {START} line followed by one {END} line", file=path)
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render_catalogue(catalogue)}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = SOURCE_ROOT
    readme_path = root / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    try:
        fresh = updated_readme(readme, load_catalogue(root / "queries"), path=str(readme_path))
    except InputError as error:
        print(f"error: {error.render()}", file=sys.stderr)
        return error.exit_code
    if "--check" in argv:
        if fresh != readme:
            print(f"{readme_path}: the query catalogue is stale; run `python -m builder.query.catalogue`",
                  file=sys.stderr)
            return 1
        return 0
    if fresh != readme:
        readme_path.write_text(fresh, encoding="utf-8")
        print(f"rewrote the query catalogue in {readme_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
