"""Ids an editor reconciled in OpenRefine: read back from OpenRefine's CSV export, recorded in curation/.

The round trip (README, "Exporting to Wikidata"): the build writes output/wikidata/to-reconcile.csv; the
editor reconciles its `label` column against Wikidata in OpenRefine, adds the columns `qid`, `score`,
`judgment` and `judgment_action` from the reconciliation (GREL `cell.recon.match.id`,
`cell.recon.match.score`, `cell.recon.judgment`, `cell.recon.judgmentAction`), exports the project as
CSV, and runs `cpskg curate import-ids FILE`. Each row is checked (an entity IRI of this dataset, a Q-id
of the right syntax, a judgment OpenRefine writes) and recorded in curation/reconciled-ids.tsv with its
evidence: "reconciled in OpenRefine against Wikidata on DATE, score S, by hand-check Y/N".

Hand-check is Y when the editor chose the match (judgment action `single` or `similar`), N when OpenRefine
matched automatically or in bulk (`auto`, `mass`). Only hand-checked rows are used by the export: an
unchecked match is recorded, and used once an editor has checked it and set the column to Y. A row the
editor judged `new` records that Wikidata has no item for the entity (what `--create-new-items` needs);
a row judged `none` is left for later.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path

from builder.errors import InputError
from builder.export.model import ITEM_ID
from builder.namespaces import CPS_ID
from builder.write.rdfio import write_atomically

RECONCILED_FILE = "reconciled-ids.tsv"
COLUMNS = ("iri", "label", "qid", "reconciled_on", "score", "hand_checked", "evidence")
JUDGMENTS = ("matched", "new", "none")
HAND_ACTIONS = ("single", "similar")
MACHINE_ACTIONS = ("auto", "mass", "unknown", "")
SCORE = re.compile(r"(?:100(?:\.0+)?|[0-9]{1,2}(?:\.[0-9]+)?)")


@dataclass(frozen=True)
class Reconciled:
    """One recorded reconciliation: ``qid`` None means the editor found no item on Wikidata."""

    iri: str
    label: str
    qid: str | None
    reconciled_on: date
    score: str
    hand_checked: bool

    @property
    def evidence(self) -> str:
        score = self.score or "not given"
        found = f"matched {self.qid}" if self.qid else "no item found"
        return (f"reconciled in OpenRefine against Wikidata on {self.reconciled_on.isoformat()}, score {score}, "
                f"by hand-check {'Y' if self.hand_checked else 'N'}: {found}")

    def row(self) -> list[str]:
        return [self.iri, self.label, self.qid or "", self.reconciled_on.isoformat(), self.score,
                "Y" if self.hand_checked else "N", self.evidence]


@dataclass(frozen=True)
class ReconciledIds:
    """What the export may use: reviewed (hand-checked) matches, and reviewed "no item" findings."""

    records: dict[str, Reconciled]

    def qid(self, iri: str) -> str | None:
        record = self.records.get(iri)
        return record.qid if record is not None and record.hand_checked else None

    def absent(self, iri: str) -> bool:
        """Reconciled by hand and found to have no item: it may be created (with --create-new-items)."""
        record = self.records.get(iri)
        return record is not None and record.hand_checked and record.qid is None

    def status(self, iri: str) -> str:
        record = self.records.get(iri)
        if record is None:
            return "not reconciled yet"
        if not record.hand_checked:
            return f"{record.evidence}; not used until checked by hand (set hand_checked to Y)"
        return record.evidence


def default_path(curation_dir: Path | None = None) -> Path:
    from builder.resources import data_path

    return (curation_dir or data_path("curation")) / RECONCILED_FILE


def load_reconciled(path: Path) -> ReconciledIds:
    """The recorded reconciliations (an absent file means none yet)."""
    if not path.is_file():
        return ReconciledIds({})
    records: dict[str, Reconciled] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the reconciled ids: {error}", file=str(path)) from error
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    missing = set(COLUMNS[:-1]) - set(reader.fieldnames or ())
    if missing:
        raise InputError(f"missing columns {sorted(missing)}", file=str(path), position="1")
    for number, row in enumerate(reader, start=2):
        record = _record(row, str(path), number, checked=row.get("hand_checked", ""))
        records[record.iri] = record
    return ReconciledIds(records)


def _record(row: dict, file: str, number: int, *, checked: str) -> Reconciled:
    where = {"file": file, "position": str(number)}
    iri = (row.get("iri") or "").strip()
    if not iri.startswith(CPS_ID) or any(c in iri for c in ' <>"{}|\\^`'):
        raise InputError(f"iri must be an entity IRI of this dataset ({CPS_ID}…), got {iri[:60]!r}", **where)
    qid = (row.get("qid") or "").strip() or None
    if qid is not None and not ITEM_ID.fullmatch(qid):
        raise InputError(f"qid {qid[:40]!r} is not a Wikidata item id (Q followed by digits)", **where)
    score = (row.get("score") or "").strip()
    if score and not SCORE.fullmatch(score):
        raise InputError(f"score {score[:20]!r} is not a number from 0 to 100", **where)
    try:
        day = date.fromisoformat((row.get("reconciled_on") or "").strip())
    except ValueError:
        raise InputError(f"reconciled_on {row.get('reconciled_on')!r} is not an ISO date", **where) from None
    if checked not in ("Y", "N"):
        raise InputError(f"hand_checked must be Y or N, got {checked!r}", **where)
    return Reconciled(iri, " ".join((row.get("label") or "").split()), qid, day, score, checked == "Y")


def read_openrefine_csv(path: Path, reconciled_on: date) -> tuple[list[Reconciled], int]:
    """Rows of OpenRefine's CSV export to record, and how many were left unreconciled (judgment none)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the OpenRefine export: {error}", file=str(path)) from error
    reader = csv.DictReader(io.StringIO(text))
    header = set(reader.fieldnames or ())
    missing = {"iri", "qid", "judgment", "judgment_action"} - header
    if missing:
        raise InputError(
            f"missing columns {sorted(missing)}: add them in OpenRefine from the reconciled label column "
            "(README, \"Exporting to Wikidata\")", file=str(path), position="1")
    records: list[Reconciled] = []
    seen: dict[str, int] = {}
    skipped = 0
    for number, row in enumerate(reader, start=2):
        where = {"file": str(path), "position": str(number)}
        judgment = (row.get("judgment") or "").strip()
        action = (row.get("judgment_action") or "").strip()
        if judgment not in JUDGMENTS:
            raise InputError(f"judgment must be one of {JUDGMENTS} (cell.recon.judgment), got {judgment!r}", **where)
        if action not in HAND_ACTIONS + MACHINE_ACTIONS:
            raise InputError(f"judgment_action {action!r} is not one OpenRefine writes", **where)
        if judgment == "none":
            skipped += 1
            continue
        qid = (row.get("qid") or "").strip()
        if judgment == "matched" and not qid:
            raise InputError("judgment matched but no qid", **where)
        if judgment == "new" and qid:
            raise InputError(f"judgment new (no item) but qid {qid[:20]!r}", **where)
        fields = dict(row, reconciled_on=reconciled_on.isoformat())
        record = _record(fields, str(path), number, checked="Y" if action in HAND_ACTIONS else "N")
        if record.iri in seen:
            raise InputError(f"{record.iri} is reconciled twice (rows {seen[record.iri]} and {number})", **where)
        seen[record.iri] = number
        records.append(record)
    return records, skipped


def import_ids(source: Path, curation_dir: Path, reconciled_on: date) -> tuple[list[Reconciled], int, Path]:
    """Record the reconciliations of an OpenRefine export in curation/reconciled-ids.tsv (a row for the
    same entity is replaced). Returns the new records, the rows left unreconciled, and the file written."""
    from builder.export.mapping import load_verified_ids

    records, skipped = read_openrefine_csv(source, reconciled_on)
    target = default_path(curation_dir)
    current = dict(load_reconciled(target).records)
    list_file = curation_dir / "wikidata-ids.tsv"
    verified = load_verified_ids(list_file) if list_file.is_file() else load_verified_ids()
    for record in records:
        current[record.iri] = record
    by_qid: dict[str, str] = {}
    for record in current.values():
        if record.qid is None:
            continue
        if record.qid in by_qid:
            raise InputError(f"{record.qid} is recorded for two entities: {by_qid[record.qid]} and {record.iri}",
                             file=str(source))
        by_qid[record.qid] = record.iri
        kind, label, _note = verified.rows.get(record.qid, ("", "", ""))
        if kind == "class":
            raise InputError(f"{record.qid} is a class in the verified id list ({label}), not an item for "
                             f"{record.iri}", file=str(source))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for iri in sorted(current):
        writer.writerow(current[iri].row())
    write_atomically(target.parent, {target.name: buffer.getvalue().encode("utf-8")})
    return records, skipped, target


# -- command line (registered in builder/cli/main.py) ---------------------------------------------------


def make_curate_group(reports_errors):
    """The `cpskg curate` group; ``reports_errors`` is the CLI's error-to-exit-code wrapper."""
    import click

    @click.group(name="curate")
    def curate_group() -> None:
        """Record curation decisions in curation/ (reconciled Wikidata ids)."""

    @curate_group.command(name="import-ids")
    @click.argument("file", type=click.Path(path_type=Path))
    @click.option("--curation", "curation_dir", type=click.Path(path_type=Path), default=Path("curation"),
                  show_default=True, help="Curation folder; the ids go to reconciled-ids.tsv in it.")
    @click.option("--date", "reconciled_on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help="The day the reconciliation was done (default: today, UTC).")
    @reports_errors
    def import_ids_command(file: Path, curation_dir: Path, reconciled_on) -> None:
        """Read OpenRefine's CSV export of to-reconcile.csv (columns iri, qid, score, judgment, judgment_action)."""
        from datetime import datetime

        day = reconciled_on.date() if reconciled_on else datetime.now(UTC).date()
        records, skipped, target = import_ids(file, curation_dir, day)
        matched = sum(1 for r in records if r.qid)
        checked = sum(1 for r in records if r.hand_checked)
        click.echo(f"recorded {len(records)} reconciliations in {target}: {matched} matched, "
                   f"{len(records) - matched} without an item; {checked} checked by hand (used), "
                   f"{len(records) - checked} not (recorded, not used); {skipped} rows left unreconciled")

    return curate_group
