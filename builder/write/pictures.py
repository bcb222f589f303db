"""Pictures of the dataset, drawn by the build from the graph through the canned queries.

- `docs/timeline.svg`: every dated event of the negotiations (queries/events_timeline.rq), one panel per
  stretch of time (the 2019 strike and the 2021 reopening talks are a year apart), each event with its
  date and the number of articles that report it.
- `docs/whos-who.svg`: people, their posts and organisations (queries/posts_by_person.rq).

Never drawn by hand: change the graph and the pictures change with it. SVG written directly
(builder.svg: no matplotlib on the build's path, which cost ~1 s of the five-article build), text kept as
text, byte-deterministic, valid XML whatever the labels hold. Bounded whatever the corpus size: at most
MAX_EVENTS events and MAX_PEOPLE people (the most-reported ones), from linear queries over one store.
"""

from __future__ import annotations

from datetime import date, timedelta

import pyoxigraph as ox

from builder.query.queries import load_catalogue
from builder.query.sparql_run import run_oxigraph
from builder.terminal import xml_safe
from builder.write.svg import Svg, clean, text_width

PANEL_GAP = timedelta(days=60)  # events further apart than this go into separate panels
MAX_EVENTS = 40  # a large corpus: the most-reported events
MAX_PEOPLE = 40  # a large corpus: the people of the most-reported post holdings
LABEL_CHARS = 90  # longer labels are cut with an ellipsis
BLUE, GREY, DARK, RED = "#1f5f99", "#9aa9b8", "#333333", "#c0392b"
FUTURE_STATUSES = {"PlannedStatus", "ExpectedStatus", "ThreatenedStatus"}  # cps:EventStatus not (yet) taken place


def _rows(store: ox.Store, name: str) -> list[dict]:
    query = load_catalogue().get(name)
    result = run_oxigraph(store, query, query.bindings())
    return [{var: term for var, term in zip(result.variables, row, strict=True)} for row in result.rows]


def _value(term) -> str:
    """A term's text on one line: labels come from article text, and a TAB or newline in one has no glyph;
    a control character (ESC in a publisher's name) would make the SVG invalid XML."""
    return "" if term is None else xml_safe(" ".join(term.value.split()))


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
    expected: dict[tuple[date, str], bool] = {}  # no source says it took place: planned, expected, threatened
    disputed: set[tuple[date, str]] = set()  # sources disagree about it (a disagreement holds claims about it)
    for row in _rows(store, "events_timeline"):
        key = (date.fromisoformat(_value(row["date"])), _value(row.get("eventLabel")) or _value(row["event"]))
        seen[key] = max(seen.get(key, 0), int(_value(row.get("articles")) or 0))
        status = _value(row.get("status")).rsplit("#", 1)[-1]
        took_place = status not in FUTURE_STATUSES  # an offer proposed or rejected was made: it took place
        expected[key] = expected.get(key, True) and not took_place
        if _value(row.get("disputed")) == "true":
            disputed.add(key)
    events = sorted((day, label, count) for (day, label), count in seen.items())
    if len(events) > MAX_EVENTS:
        events = sorted(sorted(events, key=lambda e: (-e[2], e[0], e[1]))[:MAX_EVENTS])
    panels = _panels(events)
    row, top, left, axis = 22.0, 44.0, 20.0, 260.0  # row height, title band, margin, width of a panel's axis
    height = top + sum(30 + row * len(p) + 24 for p in panels) + (40 if not panels else 0)
    widths = [left + axis + 16 + text_width(_event_text(e), 11) for e in events] or [600.0]
    svg = Svg(max(720.0, *widths) + left, height + 10,
              "Timeline of the negotiations' events (marker size: number of reporting articles)")
    svg.text(left, 20, "Timeline of the negotiations' events (marker size: number of reporting articles)", 13,
             weight="bold")
    svg.text(left, 34, "filled: took place · hollow: expected, planned or threatened · red ring: sources dispute it",
             10, fill=GREY)
    if not panels:
        svg.text(left, top + 10, "no dated events in the graph", 11, fill=GREY)
    y = top
    for panel in panels:
        start, end = panel[0][0], panel[-1][0]
        span = max(7, (end - start).days)
        svg.text(left, y + 10, f"{start:%B %Y}", 12, weight="bold")
        y += 30
        for day, label, count in panel:
            x = left + axis * (day - start).days / span
            svg.line(left, y, left + axis, y, stroke="#eeeeee")
            key = (day, label)
            if expected.get(key):
                svg.circle(x, y, 2 + count, "none", stroke=BLUE)
            else:
                svg.circle(x, y, 2 + count, BLUE)
            if key in disputed:
                svg.circle(x, y, 5 + count, "none", stroke=RED)
            notes = ("expected" if expected.get(key) else "") + (", date disputed" if key in disputed else "")
            svg.text(left + axis + 16, y, _event_text((day, label, count)) + (f"  [{notes.lstrip(', ')}]"
                                                                               if notes else ""), 11)
            y += row
        svg.line(left, y - row / 2, left + axis, y - row / 2, stroke=DARK)
        svg.text(left, y + 4, start.isoformat(), 9, fill="#555555")
        svg.text(left + axis, y + 4, (start + timedelta(days=span)).isoformat(), 9, anchor="end", fill="#555555")
        y += 24
    return svg.bytes()


def _event_text(event: tuple[date, str, int]) -> str:
    day, label, count = event
    return f"{day.isoformat()}  {clean(label, LABEL_CHARS)}  ({count} source{'s' if count != 1 else ''})"


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
    reported: dict[tuple[str, str, str], int] = {}
    for r in _rows(store, "posts_by_person"):
        edge = (clean(_value(r["personLabel"]), LABEL_CHARS), _short_role(_value(r["role"])),
                clean(_value(r["organizationLabel"]), LABEL_CHARS))
        reported[edge] = max(reported.get(edge, 0), int(_value(r.get("articles")) or 0))
    # A large corpus: the people of the most-reported holdings (ties by name), so the picture stays readable.
    by_person: dict[str, int] = {}
    for (person, _, _), count in reported.items():
        by_person[person] = max(by_person.get(person, 0), count)
    shown = set(sorted(by_person, key=lambda p: (-by_person[p], p))[:MAX_PEOPLE])
    edges = sorted(e for e in reported if e[0] in shown)
    organisations = sorted({e[2] for e in edges})
    position = {o: i for i, o in enumerate(organisations)}
    # People in the order of their first organisation, so that lines run side by side, not across.
    first_org: dict[str, int] = {}
    for person, _, organisation in edges:
        first_org[person] = min(first_org.get(person, len(organisations)), position[organisation])
    people = sorted(first_org, key=lambda p: (first_org[p], p))
    row, top = 24.0, 50.0
    count = max(len(people), len(organisations), 1)
    left_width = max([text_width(p, 11) for p in people] or [100.0]) + 30
    right_x = left_width + 330
    width = right_x + max([text_width(o, 11) for o in organisations] or [100.0]) + 30
    title = "Who's who: people, their posts and organisations, as the articles report them"
    svg = Svg(max(width, text_width(title, 13) + 40), top + row * count + 20, title)
    svg.text(20, 22, title, 13, weight="bold")
    if len(by_person) > len(people):
        svg.text(20, 38, f"the {len(people)} most-reported of {len(by_person)} people", 10, fill="#555555")
    person_y = {p: top + count * row * (i + 0.5) / max(len(people), 1) for i, p in enumerate(people)}
    org_y = {o: top + count * row * (i + 0.5) / max(len(organisations), 1) for i, o in enumerate(organisations)}
    x0, x1 = left_width, right_x - 10
    for person, _, organisation in edges:
        svg.line(x0, person_y[person], x1, org_y[organisation], stroke=GREY)
    for person, role, organisation in edges:  # role labels over every line, a quarter of the way along
        y0, y1 = person_y[person], org_y[organisation]
        x, y = x0 + 0.25 * (x1 - x0), y0 + 0.25 * (y1 - y0)
        svg.rect(x - text_width(role, 8) / 2 - 3, y - 6, text_width(role, 8) + 6, 12, "white", rx=3)
        svg.text(x, y, role, 8, anchor="middle", fill="#444444")
    for person, y in person_y.items():
        svg.circle(x0, y, 3.5, DARK)
        svg.text(x0 - 8, y, person, 11, anchor="end")
    for organisation, y in org_y.items():
        svg.rect(x1 - 3.5, y - 3.5, 7, 7, BLUE)
        svg.text(x1 + 10, y, organisation, 11, fill=BLUE)
    return svg.bytes()


def pictures(store: ox.Store) -> dict[str, bytes]:
    """Both pictures, from a store of the dataset (its union as the default graph, as the build gives it)."""
    return {"docs/timeline.svg": timeline_svg(store), "docs/whos-who.svg": whos_who_svg(store)}
