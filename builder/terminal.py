"""Text from articles and remote servers made safe to print, and to write into XML.

Article text and endpoint answers may hold control characters: ESC starts a terminal escape sequence (an
answer could retitle the window, move the cursor or hide lines), a newline would split a one-line error,
and XML 1.0 (SVG) allows no C0 control but TAB, LF and CR. `escape_controls` writes each one visibly as
`\\xNN` (`\\uNNNN` for the line and paragraph separators); `xml_safe` maps them to the Control Pictures
block (U+2400…), which every font shows as a small symbol, so a picture stays valid and readable.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators (terminals break lines there)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def escape_controls(text: str, keep: str = "") -> str:
    """Every control character not in `keep` written as an escape: `\\x1b`, `\\n`, `\\u2028`."""

    def escape(match: re.Match) -> str:
        char = match.group(0)
        if char in keep:
            return char
        if char in "\n\t\r":
            return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}[char]
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _CONTROLS.sub(escape, text)


def xml_safe(text: str) -> str:
    """Text that XML 1.0 accepts: C0 controls as their Control Pictures (ESC → ␛, DEL → ␡), non-characters
    and lone surrogates as U+FFFD."""

    def picture(match: re.Match) -> str:
        code = ord(match.group(0))
        if code < 0x20:
            return chr(0x2400 + code)
        return "\u2421" if code == 0x7F else "\ufffd"

    return _XML_FORBIDDEN.sub(picture, text)


_JSON_UNESCAPED_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def for_terminal(text: str, output_format: str) -> str:
    """Query output about to be shown on a terminal: no control character reaches it raw. JSON stays
    valid JSON (C0 controls are escaped by json.dumps already; DEL, C1 and the separators as \\uNNNN);
    CSV and tables keep their line ends and TABs and escape the rest."""
    if output_format == "json":
        return _JSON_UNESCAPED_CONTROLS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    return escape_controls(text, keep="\n\r\t")
