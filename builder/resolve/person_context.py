"""The context news writing gives a person's name beyond the name itself, for the person grammar of
`builder.resolve.mentions`:

* rank and courtesy titles written before a name ("Capt.", "Sgt.", "Det.", "Cllr", "Rev."): they anchor a
  person as an honorific does and are no part of the name;
* occupations in the plural before a list of names ("Aldermen X and Y", "the co-chairs, X and Y");
* the speaker labels of a broadcast transcript, in capitals before a colon ("SALLY MCGRATH-OYELEYE: …");
* the type cues that show a capitalised name to be a company or a place, read over every place the article
  writes that name: the name of a city or a port ("the City of X"), an organisation's name it begins ("X
  Port Ltd", "X & Driveline"), a thing referred to by "which" ("X, which"), a name used as a modifier of a
  common noun ("a X home", "the X plant"), after an article or a number, or after a locative ("outside X").
  ("X said it …" is no cue: the "it" is as often the subject of what a person said.)

Nothing here knows a particular name: every cue is English news grammar.
"""

from __future__ import annotations

import functools
import re

# Rank, service and courtesy titles, abbreviated (with or without a full stop, as British style writes
# "Cllr") or in full; news style writes them before a name and never as part of it. Words that are also
# ordinary capitalised words ("General", "Major", "Father") are left out: "General Motors" names no one.
RANKS = frozenset("""Capt Sgt Lt Det Cllr Insp Supt Const Cpl Pte Col Maj Gen Adm Cmdr Cdr Rev Fr Hon Rep Sen Gov
    Atty Ald Coun Captain Sergeant Lieutenant Detective Inspector Superintendent Constable Corporal Colonel
    Commander Reverend Rabbi Imam Firefighter Paramedic Deputy Chief""".split())
_RANK = "|".join(sorted(RANKS, key=len, reverse=True))
RANK_BEFORE = re.compile(rf"\b(?:{_RANK})\.?\s+$")


def is_rank(token: str) -> bool:
    """A rank or courtesy title as written before a name: "Capt.", "Cllr", "Detective"."""
    return token.rstrip(".") in RANKS


def plural_forms(nouns: tuple[str, ...]) -> tuple[str, ...]:
    """The plurals of occupation nouns ("aldermen", "co-chairs", "stewards"), for lists of names."""
    return tuple(n[:-3] + "men" if n.endswith("man") else n + ("es" if n.endswith(("s", "sh", "ch")) else "s")
                 for n in nouns)


# A transcript's speaker label: a paragraph that opens with a name in capitals and a colon. Two to four
# words, each a capitalised name word once recased ("SALLY MCGRATH-OYELEYE", "KIERAN O'BRIEN").
TRANSCRIPT_LABEL = re.compile(r"([A-ZÀ-ÖØ-Þ\u0100-\u024f][A-ZÀ-ÖØ-Þ\u0100-\u024f'’-]+"
                              r"(?:[ \t]+[A-ZÀ-ÖØ-Þ\u0100-\u024f][A-ZÀ-ÖØ-Þ\u0100-\u024f'’.-]*){1,3}):[ \t]")
# Labels of live pages and broadcasts that are not speakers ("BREAKING NEWS:", "LIVE UPDATES:").
_NOT_SPEAKER_WORDS = frozenset("""BREAKING NEWS LIVE UPDATE UPDATES WATCH LISTEN READ MORE EDITOR EDITORS NOTE
    CORRECTION CLARIFICATION RELATED ALSO SEE PHOTO VIDEO AUDIO SOURCE SOURCES KEY POINTS THE A AN OF AND IN
    ON AT TO FOR BY WITH FROM""".split())


def recase(word: str) -> str:
    """A name word printed in capitals, written as a name: "MCGRATH-OYELEYE" → "McGrath-Oyeleye"."""
    def part(piece: str) -> str:
        piece = piece.capitalize()
        if re.match(r"Mc\w", piece):
            piece = "Mc" + piece[2:].capitalize()
        if re.match(r"\w['’]\w", piece):
            piece = piece[:2] + piece[2:].capitalize()
        return piece
    return "-".join(part(p) for p in word.split("-"))


def transcript_speaker(text: str, begin: int, end: int) -> tuple[int, int, str] | None:
    """The span and recased name of a transcript speaker label opening the paragraph [begin, end), when the
    article labels that speaker in at least two turns or names them in ordinary case too (a one-off label
    in capitals is a live page's heading)."""
    match = TRANSCRIPT_LABEL.match(text, begin, end)
    if match is None:
        return None
    words = match.group(1).split()
    if any(w.strip(".") in _NOT_SPEAKER_WORDS or len(w.strip(".")) < 2 and not w.endswith(".") for w in words):
        return None
    name = " ".join(recase(w) for w in words)
    turns = len(re.findall(rf"(?m)^[ \t]*{re.escape(match.group(1))}:", text))
    if turns < 2 and re.search(rf"(?i)\b{re.escape(name)}\b(?<!{re.escape(match.group(1))})", text) is None:
        return None
    return match.start(1), match.end(1), name


# --- a name the article shows to be a company or a place ---------------------------------------------------
# Nouns of business premises and of a company's people, written after a company's name used as a modifier
# ("the X plant", "14 X homes", "X workers"); a person's name never modifies them.
_THING_NOUNS = ("plant|plants|factory|factories|mill|mine|warehouse|depot|terminal|yard|store|stores|shop|"
                "shops|site|sites|facility|facilities|home|homes|hospital|campus|headquarters|offices|brand|"
                "shares|stock|workers|employees|staff|management|executives|bosses|contract|deal|"
                "spokesperson|spokeswoman|spokesman")
_ORG_WORDS = ("Port|Ltd|Limited|Inc|LLC|Corp|Corporation|Co|Company|Group|Holdings|plc|PLC|Partners|Industries|"
              "Council|City|Board|Authority|Trust|Union|Association|Services|Systems|Health|Hospital|Airport")
_THING_AFTER = re.compile(rf"(?:['’]s)?[ \t]*(?:&|\+)|[ \t]+(?:{_ORG_WORDS})\b|[ \t]+(?:{_THING_NOUNS})\b"
                          r"|,[ \t]+which\b")
# "the City of X", "Port of X", "University of X": a name after a capitalised word and "of" completes that
# name; a bare article, a number or a locative before a name makes it a thing or a place.
_THING_BEFORE = re.compile(r"(?:\b[A-Z][\w'’-]*[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
                           r"|(?<![\w'’])(?:the|a|an|[Tt]he|An?|\d[\d,]*)[ \t]+"
                           r"|\b(?:in|outside|inside|near|across|throughout)[ \t]+)$")


def named_as_thing(text: str, name: str) -> bool:
    """Whether the article, anywhere it writes `name` as written, shows it to be a company or a place."""
    for start in _occurrences(text, name):
        end = start + len(name)
        if _THING_AFTER.match(text, end) or _THING_BEFORE.search(text, max(0, start - 40), start):
            return True
    return False


def _occurrences(text: str, name: str) -> list[int]:
    """Where `name` stands as a whole name (no word character or hyphen touching it), found through an
    index of the article's words: a scan of the whole text per candidate name made person recognition
    quadratic in the article's length (a 600 KB article: 7 s in this function alone)."""
    first = _WORD.match(name)
    if first is None:  # a name that does not open with a word character: scan, it is rare
        return [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    found = []
    for start in _word_starts(text).get(first.group(0), ()):
        end = start + len(name)
        if text.startswith(name, start) and not (start and (text[start - 1].isalnum() or text[start - 1] in "_-")) \
                and not (end < len(text) and (text[end].isalnum() or text[end] in "_-")):
            found.append(start)
    return found


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=4)  # asked once per candidate name over the same article text
def _word_starts(text: str) -> dict[str, list[int]]:
    starts: dict[str, list[int]] = {}
    for match in _WORD.finditer(text):
        starts.setdefault(match.group(0), []).append(match.start())
    return starts
