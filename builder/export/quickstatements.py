"""QuickStatements V1 batches (TAB-separated commands, and the CSV variant) from the export model.

V1 has no escaping (see ../shared/guides/wikidata-tooling.md): a TAB or newline splits a command, a `|`
or `||` becomes a separator when a batch has no TAB, a string is whatever lies between its first and
last double quote, and a `/* ... */` at the end of a line becomes the edit summary. So every text value
is normalised before it is written — whitespace runs and control characters to one space, `|` to `/`,
inner double quotes to typographic ones, comment markers split — and clipped to Wikibase's length
limits; each change is reported as a warning, never silent. Every emitted line passes
builder.export.qs_check (a test).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from builder.export.model import (
    Claim,
    Entity,
    ExportModel,
    ItemValue,
    MonolingualValue,
    QuantityValue,
    Snak,
    SomeValue,
    StringValue,
    TimeValue,
    Value,
    clip_text,
    plain_text,
)

# Wikidata's limit for labels, descriptions and aliases; Wikibase's default for string values.
TERM_MAX = 250
STRING_MAX = 400


@dataclass(frozen=True)
class Batch:
    lines: tuple[str, ...]
    warnings: tuple[str, ...]

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def normalise_text(text: str, limit: int, where: str, warnings: list[str]) -> str:
    """Text that survives V1 parsing unchanged; every change is reported in ``warnings``."""
    cleaned = plain_text(text).replace("|", "/")
    # Inner double quotes become typographic quotes, alternating open/close.
    parts = cleaned.split('"')
    cleaned = parts[0] + "".join(("“" if i % 2 == 0 else "”") + part for i, part in enumerate(parts[1:]))
    cleaned = cleaned.replace("/*", "/ *").replace("*/", "* /")
    cleaned = clip_text(cleaned, limit)
    if cleaned != text:
        warnings.append(f"{where}: value {text[:60]!r} normalised to {cleaned[:60]!r}")
    return cleaned


def format_quantity(amount: Decimal) -> str:
    """V1 reads a plain decimal: no exponent, no thousands separator (model amounts are finite)."""
    return format(amount, "f")


def render_value(value: Value, where: str, warnings: list[str]) -> str | None:
    if isinstance(value, ItemValue):
        return value.qid
    if isinstance(value, SomeValue):
        return "somevalue"
    if isinstance(value, TimeValue):
        return f"{value.wikibase_time()}/{value.precision}"
    if isinstance(value, QuantityValue):
        unit = f"U{value.unit_qid[1:]}" if value.unit_qid else ""
        return format_quantity(value.amount) + unit
    if isinstance(value, (StringValue, MonolingualValue)):
        text = normalise_text(value.text, STRING_MAX, where, warnings)
        if not text:
            warnings.append(f"{where}: empty string value dropped")
            return None
        return f'{value.language}:"{text}"' if isinstance(value, MonolingualValue) else f'"{text}"'
    raise TypeError(f"no QuickStatements form for {value!r}")


def render_pairs(snaks: tuple[Snak, ...], prefix: str, where: str, warnings: list[str]) -> list[str]:
    cells: list[str] = []
    for snak in snaks:
        rendered = render_value(snak.value, f"{where} {snak.property}", warnings)
        if rendered is not None:
            cells += [f"{prefix}{snak.property[1:]}", rendered]
    return cells


def render_statement(subject: str, claim: Claim, where: str, warnings: list[str]) -> list[str] | None:
    """The columns of one statement command: value, qualifier pairs, then one S-block per reference."""
    value = render_value(claim.value, f"{where} {claim.property}", warnings)
    if value is None:
        return None
    cells = [subject, claim.property, value]
    cells += render_pairs(claim.qualifiers, "P", f"{where} {claim.property} qualifier", warnings)
    first = True
    for reference in claim.references:
        block = render_pairs(reference.snaks, "S", f"{where} {claim.property} reference", warnings)
        if not block:
            continue
        if not first:
            block[0] = "!" + block[0]  # "!S" opens a further reference on the same statement
        cells += block
        first = False
    return cells


def term_cells(entity: Entity, warnings: list[str]) -> list[tuple[str, str]]:
    """(Len/Den/Aen, quoted text) for a new item, normalised and clipped to the term limit."""
    where = f"<{entity.source}>"
    terms: list[tuple[str, str]] = []
    for code, texts in (("Len", [entity.label]), ("Den", [entity.description]), ("Aen", entity.aliases)):
        seen: set[str] = set()
        for text in texts:
            if not text:
                continue
            clean = normalise_text(text, TERM_MAX, f"{where} {code}", warnings)
            if clean and clean not in seen:
                seen.add(clean)
                terms.append((code, f'"{clean}"'))
    return terms


def entity_commands(entity: Entity, warnings: list[str]) -> list[list[str]]:
    where = f"<{entity.source}>"
    if entity.qid:
        subject, commands = entity.qid, []
    else:
        subject, commands = "LAST", [["CREATE"]]
        commands += [[subject, code, text] for code, text in term_cells(entity, warnings)]
    unknown_seen: set[str] = set()
    for claim in entity.claims:
        cells = render_statement(subject, claim, where, warnings)
        if cells is None:
            continue
        if isinstance(claim.value, SomeValue):
            # QuickStatements reuses a statement with the same value, and one "unknown value" equals
            # another: a second one (another post held) would be merged into the first, qualifiers and
            # all. `!P` forces a separate statement; the price is that re-running the batch repeats it.
            if claim.property in unknown_seen:
                cells[1] = "!" + cells[1]
            unknown_seen.add(claim.property)
        commands.append(cells)
    return commands


def to_v1(model: ExportModel) -> Batch:
    """The TAB-separated V1 batch: existing items first (by id), then the CREATE blocks."""
    warnings: list[str] = []
    ordered = model.ordered()
    lines = ["\t".join(cells) for entity in ordered for cells in entity_commands(entity, warnings)]
    return Batch(tuple(lines), tuple(warnings))


# -- CSV variant -----------------------------------------------------------------------------------


def _claim_columns(subject: str, claim: Claim, where: str, warnings: list[str]) -> list[tuple[str, str]]:
    """(header, cell) pairs of one statement in the CSV layout: P…, qal…, S… then s… per reference."""
    cells = render_statement(subject, claim, where, warnings)
    if cells is None:
        return []
    columns = [(cells[1], cells[2])]
    pairs = list(zip(cells[3::2], cells[4::2], strict=True))
    for name, value in pairs:
        if name.startswith("P"):
            columns.append(("qal" + name[1:], value))
        elif name.startswith("!S"):
            columns.append(("S" + name[2:], value))
        elif columns[-1][0].startswith(("S", "s")):
            columns.append(("s" + name[1:], value))
        else:
            columns.append((name, value))  # first snak of the first reference
    return columns


def to_csv(model: ExportModel) -> Batch:
    """The CSV variant: one row per item (empty qid = create), statement column groups shared by rows.

    Several statements of a property need several column groups; as the header is common to all rows,
    each distinct column layout (property, slot, qualifier and reference shape) gets its own group and a
    row leaves the groups it does not use empty.
    """
    warnings: list[str] = []
    ordered = model.ordered()
    rows: list[tuple[str, list[tuple[str, str]], dict[tuple, list[str]]]] = []
    groups: dict[tuple, tuple[str, ...]] = {}
    max_terms: dict[str, int] = {"Len": 0, "Den": 0, "Aen": 0}
    for entity in ordered:
        terms = [] if entity.qid else term_cells(entity, warnings)
        for code in max_terms:
            max_terms[code] = max(max_terms[code], sum(1 for c, _ in terms if c == code))
        filled: dict[tuple, list[str]] = {}
        slot: dict[str, int] = {}
        for claim in entity.claims:
            columns = _claim_columns(entity.qid or "LAST", claim, f"<{entity.source}>", warnings)
            if not columns:
                continue
            index = slot[claim.property] = slot.get(claim.property, -1) + 1
            if index and isinstance(claim.value, SomeValue):
                warnings.append(
                    f"<{entity.source}>: the CSV variant cannot force a separate statement for a further "
                    f"unknown-value {claim.property}; QuickStatements may merge it (use the TSV batch)"
                )
            header = tuple(name for name, _ in columns)
            key = (int(claim.property[1:]), index, header)
            groups[key] = header
            filled[key] = [cell for _, cell in columns]
        rows.append((entity.qid or "", terms, filled))

    term_header = [code for code in ("Len", "Den", "Aen") for _ in range(max_terms[code])]
    group_keys = sorted(groups)
    header = ["qid", *term_header] + [name for key in group_keys for name in groups[key]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for qid, terms, filled in rows:
        term_row = []
        for code in ("Len", "Den", "Aen"):
            texts = [text for c, text in terms if c == code]
            term_row += texts + [""] * (max_terms[code] - len(texts))
        row = [qid, *term_row]
        for key in group_keys:
            row += filled.get(key, [""] * len(groups[key]))
        writer.writerow(row)
    return Batch(tuple(buffer.getvalue().splitlines()), tuple(warnings))
