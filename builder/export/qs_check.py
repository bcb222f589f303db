"""A checker for QuickStatements V1 batches: the parser's rules, each with a name.

Ported from the V1 command parser of magnusmanske/quickstatements (public_html/quickstatements.php) as
summarised in ../shared/guides/wikidata-tooling.md, made strict where the parser is lenient in ways that
lose data: a time without `/precision` (the parser stores it as a year) and text that the parser would
cut (a `|`, an inner `"`, a `/*`…`*/` edit-summary marker) are errors here. The CSV variant is checked by
turning each row into the V1 commands QuickStatements derives from it and checking those.

Rule names are part of the interface: tests name the rule each bad line must break.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

TERM_MAX = 250
STRING_MAX = 400

ENTITY = re.compile(r"[QPLM][1-9][0-9]*")
PROPERTY = re.compile(r"P[1-9][0-9]*")
TERM = re.compile(r"([LDA])([a-z]{2,3}(?:-[a-z0-9]+)*)|S([a-z_]+wiki[a-z]*)")
PAIR_KEY = re.compile(r"(P|S|!S)([1-9][0-9]*)")
STRING = re.compile(r'"(.*)"', re.DOTALL)
MONOLINGUAL = re.compile(r'([a-z]{2,3}(?:-[a-z0-9]+)*):"(.*)"', re.DOTALL)
TIME = re.compile(r"([+-])(\d{1,16})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z(?:/(\d{1,2}))?")
QUANTITY = re.compile(r"[+-]?\d+(?:\.\d+)?(?:~\d+(?:\.\d+)?)?(?:U[1-9][0-9]*)?")
COORDINATE = re.compile(r"@-?\d+(?:\.\d+)?/-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Problem:
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: [{self.rule}] {self.message}"


def value_problems(value: str, *, limit: int = STRING_MAX) -> list[tuple[str, str]]:
    """(rule, message) for one value column; an empty list means the value is well formed."""
    # LAST is not accepted as a value: the exporter never needs it, and whether an older parser resolves
    # it there is not something a batch should depend on.
    if value in ("somevalue", "novalue") or ENTITY.fullmatch(value):
        return []
    text = None
    if (match := MONOLINGUAL.fullmatch(value)) is not None:
        text = match.group(2)
    elif (match := STRING.fullmatch(value)) is not None:
        text = match.group(1)
    if text is not None:
        return text_problems(text, limit)
    if (match := TIME.fullmatch(value)) is not None:
        return time_problems(match)
    if QUANTITY.fullmatch(value) or COORDINATE.fullmatch(value):
        return []
    return [
        (
            "bad-value",
            f"{value[:60]!r} is no item, string, monolingual text, time, quantity, coordinate, somevalue or novalue",
        )
    ]


def text_problems(text: str, limit: int) -> list[tuple[str, str]]:
    problems = []
    if '"' in text:
        problems.append(("inner-quote", "a string may not contain a double quote (no escaping in V1)"))
    if "|" in text:
        problems.append(("pipe-in-value", "`|` separates columns and `||` lines in a batch without TAB"))
    if "/*" in text or "*/" in text:
        problems.append(("comment-marker", "`/*`…`*/` at the end of a line is taken as the edit summary"))
    if any(ch in text for ch in "\t\n\r\u2028\u2029"):
        problems.append(("line-break-in-value", "a TAB or line break splits the command"))
    if not text.strip():
        problems.append(("empty-string", "an empty string is not a value"))
    elif text != text.strip():
        problems.append(("untrimmed-string", "the parser trims: leading/trailing spaces would be lost"))
    if len(text) > limit:
        problems.append(("too-long", f"{len(text)} characters, the limit is {limit}"))
    return problems


def time_problems(match: re.Match[str]) -> list[tuple[str, str]]:
    _sign, _year, month, day, *_clock, precision = match.groups()
    if precision is None:
        return [("time-without-precision", "a time without /precision is stored as a year")]
    p, m, d = int(precision), int(month), int(day)
    if p > 14:
        return [("bad-precision", f"precision {p} is not 0-14")]
    if m > 12 or d > 31:
        return [("bad-date", f"month {m} / day {d} out of range")]
    if (m == 0 and p >= 10) or (d == 0 and p >= 11):
        return [("precision-mismatch", f"precision {p} needs the month and day it claims to know")]
    return []


def check_line(line: str, number: int = 1) -> list[Problem]:
    """Problems of one V1 command (the batch context — CREATE before LAST — is in check_batch)."""

    def problem(rule: str, message: str) -> Problem:
        return Problem(number, rule, message)

    if "\n" in line or "\r" in line:
        return [problem("line-break-in-value", "a command is one line")]
    cells = line.split("\t")
    head = cells[0]
    if head == "CREATE":
        return [] if len(cells) == 1 else [problem("create-columns", "CREATE stands alone on its line")]
    if head == "MERGE":
        items_ok = len(cells) == 3 and all(c.startswith("Q") and ENTITY.fullmatch(c) for c in cells[1:])
        return [] if items_ok else [problem("merge-columns", "MERGE takes exactly two item ids")]
    if len(cells) == 1:
        return [problem("no-tab", "a command without TAB is split on `|`; always separate columns by TAB")]
    if not (ENTITY.fullmatch(head) or head == "LAST"):
        return [problem("bad-subject", f"{head[:40]!r} is neither an entity id, LAST nor CREATE")]
    verb = cells[1]
    if TERM.fullmatch(verb):
        found = [] if len(cells) == 3 else [problem("term-columns", "a term line has exactly 3 columns")]
        if len(cells) >= 3:
            if not STRING.fullmatch(cells[2]):
                found.append(problem("term-not-string", "a label, description or alias is a quoted string"))
            else:
                found += [problem(r, m) for r, m in text_problems(cells[2][1:-1], TERM_MAX)]
        return found
    if not PROPERTY.fullmatch(verb.removeprefix("-").removeprefix("!")):
        return [problem("bad-property", f"{verb[:40]!r} is neither a property nor a term code")]
    if len(cells) < 3:
        return [problem("missing-value", "a statement needs a value")]
    found = [problem(r, m) for r, m in value_problems(cells[2])]
    rest = cells[3:]
    if len(rest) % 2:
        found.append(problem("incomplete-pair", f"qualifier/reference {rest[-1][:20]!r} has no value"))
    for key, value in zip(rest[::2], rest[1::2], strict=False):
        if not PAIR_KEY.fullmatch(key):
            found.append(problem("bad-pair-key", f"{key[:20]!r} is not P…, S… or !S…"))
        found += [problem(r, m) for r, m in value_problems(value)]
    return found


def check_batch(text: str) -> list[Problem]:
    """Problems of a whole V1 batch (one command per line; blank lines are skipped by the parser)."""
    problems: list[Problem] = []
    created = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        problems += check_line(line, number)
        head = line.split("\t", 1)[0]
        created = created or head == "CREATE"
        if head == "LAST" and not created:
            problems.append(Problem(number, "last-without-create", "LAST refers to no item created before it"))
    return problems


# -- CSV variant -----------------------------------------------------------------------------------

CSV_COLUMN = re.compile(
    r"qid|[LDA][a-z]{2,3}(?:-[a-z0-9]+)*|S[a-z_]+wiki[a-z]*|P[1-9][0-9]*|"
    r"qal[1-9][0-9]*|[Ss][1-9][0-9]*"
)


def csv_to_v1(text: str) -> tuple[list[str], list[Problem]]:
    """The V1 commands QuickStatements derives from a CSV batch, and the CSV-level problems.

    Empty cells are skipped; qualifier and reference cells attach to the last non-empty statement cell
    of their row, an `S` cell opens a new reference and an `s` cell continues it.
    """
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not rows[0] or rows[0][0] != "qid":
        return [], [Problem(1, "csv-header", "the header starts with `qid`")]
    header, problems, commands = rows[0], [], []
    for column in header:
        if not CSV_COLUMN.fullmatch(column):
            problems.append(Problem(1, "csv-column", f"unknown column {column!r}"))
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(Problem(number, "csv-width", f"{len(row)} cells for {len(header)} columns"))
            continue
        subject = row[0] or "LAST"
        if not row[0]:
            commands.append("CREATE")
        statement: list[str] | None = None
        for column, cell in zip(header[1:], row[1:], strict=True):
            if not cell:
                continue
            if column[0] in "LDA" or (column[0] == "S" and "wiki" in column):
                commands.append("\t".join((subject, column, cell)))
            elif column[0] == "P":
                statement = [subject, column, cell]
                commands.append(statement)  # type: ignore[arg-type]  # filled below, joined at the end
            elif statement is None:
                problems.append(Problem(number, "csv-orphan", f"{column} cell without a statement before it"))
            elif column.startswith("qal"):
                statement += ["P" + column[3:], cell]
            elif column[0] == "S":
                opened = any(c.startswith(("S", "!S")) for c in statement[3::2])
                statement += [("!S" if opened else "S") + column[1:], cell]
            else:
                statement += ["S" + column[1:], cell]
    lines = [c if isinstance(c, str) else "\t".join(c) for c in commands]
    return lines, problems


def check_csv(text: str) -> list[Problem]:
    lines, problems = csv_to_v1(text)
    return problems + check_batch("\n".join(lines))

