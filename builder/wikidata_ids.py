"""The one reader of the verified Wikidata id list (curation/wikidata-ids.tsv).

The registry keeps only ids of its items and classes, the quality checks bind every id of the list, and the
export emits only ids the list allows; all three read the list here, with the same checks: the `kind`,
`label` and `id` columns are there, and every id is a Wikidata id (an error names the file and line).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from builder.errors import InputError
from builder.resources import data_path

DEFAULT_ID_LIST = data_path("curation", "wikidata-ids.tsv")
_WIKIDATA_ID = re.compile(r"^[QPL][1-9][0-9]*$")


@dataclass(frozen=True)
class VerifiedIds:
    """The verified Wikidata id list: id -> (kind, label, note)."""

    rows: dict[str, tuple[str, str, str]]

    def allows(self, wid: str) -> bool:
        return wid in self.rows and not self.forbidden(wid)

    def forbidden(self, wid: str) -> bool:
        # The list itself says which ids must not be emitted (P642 "of": being deprecated).
        note = self.rows.get(wid, ("", "", ""))[2].lower()
        return "do not emit" in note

    def item_ids(self) -> set[str]:
        """The ids of items and classes (not properties): what a registry entity may be the same as."""
        return {wid for wid, (kind, _, _) in self.rows.items() if kind in ("item", "class")}


def load_verified_ids(path: Path = DEFAULT_ID_LIST) -> VerifiedIds:
    path = Path(path)
    if not path.is_file():
        raise InputError("the verified Wikidata id list is missing", file=str(path))
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            missing = {"kind", "label", "id"} - set(reader.fieldnames or ())
            if missing:
                raise InputError(f"missing columns {sorted(missing)}", file=str(path), position="1")
            rows = {}
            for row in reader:
                wid = (row.get("id") or "").strip()
                if not wid:
                    continue
                if not _WIKIDATA_ID.match(wid):
                    raise InputError(f"{wid!r} is not a Wikidata id", file=str(path), position=str(reader.line_num))
                rows[wid] = (row["kind"].strip(), row["label"].strip(), (row.get("note") or "").strip())
    except OSError as error:
        raise InputError(f"cannot read the verified id list: {error.strerror}", file=str(path)) from error
    return VerifiedIds(rows)
