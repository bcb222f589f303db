"""Turn an article file's bytes into the text every offset refers to.

Strict UTF-8 only: a file in another encoding (cp1252 curly quotes, say) stops the build with the byte
offset of the first bad byte, rather than letting U+FFFD into a literal. The BOM is removed and CRLF and
lone CR become LF, so the same article saved by any editor yields the same text and the same offsets.
"""

from __future__ import annotations

from pathlib import Path

from builder.errors import InputError

# Articles are news reports; anything larger is almost certainly not one (a dump, a binary). Refusing it
# before reading keeps memory bounded. Documented in the README.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024


def read_article_bytes(path: Path, display: str, root: Path | None = None) -> bytes:
    """The article's bytes: a regular file inside `root` (the corpus folder) after resolving links, at most
    MAX_ARTICLE_BYTES of them, counted as read (builder/confine.py)."""
    from builder.ingest.confine import read_confined

    return read_confined(root if root is not None else path.parent, path, display, MAX_ARTICLE_BYTES, "article")


def decode_article(data: bytes, display: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(
            f"invalid UTF-8 at byte offset {err.start} (byte 0x{data[err.start]:02x}, line {line}); "
            "re-save the article as UTF-8",
            file=display,
            position=f"byte {err.start}",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"NUL character at code point {nul}: not a text article", file=display)
    if not text.strip():
        raise InputError("article is empty or contains only white space", file=display)
    return text
