"""Wikidata's editorial rules over a QuickStatements V1 batch: what makes a valid batch unsafe to paste.

builder.export.qs_check says whether QuickStatements parses a batch as meant; this says whether a
Wikidata editor may run it (../shared/guides/wikidata-tooling.md, "Editorial rules"). Each rule has a
name, and tests show a batch breaking it rejected:

- `create`: a CREATE in a batch whose items were not reconciled (allowed only with --create-new-items);
- `empty-item`: a created item with no statement that carries a reference (Wikidata deletes empty items);
- `unknown-value`: a `somevalue` — the exporter never knows a value the text does not name, and a named
  value waits for its item instead;
- `unreferenced` / `reference-unidentified`: a statement without a reference, or a reference with none of
  P248 "stated in" or P123 publisher as an item and P854 reference URL;
- `inferred-date`: a P577 publication date in a reference to an article whose date is only inferred;
- `named-as-not-in-source`: P1932 / P1810 text that no article contains (it must be the article's words);
- `position-without-time`, `job-as-position`: P39 without start, end or point in time, or with an
  occupation (a job such as journalist) as its value;
- `deprecated-property`: P642 "of", or any id the verified list marks "do not emit".

The context (`PolicyContext`) carries what a batch alone cannot show: the articles' texts and which
publication dates are inferred, and the verified list's occupation classes. The CSV variant is checked
through the V1 commands it stands for (qs_check.csv_to_v1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.export.qs_check import TERM, Problem, check_batch, csv_to_v1

STATEMENT_QUALIFIER_TIMES = ("P580", "P582", "P585")


@dataclass(frozen=True)
class PolicyContext:
    """What the policy needs beyond the batch: article texts (for named-as), references to articles
    with an inferred publication date (URL or title -> that date), occupation classes, forbidden ids."""

    texts: tuple[str, ...] = ()
    inferred_dates: dict[str, str] = field(default_factory=dict)  # URL or title -> "+YYYY-MM-DDT00:00:00Z/11"
    occupations: frozenset[str] = frozenset()
    forbidden: frozenset[str] = frozenset({"P642"})


def _pairs(cells: list[str]) -> tuple[list[tuple[str, str]], list[list[tuple[str, str]]]]:
    """(qualifiers, references) of one statement command; each reference a list of (P…, value)."""
    qualifiers: list[tuple[str, str]] = []
    references: list[list[tuple[str, str]]] = []
    for key, value in zip(cells[3::2], cells[4::2], strict=False):
        if key.startswith("!S"):
            references.append([("P" + key[2:], value)])
        elif key.startswith("S"):
            if not references:
                references.append([])
            references[-1].append(("P" + key[1:], value))
        else:
            qualifiers.append((key.lstrip("!"), value))
    return qualifiers, references


def _text_of(value: str) -> str | None:
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        return value[1:-1]
    if ':"' in value and value.endswith('"'):
        return value.split(':"', 1)[1][:-1]
    return None


def check_policy(text: str, context: PolicyContext | None = None, *, allow_create: bool = False) -> list[Problem]:
    """Problems of a V1 batch under Wikidata's editorial rules (an empty list: safe to paste)."""
    context = context or PolicyContext()
    problems: list[Problem] = []
    open_item: tuple[int, bool] | None = None  # (line of the CREATE, has a referenced statement)

    def close_item() -> None:
        if open_item is not None and not open_item[1]:
            problems.append(Problem(open_item[0], "empty-item", "a created item has no referenced statement"))

    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        head = cells[0]
        if head == "CREATE":
            close_item()
            open_item = (number, False)
            if not allow_create:
                problems.append(Problem(number, "create", "CREATE without reconciliation: search Wikidata "
                                        "first (to-reconcile.csv, import-ids); only --create-new-items creates"))
            continue
        if head != "LAST":
            close_item()
            open_item = None
        if len(cells) < 3 or TERM.fullmatch(cells[1]) or head == "MERGE":
            continue  # a term line (label, description, alias, sitelink) or a merge
        prop, value = cells[1].lstrip("-!"), cells[2]
        found = _statement_problems(prop, value, cells, context)
        problems += [Problem(number, rule, message) for rule, message in found]
        _qualifiers, references = _pairs(cells)
        if head == "LAST" and open_item is not None and references and not any(
            r for r, _ in found if r in ("unreferenced", "reference-unidentified")
        ):
            open_item = (open_item[0], True)
    close_item()
    return problems


def _statement_problems(prop: str, value: str, cells: list[str], context: PolicyContext) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    qualifiers, references = _pairs(cells)
    used = [prop, value, *(p for p, _ in qualifiers), *(v for _, v in qualifiers)]
    used += [x for ref in references for pair in ref for x in pair]
    for wid in sorted({u for u in used if u in context.forbidden}):
        found.append(("deprecated-property", f"{wid} must not be emitted"))
    if value == "somevalue" or any(v == "somevalue" for _, v in qualifiers):
        found.append(("unknown-value", "\"unknown value\" for a value the text names: wait for its item"))
    if prop == "P39":
        if not any(p in STATEMENT_QUALIFIER_TIMES for p, _ in qualifiers):
            found.append(("position-without-time", "P39 needs start time, end time or point in time"))
        if value in context.occupations:
            found.append(("job-as-position", f"{value} is an occupation: P106 (and P108), not P39"))
    for p, v in qualifiers:
        words = _text_of(v) if p in ("P1932", "P1810") else None
        if words is not None and context.texts and not any(words in t for t in context.texts):
            found.append(("named-as-not-in-source", f"{p} {words[:50]!r} is not the words of any article"))
    if not references:
        found.append(("unreferenced", "a statement needs a reference that identifies its source"))
    for reference in references:
        props = dict(reference)
        identified = "P854" in props or any(
            p in ("P248", "P123") and v.startswith("Q") and v[1:].isdigit() for p, v in reference
        )
        if not identified:
            found.append(("reference-unidentified", "a reference needs P248 or P123 as an item, or P854: "
                          "a date, title or name alone identifies nothing"))
        date = props.get("P577")
        keys = [_text_of(props.get("P854", "")), _text_of(props.get("P1476", ""))]
        if date is not None and any(k and context.inferred_dates.get(k) == date for k in keys):
            found.append(("inferred-date", f"P577 {date} is inferred in sources.yaml, not stated"))
    return found


def check_policy_csv(text: str, context: PolicyContext | None = None, *, allow_create: bool = False) -> list[Problem]:
    lines, problems = csv_to_v1(text)
    return problems + check_policy("\n".join(lines), context, allow_create=allow_create)


def check_export(text: str, context=None, *, allow_create: bool = False) -> list[Problem]:
    """The V1 grammar and Wikidata's editorial rules together (builder.export.qs_policy: no CREATE unless
    allowed, no empty item, no "unknown value", references that identify their source, no inferred
    P577, "named as" in the articles' words, P39 only with time and never for a job, no P642): what an
    exported batch must pass before it is written."""
    return check_batch(text) + check_policy(text, context, allow_create=allow_create)
