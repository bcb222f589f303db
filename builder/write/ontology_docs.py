"""Human-readable documentation of the ontology: an HTML page (pyLODE) and an SVG class diagram.

    write_ontology_docs(out_dir)  ->  out_dir/docs/ontology.html, out_dir/docs/classes.svg

Both files are byte-deterministic, because the built output is committed and compared:

- pyLODE's page embeds the ontology header as a JSON-LD block serialised by rdflib in set order, which
  changes with Python's hash seed; that block is rewritten canonically (sorted keys and arrays). The rest
  of the page carries no timestamp or path.
- The diagram is hand-written SVG (no matplotlib font subsetting or ids, no graphviz, which CI lacks):
  the cps: class tree on the left, the standard classes each cps: class specialises on the right, joined
  by edges coloured by vocabulary, and Wikidata matches after the class names. The layout depends on the
  ontology only.

pyLODE 3.4's wheel reads its version from a pyproject.toml that the wheel does not contain; the
`pylode.version` module is provided from the installed package metadata before pyLODE is imported.
pyLODE also reconfigures the root logger (basicConfig at DEBUG); that is undone after each use.
"""

from __future__ import annotations

import html
import importlib.metadata
import json
import logging
import os
import re
import sys
import types
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import Graph, URIRef

from builder.errors import MissingComponent
from builder.namespaces import CPS_ONTOLOGY, OWL, RDF, RDFS, SKOS, WD_ENTITY, split_iri
from builder.ontology import ONTOLOGY_PATH, load_ontology
from builder.vocab import CPS

# Colour per vocabulary of an alignment target (Okabe-Ito palette, readable for colour-blind readers).
VOCABULARY_COLOURS = {
    "schema": "#0072B2", "org": "#D55E00", "sem": "#009E73", "prov": "#CC79A7",
    "nif": "#E69F00", "time": "#56B4E9", "skos": "#999933",
}
CPS_COLOUR = "#333333"
ROW = 22          # px per class row
INDENT = 18       # px per tree level
CHAR = 7.2        # px per character of 12px monospace text
TARGET_X = 560    # left edge of the column of standard classes
TARGET_WIDTH = 250
TOP = 116         # px reserved for the title and legend
CPS_ORGANIZATION_PROPERTY = CPS.organizationProperty
_JSONLD_BLOCK = re.compile(r'(<script id="schema.org" type="application/ld\+json">)(.*?)(</script>)', re.S)


def write_ontology_docs(out_dir: Path, ontology_path: Path = ONTOLOGY_PATH) -> list[Path]:
    """Write docs/ontology.html and docs/classes.svg under `out_dir`; return their paths."""
    docs = Path(out_dir) / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    if ontology_path == ONTOLOGY_PATH:
        graph = load_ontology()
    else:
        graph = Graph().parse(ontology_path, format="turtle")
    written = [
        _write_atomically(docs / "ontology.html", render_html(ontology_path)),
        _write_atomically(docs / "classes.svg", render_class_diagram(graph)),
    ]
    return written


def _write_atomically(path: Path, text: str) -> Path:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temporary, path)
    return path


# ---------------------------------------------------------------------------------------------- HTML


def _import_ontpub():
    """pyLODE's OntPub class, importable despite the missing pyproject.toml (see the module docstring)."""
    if "pylode.version" not in sys.modules:
        try:
            version = importlib.metadata.version("pylode")
        except importlib.metadata.PackageNotFoundError as error:
            message = "the ontology documentation needs pyLODE: pip install 'pylode>=3'"
            raise MissingComponent(message) from error
        shim = types.ModuleType("pylode.version")
        shim.__version__ = version
        sys.modules["pylode.version"] = shim
    from pylode import OntPub

    _never_write_into_the_package()
    return OntPub


def _never_write_into_the_package() -> None:
    """pyLODE caches its background ontologies as pickles in its own package folder, which a read-only
    install (or a non-root user of a system install) cannot write: it catches FileNotFoundError only, so a
    PermissionError there was a traceback. Its module-level `open` is given one that refuses every write
    with FileNotFoundError, which pyLODE handles (it logs and goes on): a build never writes into
    site-packages, and the page is the same (the pickle only saved pyLODE a second)."""
    import builtins

    import pylode.utils

    def open_for_reading_only(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            raise FileNotFoundError(f"cpskg: pyLODE may not write {file}")
        return builtins.open(file, mode, *args, **kwargs)

    pylode.utils.open = open_for_reading_only


def render_html(ontology_path: Path = ONTOLOGY_PATH) -> str:
    """The pyLODE page of the ontology plus a section for its individuals, in canonical order."""
    graph = Graph().parse(ontology_path, format="turtle")
    with _root_logger_preserved():
        # sort_subjects: otherwise the entities of a section come in rdflib's hash-seed-dependent order.
        ontpub = _import_ontpub()(ontology=pylode_view(graph), sort_subjects=True)
        page = ontpub.make_html()
    return insert_individuals_section(canonical_jsonld_block(page), graph)


@contextmanager
def _root_logger_preserved():
    """pyLODE calls logging.basicConfig(level=DEBUG) on import and logs through the root logger (which
    installs a handler); its messages are suppressed while it runs, and the root logger and the global
    disable level are put back as they were."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    disabled = logging.root.manager.disable
    logging.disable(max(disabled, logging.INFO))  # its INFO/DEBUG chatter would reach the build's stderr
    try:
        yield
    finally:
        logging.disable(disabled)
        root.handlers[:] = handlers
        root.setLevel(level)


def pylode_view(graph: Graph) -> Graph:
    """The graph pyLODE is given: the concept schemes lose their skos:ConceptScheme type.

    OntPub takes every skos:ConceptScheme for a document header like the owl:Ontology (the page title
    and metadata come from whichever it meets last), and it documents no individuals; the schemes and
    their members are rendered by `insert_individuals_section` instead.
    """
    view = Graph()
    for triple in graph:
        if not (triple[1] == RDF.type and triple[2] == SKOS.ConceptScheme):
            view.add(triple)
    return view


def _individuals_by_scheme(graph: Graph) -> list[tuple[URIRef, list[URIRef]]]:
    schemes = sorted(
        (s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if str(s).startswith(CPS_ONTOLOGY)), key=str
    )
    return [(scheme, sorted(graph.subjects(SKOS.inScheme, scheme), key=str)) for scheme in schemes]


def _text(graph: Graph, term: URIRef, predicate: URIRef) -> str:
    return html.escape(" ".join(sorted(str(o) for o in graph.objects(term, predicate))))


def _individual_row(graph: Graph, term: URIRef) -> str:
    local = str(term)[len(CPS_ONTOLOGY):]
    types = ", ".join(sorted(_compact(str(t)) for t in graph.objects(term, RDF.type)))
    notes = [_wikidata_note(graph, str(term))]
    notes += [f"implies {_compact(str(p))}" for p in sorted(graph.objects(term, CPS_ORGANIZATION_PROPERTY))]
    extra = html.escape("; ".join(n for n in notes if n))
    return (
        f'          <tr id="{local}"><td><a href="{html.escape(str(term))}">'
        f"<code>{html.escape(_compact(str(term)))}</code></a></td>"
        f"<td>{_text(graph, term, RDFS.label)}</td><td>{_text(graph, term, SKOS.definition)}</td>"
        f"<td>{html.escape(types)}</td><td>{extra}</td></tr>\n"
    )


def insert_individuals_section(page: str, graph: Graph) -> str:
    """Add a "Named Individuals" section (one table per concept scheme) and its table-of-contents entry."""
    parts = ['      <div class="section" id="individuals">\n        <h2>Named Individuals</h2>\n']
    toc = ['        <li>\n          <h4>\n            <a href="#individuals">Named Individuals</a>\n'
           '          </h4>\n          <ul class="second">\n']
    for scheme, members in _individuals_by_scheme(graph):
        local = str(scheme)[len(CPS_ONTOLOGY):]
        parts.append(
            f'        <h3 id="{local}">{_text(graph, scheme, RDFS.label)} '
            f'<a href="{html.escape(str(scheme))}">'
            f"<code>{html.escape(_compact(str(scheme)))}</code></a></h3>\n"
            f"        <p>{_text(graph, scheme, SKOS.definition)}</p>\n        <table>\n"
            "          <tr><th>individual</th><th>label</th><th>definition</th><th>types</th>"
            "<th>alignment</th></tr>\n"
        )
        parts.extend(_individual_row(graph, member) for member in members)
        parts.append("        </table>\n")
        toc.append(f'            <li><a href="#{local}">{_text(graph, scheme, RDFS.label)}</a></li>\n')
    parts.append("      </div>\n")
    toc.append("          </ul>\n        </li>\n")
    section_anchor = '      <div id="namespaces">'
    toc_anchor = '        <li>\n          <h4>\n            <a href="#namespaces">'
    if page.count(section_anchor) != 1 or page.count(toc_anchor) != 1:
        raise MissingComponent("this pyLODE version lays out its page differently: use pylode 3.x")
    page = page.replace(section_anchor, "".join(parts) + section_anchor)
    return page.replace(toc_anchor, "".join(toc) + toc_anchor)


def _canonical(value):
    if isinstance(value, dict):
        return {key: _canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def canonical_jsonld_block(html: str) -> str:
    """Rewrite pyLODE's embedded JSON-LD with sorted keys and arrays, so the page is byte-stable."""

    def rewrite(match: re.Match) -> str:
        data = _canonical(json.loads(match.group(2)))
        return f"{match.group(1)}\n{json.dumps(data, indent=2, ensure_ascii=False)}\n{match.group(3)}"

    return _JSONLD_BLOCK.sub(rewrite, html)


# ------------------------------------------------------------------------------------------- diagram


def _compact(iri: str) -> str:
    split = split_iri(iri)
    return f"{split[0]}:{split[1]}" if split and split[1] else iri


def _class_tree(graph: Graph) -> tuple[list[tuple[str, int]], dict[str, list[str]]]:
    """The cps: classes in depth-first order with their depth, and each one's standard superclasses."""
    classes = sorted(
        str(c) for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(CPS_ONTOLOGY)
    )
    cps_parent: dict[str, str] = {}
    standard: dict[str, list[str]] = {}
    for cls in classes:
        parents = sorted(
            str(p) for p in graph.objects(URIRef(cls), RDFS.subClassOf) if isinstance(p, URIRef)
        )
        own = [p for p in parents if p.startswith(CPS_ONTOLOGY)]
        if own:
            cps_parent[cls] = own[0]  # the tree nests a class under one parent; elbows go to all
        standard[cls] = [p for p in parents if not p.startswith(CPS_ONTOLOGY)]
    children: dict[str, list[str]] = {}
    for child, parent in cps_parent.items():
        children.setdefault(parent, []).append(child)
    order: list[tuple[str, int]] = []

    def visit(cls: str, depth: int) -> None:
        order.append((cls, depth))
        for child in sorted(children.get(cls, []), key=_compact):
            visit(child, depth + 1)

    for root in sorted((c for c in classes if c not in cps_parent), key=_compact):
        visit(root, 0)
    return order, standard


def _wikidata_note(graph: Graph, cls: str) -> str:
    notes = []
    for predicate, sign in ((SKOS.exactMatch, "="), (SKOS.closeMatch, "≈")):
        for target in sorted(str(t) for t in graph.objects(URIRef(cls), predicate)):
            if target.startswith(WD_ENTITY):
                notes.append(f"{sign} wd:{target[len(WD_ENTITY):]}")
    return "  ".join(notes)


def _target_positions(order: list[tuple[str, int]], standard: dict[str, list[str]]) -> dict[str, float]:
    """Place each standard class near the mean row of the cps: classes that specialise it."""
    rows: dict[str, list[int]] = {}
    for index, (cls, _) in enumerate(order):
        for target in standard[cls]:
            rows.setdefault(target, []).append(index)
    wanted = sorted(rows, key=lambda t: (sum(rows[t]) / len(rows[t]), _compact(t)))
    positions: dict[str, float] = {}
    previous = TOP - ROW
    for target in wanted:
        y = max(TOP + ROW * sum(rows[target]) / len(rows[target]), previous + ROW + 4)
        positions[target] = y
        previous = y
    return positions


def render_class_diagram(graph: Graph) -> str:
    """An SVG diagram of the cps: class hierarchy and its alignment to standard classes."""
    order, standard = _class_tree(graph)
    targets = _target_positions(order, standard)
    height = int(max([TOP + ROW * len(order)] + [y + ROW for y in targets.values()]) + 20)
    width = TARGET_X + TARGET_WIDTH + 20
    row_y = {cls: TOP + ROW * index for index, (cls, _) in enumerate(order)}
    depth_of = dict(order)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans Mono, monospace" font-size="12">\n',
        "<title>cpskg ontology: class hierarchy and alignments</title>\n",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n',
        '<text x="20" y="28" font-size="16" font-weight="bold">cpskg ontology (cps:) — classes and '
        "their standard superclasses</text>\n",
        '<text x="20" y="48" fill="#555555">left: the cps: subclass tree; right: the rdfs:subClassOf targets '
        "in standard vocabularies</text>\n",
        '<text x="20" y="64" fill="#555555">after a class: = wd:… Wikidata exact match, ≈ wd:… close match'
        "</text>\n",
    ]
    for index, (prefix, colour) in enumerate(VOCABULARY_COLOURS.items()):
        x = 20 + index * 110
        out.append(f'<rect x="{x}" y="76" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 18}" y="86">{prefix}:</text>\n')
    for cls, depth in order:  # tree elbows from each class to its cps: parent
        for parent in (str(p) for p in graph.objects(URIRef(cls), RDFS.subClassOf)):
            if parent in row_y:
                px = 24 + INDENT * depth_of[parent] + 4
                out.append(
                    f'<path d="M{px} {row_y[parent] + 4} V{row_y[cls] - 4} H{24 + INDENT * depth - 3}" '
                    f'fill="none" stroke="#bbbbbb"/>\n'
                )
    for cls, depth in order:
        x, y = 24 + INDENT * depth, row_y[cls]
        label = _compact(cls)
        out.append(f'<text x="{x}" y="{y}" fill="{CPS_COLOUR}">{escape(label)}</text>')
        note = _wikidata_note(graph, cls)
        if note:
            note_x = x + CHAR * (len(label) + 2)
            out.append(f'<text x="{note_x:.1f}" y="{y}" fill="#888888">{escape(note)}</text>')
        out.append("\n")
        start = x + CHAR * (len(label) + 2 + (len(note) + 2 if note else 0))
        for target in standard[cls]:
            colour = VOCABULARY_COLOURS.get(_compact(target).split(":")[0], "#777777")
            ty = targets[target]
            middle = (start + TARGET_X) / 2
            out.append(
                f'<path d="M{start:.1f} {y - 4} C{middle:.1f} {y - 4} {middle:.1f} {ty - 4:.1f} '
                f'{TARGET_X} {ty - 4:.1f}" fill="none" stroke="{colour}" stroke-opacity="0.55"/>\n'
            )
    for target, y in targets.items():
        name = _compact(target)
        colour = VOCABULARY_COLOURS.get(name.split(":")[0], "#777777")
        out.append(
            f'<rect x="{TARGET_X}" y="{y - 16:.1f}" width="{TARGET_WIDTH}" height="{ROW - 2}" rx="3" '
            f'fill="#ffffff" stroke={quoteattr(colour)}/>'
            f'<text x="{TARGET_X + 8}" y="{y - 1:.1f}" fill="{colour}">{escape(name)}</text>\n'
        )
    out.append("</svg>\n")
    return "".join(out)


def docs_files() -> dict[str, bytes]:
    """The ontology's HTML page and class diagram; written with the rest of the build, all or nothing.

    They depend on the ontology file, the code that renders them and pyLODE/rdflib only, so they come
    from the content-addressed cache (builder/write/cache.py) when none of those changed: pyLODE alone takes
    about 2 s, a third of the five-article build.
    """
    import importlib.metadata

    from builder import namespaces
    from builder import ontology as ontology_module
    from builder.write.cache import cached

    def render() -> dict[str, bytes]:
        return {"docs/ontology.html": render_html().encode("utf-8"),
                "docs/classes.svg": render_class_diagram(ontology_module.load_ontology()).encode("utf-8")}

    versions = " ".join(f"{name}={importlib.metadata.version(name)}" for name in ("pylode", "rdflib"))
    # this module's own code renders them: its source is part of the key
    inputs = [Path(ontology_module.ONTOLOGY_PATH).read_bytes(), Path(__file__).read_bytes(),
              Path(ontology_module.__file__).read_bytes(), Path(namespaces.__file__).read_bytes(), versions.encode()]
    return cached("ontology-docs", inputs, render)
