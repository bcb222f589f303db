"""A small SVG writer for the build's pictures: text stays text, output is byte-deterministic.

matplotlib cost about 1 s of the five-article build (import and layout) for two simple pictures; these
are written directly instead. Whatever characters a label holds, the file stays well-formed XML: text and
attribute values are escaped, and characters XML 1.0 cannot carry or that have no glyph (control
characters, unpaired surrogates, U+FFFE/U+FFFF) are dropped. Coordinates are rounded to 0.1 px, so the
same input gives the same bytes on every machine.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["Svg", "clean", "text_width"]

FONT = "DejaVu Sans, Verdana, sans-serif"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(value: str, limit: int | None = None) -> str:
    """Text for a picture: one line, without characters that XML cannot hold or that draw nothing (control
    and format characters), cut to `limit` characters with an ellipsis."""
    value = " ".join(_NOT_XML.sub("", value).split())
    value = "".join(c for c in value if unicodedata.category(c) not in ("Cc", "Cs", "Co", "Cn") or c == " ")
    if limit is not None and len(value) > limit:
        value = value[:limit - 1].rstrip() + "…"
    return value


def _escape(value: str) -> str:
    return clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(value: str, size: float) -> float:
    """An estimate of the drawn width (average advance of DejaVu Sans: 0.6 em; wide characters 1 em)."""
    return size * sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in value)


class Svg:
    """Elements appended in drawing order; `bytes()` gives the document."""

    def __init__(self, width: float, height: float, title: str):
        self.width, self.height = width, height
        self._parts: list[str] = [f"<title>{_escape(title)}</title>",
                                  f'<rect width="{_num(width)}" height="{_num(height)}" fill="white"/>']

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = "#9aa9b8", width: float = 1) -> None:
        self._parts.append(f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
                           f'stroke="{stroke}" stroke-width="{_num(width)}"/>')

    def circle(self, x: float, y: float, r: float, fill: str, stroke: str | None = None, width: float = 1.5) -> None:
        outline = f' stroke="{stroke}" stroke-width="{_num(width)}"' if stroke else ""
        self._parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{fill}"{outline}/>')

    def rect(self, x: float, y: float, width: float, height: float, fill: str, rx: float = 0) -> None:
        self._parts.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}" '
                           f'rx="{_num(rx)}" fill="{fill}"/>')

    def text(self, x: float, y: float, value: str, size: float = 11, anchor: str = "start", fill: str = "#222222",
             weight: str = "normal") -> None:
        self._parts.append(f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" text-anchor="{anchor}" '
                           f'dominant-baseline="middle" fill="{fill}"'
                           + (f' font-weight="{weight}"' if weight != "normal" else "")
                           + f">{_escape(value)}</text>")

    def bytes(self) -> bytes:
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(self.width)}" height="{_num(self.height)}" '
                f'viewBox="0 0 {_num(self.width)} {_num(self.height)}" font-family="{FONT}">')
        return ("\n".join(['<?xml version="1.0" encoding="UTF-8"?>', head, *self._parts, "</svg>"]) + "\n").encode()
