"""Pictures of the dataset, drawn by the build from the graph through the canned queries.

- `docs/timeline.svg`: every dated event of the negotiations (queries/events_timeline.rq), one panel per
  stretch of time (the 2019 strike and the 2021 reopening talks are a year apart), each event with its
  date and the number of articles that report it.
- `docs/whos-who.svg`: people, their posts and organisations (queries/posts_by_person.rq).

Never drawn by hand: change the graph and the pictures change with it. Byte-deterministic SVG: a fixed
hash salt, no creation date, text kept as text.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pyoxigraph as ox

from builder.query.queries import load_catalogue
from builder.query.sparql_run import run_oxigraph
from builder.terminal import xml_safe

PANEL_GAP = timedelta(days=60)  # events further apart than this go into separate panels
MAX_EVENTS = 40  # a large corpus: the most-reported events


def _rows(store: ox.Store, name: str) -> list[dict]:
    query = load_catalogue().get(name)
    result = run_oxigraph(store, query, query.bindings())
    return [{var: term for var, term in zip(result.variables, row, strict=True)} for row in result.rows]


def _value(term) -> str:
    """A term's text on one line: labels come from article text, and a TAB or newline in one has no glyph;
    a control character (ESC in a publisher's name) would make the SVG invalid XML."""
    return "" if term is None else xml_safe(" ".join(term.value.split()))


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "cpskg", "svg.fonttype": "none", "font.size": 9,
                         "font.family": "DejaVu Sans"})
    return plt


def _svg(figure) -> bytes:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "cpskg"}, bbox_inches="tight")
    _pyplot().close(figure)
    return buffer.getvalue().encode("utf-8")


def _panels(events: list[tuple[date, str, int]]) -> list[list[tuple[date, str, int]]]:
    panels: list[list[tuple[date, str, int]]] = []
    for event in events:
        if panels and event[0] - panels[-1][-1][0] <= PANEL_GAP:
            panels[-1].append(event)
        else:
            panels.append([event])
    return panels


def timeline_svg(store: ox.Store) -> bytes:
    seen: dict[tuple[date, str], int] = {}
    for row in _rows(store, "events_timeline"):
        key = (date.fromisoformat(_value(row["date"])), _value(row.get("eventLabel")) or _value(row["event"]))
        seen[key] = max(seen.get(key, 0), int(_value(row.get("articles")) or 0))
    events = sorted((day, label, count) for (day, label), count in seen.items())
    if len(events) > MAX_EVENTS:
        events = sorted(sorted(events, key=lambda e: (-e[2], e[0], e[1]))[:MAX_EVENTS])
    plt = _pyplot()
    panels = _panels(events) or [[]]
    figure, axes = plt.subplots(len(panels), 1, figsize=(10, 1.2 + 0.32 * max(len(events), 1)), squeeze=False,
                                gridspec_kw={"height_ratios": [max(len(p), 1) for p in panels]})
    for axis, panel in zip(axes[:, 0], panels, strict=True):
        if not panel:
            axis.text(0.5, 0.5, "no dated events in the graph", ha="center", transform=axis.transAxes)
            axis.set_axis_off()
            continue
        for y, (day, label, count) in enumerate(panel):
            axis.plot([day], [y], "o", color="#1f5f99", markersize=4 + 2 * count)
            axis.annotate(f"{day.isoformat()}  {label}  ({count} source{'s' if count != 1 else ''})", (day, y),
                          xytext=(8, 0), textcoords="offset points", va="center")
        axis.set_ylim(len(panel) - 0.5, -0.5)
        axis.set_yticks([])
        start, end = panel[0][0], panel[-1][0]
        axis.set_xlim(start - timedelta(days=1), end + timedelta(days=max(6, (end - start).days)))
        axis.set_title(f"{start:%B %Y}", loc="left", fontsize=10)
        for side in ("top", "right", "left"):
            axis.spines[side].set_visible(False)
    figure.suptitle("Timeline of the negotiations' events (marker size: number of reporting articles)", x=0.01,
                    ha="left")
    return _svg(figure)


def _short_role(role_iri: str) -> str:
    local = role_iri.rsplit("#", 1)[-1].removesuffix("Role")
    words, word = [], ""
    for char in local:
        if char.isupper() and word and not word[-1].isupper():
            words.append(word)
            word = ""
        word += char
    return " ".join([*words, word]).lower()


def whos_who_svg(store: ox.Store) -> bytes:
    edges = sorted({(_value(r["personLabel"]), _short_role(_value(r["role"])), _value(r["organizationLabel"]))
                    for r in _rows(store, "posts_by_person")})
    organisations = sorted({e[2] for e in edges})
    # People in the order of their first organisation, so that lines run side by side, not across.
    first_org = {}
    for person, _, organisation in edges:
        first_org[person] = min(first_org.get(person, len(organisations)), organisations.index(organisation))
    people = sorted(first_org, key=lambda p: (first_org[p], p))
    plt = _pyplot()
    height = max(len(people), len(organisations), 1)
    figure, axis = plt.subplots(figsize=(10, 1 + 0.38 * height))
    person_y = {p: height * (i + 0.5) / max(len(people), 1) for i, p in enumerate(people)}
    org_y = {o: height * (i + 0.5) / max(len(organisations), 1) for i, o in enumerate(organisations)}
    for person, role, organisation in edges:
        y0, y1 = person_y[person], org_y[organisation]
        axis.plot([0.0, 1.0], [y0, y1], color="#9aa9b8", linewidth=1)
        axis.text(0.25, y0 + 0.25 * (y1 - y0), role, ha="center", va="center", fontsize=7, color="#444444",
                  bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
    for person, y in person_y.items():
        axis.text(-0.02, y, person, ha="right", va="center", fontsize=9)
    for organisation, y in org_y.items():
        axis.text(1.02, y, organisation, ha="left", va="center", fontsize=9, color="#1f5f99")
    axis.plot([0] * len(people), list(person_y.values()), "o", color="#333333")
    axis.plot([1] * len(organisations), list(org_y.values()), "s", color="#1f5f99")
    axis.set_xlim(-0.6, 1.6)
    axis.set_ylim(height, 0)
    axis.set_axis_off()
    axis.set_title("Who's who: people, their posts and organisations, as the articles report them", loc="left")
    return _svg(figure)


def pictures(quads: list[ox.Quad]) -> dict[str, bytes]:
    store = ox.Store()
    store.extend(quads)
    return {"docs/timeline.svg": timeline_svg(store), "docs/whos-who.svg": whos_who_svg(store)}
