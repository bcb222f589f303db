"""Read and check `sources.yaml`, the metadata of every article in a corpus folder.

Every mistake gets a message that names the file and, where YAML knows it, the line and column: a
malformed file, a missing or duplicated id, metadata naming a file that does not exist, and an article
file on disk that no entry describes (it would otherwise be silently left out of the dataset).
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from builder.errors import InputError
from builder.ingest.confine import read_confined
from builder.ingest.document import ArticleMeta, MetaValue

SOURCES_FILE = "sources.yaml"
ARTICLES_DIR = "articles"
ARTICLE_SUFFIX = ".txt"
# Ids become IRI path segments and file names: keep them to a readable, IRI-safe alphabet.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,127}$")
MODES = ("stated", "inferred")


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a mapping key given twice: PyYAML would keep the last value silently
    (a curator's second `date_published:` would replace the first without a word)."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if not isinstance(key, (str, int, float, bool, date)):
            continue  # a complex key (sources.yaml has none) is left to the default handling
        if key in seen:
            raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                    f"found duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)
# An unquoted 2021-02-30 would raise inside PyYAML's timestamp constructor (a traceback), and 2021-02-01T10:00
# would become a datetime: dates stay text here and are checked, with file, entry and field, by `_as_date`.
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)

# Limits on sources.yaml (README, "Bad inputs"): its size bounds the parser's memory (PyYAML takes some
# hundred times a file's size), its nesting the parser's recursion; no value of an entry is longer.
MAX_SOURCES_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32
MAX_VALUE_CHARS = 10_000
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2100, 12, 31)


def load_sources(corpus_dir: Path) -> list[ArticleMeta]:
    """Parse and check sources.yaml; return the entries sorted by id (the build order)."""
    path = corpus_dir / SOURCES_FILE
    display = str(path)
    if not os.path.lexists(path):
        raise InputError("corpus has no sources.yaml", file=display)
    data = read_confined(corpus_dir, path, display, MAX_SOURCES_BYTES, "sources.yaml")
    try:
        text = data.decode("utf-8")
        _check_structure(text, display)
        document = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        position = f"{mark.line + 1}:{mark.column + 1}" if mark else None
        raise InputError(f"malformed YAML: {err.problem or err}", file=display, position=position) from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError(f"unreadable YAML: {err}", file=display) from None
    if not isinstance(document, dict) or not isinstance(document.get("articles"), list):
        raise InputError("expected a top-level mapping with an `articles:` list", file=display)
    for number, entry in enumerate(document["articles"], start=1):
        _check_values(entry, f"{display} (articles entry {number})", "")

    metas: list[ArticleMeta] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(document["articles"], start=1):
        meta = _parse_entry(entry, f"{display} (articles entry {number})")
        if meta.id in seen:
            raise InputError(
                f"duplicate article id {meta.id!r} (entries {seen[meta.id]} and {number})", file=display
            )
        seen[meta.id] = number
        if not os.path.lexists(corpus_dir / meta.file) or not (corpus_dir / meta.file).exists():
            raise InputError(f"metadata for {meta.id!r} names a missing file {meta.file!r}", file=display)
        metas.append(meta)
    _check_every_article_described(corpus_dir, metas, display)
    return sorted(metas, key=lambda m: m.id)


def _check_structure(text: str, display: str) -> None:
    """Nesting depth and aliases, read from the event stream (iterative) before the recursive composer
    runs: 50,000 nested `[` would otherwise end in a RecursionError, and aliases can multiply a document."""
    depth = 0
    for event in yaml.parse(text, Loader=_UniqueKeyLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise InputError(f"nested deeper than {MAX_DEPTH} levels: not a sources.yaml", file=display,
                                 position=f"{mark.line + 1}:{mark.column + 1}")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise InputError("YAML anchors and aliases (&, *) are not accepted: write each value out",
                             file=display, position=f"{mark.line + 1}:{mark.column + 1}")


def _check_values(value: Any, where: str, field: str) -> None:
    """Every text of an entry is valid Unicode (no lone surrogate from a `\\ud800` escape) and not huge."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_values(item, where, f"{field}.{key}" if field else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_values(item, where, f"{field}[{index}]")
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            raise InputError(f"{field}: a lone surrogate U+{ord(value[err.start]):04X} at character {err.start} "
                             "(an escape such as \\ud800 that is not a character)", file=where) from None
        if len(value) > MAX_VALUE_CHARS:
            raise InputError(f"{field}: {len(value)} characters, over the limit of {MAX_VALUE_CHARS}", file=where)


def _check_every_article_described(corpus_dir: Path, metas: list[ArticleMeta], display: str) -> None:
    described = {(corpus_dir / m.file).resolve() for m in metas}
    articles_dir = corpus_dir / ARTICLES_DIR
    if not articles_dir.is_dir():
        return
    for candidate in sorted(articles_dir.glob(f"*{ARTICLE_SUFFIX}")):
        if candidate.resolve() not in described:
            raise InputError(
                f"article {candidate.relative_to(corpus_dir)} has no entry in sources.yaml; "
                "add one (id, file, publisher, date_published) or remove the file",
                file=display,
            )


def _parse_entry(entry: Any, where: str) -> ArticleMeta:
    if not isinstance(entry, dict):
        raise InputError("each articles entry must be a mapping", file=where)
    article_id = entry.get("id")
    if not isinstance(article_id, str) or not ID_PATTERN.match(article_id):
        raise InputError(
            f"id must be lower-case letters, digits and hyphens (got {article_id!r})", file=where
        )
    file = entry.get("file")
    if not isinstance(file, str) or not file or Path(file).is_absolute() or ".." in Path(file).parts:
        raise InputError(f"file must be a path inside the corpus folder (got {file!r})", file=where)
    for required in ("publisher", "date_published"):
        if required not in entry:
            raise InputError(f"missing required field {required!r}", file=where)
    authors = entry.get("authors") or []
    if not isinstance(authors, list):
        raise InputError("authors must be a list", file=where)
    headline = entry.get("headline")
    url, retrieved = _url_and_retrieved(entry, where)
    export = entry.get("export", True)
    if not isinstance(export, bool):
        raise InputError(f"export must be true or false (got {export!r})", file=where)
    return ArticleMeta(
        id=article_id,
        file=file,
        seed=entry.get("seed"),
        publisher=_meta_value(entry["publisher"], f"{where} publisher"),
        date_published=_meta_value(entry["date_published"], f"{where} date_published", want_date=True),
        headline=_meta_value(headline, f"{where} headline") if headline is not None else None,
        authors=tuple(_meta_value(a, f"{where} author") for a in authors),
        url=url,
        retrieved=retrieved,
        export=export,
    )


# A URL a QuickStatements batch and an IRI can both carry: http(s), a host, no space, quote, `|` or `<>`.
URL_PATTERN = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s\"|<>{}\\^`]*)?")


def _url_and_retrieved(entry: dict, where: str) -> tuple[str | None, date | None]:
    """`url:` (where the article was read; only one really seen) and `retrieved:` (the day it was read
    there, required with a URL): a Wikidata reference cites the URL with its date retrieved."""
    url, retrieved = entry.get("url"), entry.get("retrieved")
    if url is None:
        if retrieved is not None:
            raise InputError("retrieved is the day the article was read at its url: give the url too", file=where)
        return None, None
    if not isinstance(url, str) or not URL_PATTERN.fullmatch(url) or len(url) > 400:
        raise InputError(f"url must be an http(s) URL without spaces, quotes or `|` (got {url!r})", file=where)
    if retrieved is None:
        raise InputError("a url needs `retrieved:`, the ISO date it was read there", file=where)
    day = _as_date(retrieved, f"{where} retrieved")
    published = entry["date_published"].get("value") if isinstance(entry["date_published"], dict) else None
    published = _as_date(published, f"{where} date_published")
    if day < published:
        raise InputError(f"retrieved {day} is before the publication date {published}", file=where)
    return url, day


def _meta_value(raw: Any, where: str, want_date: bool = False) -> MetaValue:
    if not isinstance(raw, dict):
        raise InputError("expected a mapping with value, how and evidence", file=where)
    how = raw.get("how")
    if how not in MODES:
        raise InputError(f"how must be one of {MODES} (got {how!r})", file=where)
    evidence = raw.get("evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        raise InputError("evidence must quote the article text the value rests on", file=where)
    reasoning = raw.get("reasoning")
    if how == "inferred" and not (isinstance(reasoning, str) and reasoning.strip()):
        raise InputError("an inferred value needs its reasoning", file=where)
    value = raw.get("value")
    if want_date:
        value = _as_date(value, where)
    elif not isinstance(value, str) or not value.strip():
        raise InputError(f"value must be non-empty text (got {value!r})", file=where)
    return MetaValue(value=value, how=how, evidence=evidence, reasoning=reasoning)


def _as_date(value: Any, where: str) -> date:
    """A real calendar date, YYYY-MM-DD, between EARLIEST_DATE and LATEST_DATE (quoted or not in the YAML)."""
    where_field = where.rsplit(" ", 1)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError as err:
            raise InputError(f"{where_field[-1]}: {value!r} is not a calendar date ({err})",
                             file=where_field[0]) from None
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise InputError(f"{where_field[-1]}: {value!r} is outside {EARLIEST_DATE.year}–{LATEST_DATE.year}",
                             file=where_field[0])
        return day
    raise InputError(f"{where_field[-1]}: date must be an ISO date YYYY-MM-DD (got {value!r})", file=where_field[0])
