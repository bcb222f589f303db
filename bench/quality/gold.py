"""Gold files of the extraction quality benchmark: parse and validate them (format: bench/quality/README.md).

A gold file is UTF-8 TSV read with `csv` (TAB, `quoting=csv.QUOTE_NONE`), a header line, `#` comment lines,
six columns: kind, subject, relation, object, evidence, occurrence. Every row is checked against the
article text (decoded as the builder decodes it: BOM removed, CRLF and CR -> LF): the evidence must occur
there at least `occurrence` times, and the row is given the character span of that occurrence.

Every problem is a `GoldError` whose message is one line naming `file:line`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

COLUMNS = ("kind", "subject", "relation", "object", "evidence", "occurrence")
KINDS = ("person", "org", "post", "quote", "number", "date", "event", "clutter")
EVENT_KINDS = ("strike", "walkout", "lockout", "vote", "ratification", "bargaining-session", "offer",
               "tentative-agreement", "agreement", "return", "protest", "deadline", "announcement",
               "lawsuit", "cancellation", "mediation", "other")
CLUTTER_KINDS = ("caption", "credit", "share", "related", "newsletter", "subscription", "promo",
                 "navigation", "byline", "footer", "ad")
QUOTE_RELATIONS = ("direct", "partial")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class GoldError(ValueError):
    """A gold file that does not follow the format; the message is one line naming file:line."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class GoldRow:
    kind: str
    subject: str
    relation: str
    object: str
    evidence: str
    occurrence: int
    begin: int  # span of the evidence in the decoded article text
    end: int
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def aliases(self) -> tuple[str, ...]:
        """For an `org` row: the fullest name and the other names of its `object` column."""
        return (self.subject, *(a.strip() for a in self.object.split("|") if a.strip()))


def decode_text(data: bytes) -> str:
    """The article text as the builder reads it: UTF-8, BOM removed, CRLF and CR -> LF."""
    text = data.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: str) -> tuple[date, date]:
    """`YYYY-MM-DD`, `YYYY-MM` (the whole month), `YYYY` (the whole year: gold files need it for "since 2009";
    the format section names only the first two) or `START/END` -> the first and last day it covers."""
    if "/" in value:
        start, _, end = value.partition("/")
        return parse_date(start)[0], parse_date(end)[1]
    if not _DATE.match(value):
        raise ValueError(f"date {value!r} is not YYYY-MM-DD, YYYY-MM, YYYY or START/END")
    if len(value) == 4:
        return date(int(value), 1, 1), date(int(value), 12, 31)
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        first = date(year, month, 1)
        last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
        return first, date.fromordinal(last)
    day = date.fromisoformat(value)
    return day, day


def _check_row(kind: str, subject: str, relation: str, obj: str, path: str, line: int) -> None:
    def fail(message: str) -> None:
        raise GoldError(path, line, message)

    if kind not in KINDS:
        fail(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if kind in ("person", "org", "post", "quote") and not subject:
        fail(f"a {kind} row needs a subject")
    if kind == "post" and not relation:
        fail("a post row needs the role (relation)")  # an empty object: the article names no organisation
    if kind == "quote" and relation not in QUOTE_RELATIONS:
        fail(f"a quote row's relation must be direct or partial, not {relation!r}")
    if kind == "number":
        try:
            value = Decimal(subject)
        except InvalidOperation:
            fail(f"a number row's subject must be a plain decimal, not {subject!r}")
        if not value.is_finite() or "," in subject:
            fail(f"a number row's subject must be a plain decimal, not {subject!r}")
        if not relation or not obj:
            fail("a number row needs what it counts (relation) and who states it (object, or `article`)")
    if kind == "date":
        try:
            first, last = parse_date(subject)
        except ValueError as err:
            fail(str(err))
        if first > last:
            fail(f"the interval {subject!r} ends before it starts")
        if relation not in EVENT_KINDS:
            fail(f"a date row's relation must be an event kind, not {relation!r}")
    if kind == "event" and subject not in EVENT_KINDS:
        fail(f"an event row's subject must be an event kind, not {subject!r}")
    if kind == "clutter" and relation not in CLUTTER_KINDS:
        fail(f"a clutter row's relation must be a clutter kind ({', '.join(CLUTTER_KINDS)}), not {relation!r}")


def _nth(text: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = text.find(needle, at + 1)
        if at < 0:
            return -1
    return at


def parse_gold(path: Path, text: str, display: str | None = None) -> list[GoldRow]:
    """The rows of one gold file, each located in `text` (the decoded article); raise GoldError."""
    name = display or str(path)
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise GoldError(name, None, f"not UTF-8 (byte {err.start})") from None
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows: list[GoldRow] = []
    header_seen = False
    for number, fields in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
        if not fields or (len(fields) == 1 and not fields[0].strip()) or fields[0].startswith("#"):
            continue
        if not header_seen:
            if tuple(f.strip() for f in fields) != COLUMNS:
                raise GoldError(name, number, f"the header must be the six columns {' '.join(COLUMNS)} "
                                              f"separated by TABs, got {len(fields)} fields")
            header_seen = True
            continue
        if len(fields) != len(COLUMNS):
            raise GoldError(name, number, f"{len(fields)} TAB-separated fields, expected {len(COLUMNS)}")
        kind, subject, relation, obj = (f.strip() for f in fields[:4])
        evidence, occurrence = fields[4], fields[5].strip()
        _check_row(kind, subject, relation, obj, name, number)
        if not evidence.strip():
            raise GoldError(name, number, "the evidence column is empty")
        if occurrence and (not occurrence.isdigit() or int(occurrence) == 0):
            raise GoldError(name, number, f"occurrence must be a positive integer or empty, not {occurrence!r}")
        n = int(occurrence) if occurrence else 1
        begin = _nth(text, evidence, n)
        if begin < 0:
            found = text.count(evidence)
            what = "not in the article text" if not found else f"occurs {found} times, occurrence {n} asked"
            raise GoldError(name, number, f"evidence {evidence[:60]!r} {what}")
        if kind == "clutter" and not _is_whole_line(text, begin, begin + len(evidence)):
            whole = [k for k in range(1, text.count(evidence) + 1)
                     if _is_whole_line(text, _nth(text, evidence, k), _nth(text, evidence, k) + len(evidence))]
            hint = f" (it is one as occurrence {whole[0]})" if whole else ""
            raise GoldError(name, number, f"a clutter row's evidence must be a whole line of the article; "
                                          f"occurrence {n} of {evidence[:40]!r} is inside a longer line{hint}")
        rows.append(GoldRow(kind, subject, relation, obj, evidence, n, begin, begin + len(evidence), name, number))
    if not header_seen:
        raise GoldError(name, None, "no header line")
    return rows


def _is_whole_line(text: str, begin: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, begin) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:begin].strip() and not text[end:line_end].strip()
