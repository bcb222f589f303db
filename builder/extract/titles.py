"""Job titles as news copy writes them, and the cps: role each names.

A title is a head noun ("president", "chair", "organiser", "nurse", "spokeswoman") with the modifiers news
style puts before it ("vice", "regional", "chief people", "staff") and a complement after it ("of
operations", "for finance", "in sociology"): "vice president of operations", "chief people officer",
"pro-vice-chancellor for education", "line cook". `title_ending_at` reads one backwards from the name it
precedes ("union president X"), `title_starting_at` forwards from an apposition ("X, the union's vice
president"). Both are bounded to a few words, so reading a paragraph stays linear in its length.

The role is the cps: individual the head noun names (a vice president is a cps:VicePresidentRole, a chair
or executive director a cps:HeadRole, a nurse or a cook a plain cps:MemberRole of the organisation that
employs them); the title as written is kept, since the role individual is coarser than the words.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

# head noun → cps: role local name; a head written with "vice"/"vice-" before it is the vice role
HEADS: dict[str, str] = {
    "president": "PresidentRole", "vice-president": "VicePresidentRole",
    "chair": "HeadRole", "chairman": "HeadRole", "chairwoman": "HeadRole", "chairperson": "HeadRole",
    "head": "HeadRole", "director": "HeadRole", "superintendent": "HeadRole", "commissioner": "HeadRole",
    "chancellor": "HeadRole", "vice-chancellor": "HeadRole", "pro-vice-chancellor": "HeadRole",
    "provost": "HeadRole", "dean": "HeadRole", "principal": "HeadRole", "minister": "HeadRole",
    "manager": "HeadRole", "mayor": "MayorRole",
    "ceo": "ChiefExecutiveOfficerRole", "executive": "ChiefExecutiveOfficerRole",
    "counsel": "GeneralCounselRole",
    "professor": "ProfessorRole", "lecturer": "ProfessorRole",
    "teacher": "TeacherRole",
    "reporter": "ReporterRole", "correspondent": "ReporterRole", "editor": "ReporterRole",
    "spokesperson": "SpokespersonRole", "spokeswoman": "SpokespersonRole", "spokesman": "SpokespersonRole",
    "attorney": "AttorneyRole", "lawyer": "AttorneyRole",
    "organizer": "OfficialRole", "organiser": "OfficialRole", "secretary": "OfficialRole",
    "treasurer": "OfficialRole", "secretary-treasurer": "OfficialRole", "officer": "OfficialRole",
    "official": "OfficialRole", "representative": "OfficialRole", "steward": "OfficialRole",
    "negotiator": "OfficialRole", "coordinator": "OfficialRole", "administrator": "OfficialRole",
    "trustee": "OfficialRole", "governor": "OfficialRole",
    "member": "MemberRole", "nurse": "MemberRole", "cook": "MemberRole", "housekeeper": "MemberRole",
    "cleaner": "MemberRole", "assistant": "MemberRole", "driver": "MemberRole", "librarian": "MemberRole",
    "custodian": "MemberRole", "operator": "MemberRole", "mechanic": "MemberRole", "paramedic": "MemberRole",
    "technician": "MemberRole", "porter": "MemberRole", "caretaker": "MemberRole", "worker": "MemberRole",
}
# roles whose holder the organisation employs (cps:employer), the others being officers or members
EMPLOYED_HEADS = {"nurse", "cook", "housekeeper", "cleaner", "assistant", "driver", "librarian", "custodian",
                  "operator", "mechanic", "paramedic", "technician", "porter", "caretaker", "worker"}
# words that may stand before a head inside a title
MODIFIERS = frozenset("""vice deputy assistant associate interim acting executive senior chief general regional
national branch staff line care head lead managing principal people operating financial education academic
communications press public media labor labour human resources union parent shop field political
information technology legal clinical medical registered charge cardiac science research policy
program programme community health safety organizing organising external internal co""".split())
# "former"/"then-" before a title: the post is not held at publication
FORMER = re.compile(r"\b(?:former|then-)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MAX_MODIFIERS = 3
_LINKS = frozenset({"at", "of", "for", "with", "and", "the", "a", "an", "in", "on", "who", "whose", "which"})


@dataclass(frozen=True)
class Title:
    begin: int  # the title words in the text
    end: int
    words: str  # as written, lower-case, one space apart ("vice president of operations")
    head: str  # the head noun ("president")
    role: str  # cps: role local name

    @property
    def employed(self) -> bool:
        return self.head in EMPLOYED_HEADS or self.role not in ("PresidentRole", "VicePresidentRole",
                                                                "MemberRole", "OfficialRole")


def _head_role(words: list[str], head_at: int) -> str | None:
    head = words[head_at]
    role = HEADS.get(head)
    if role is None:
        return None
    before = words[head_at - 1] if head_at else ""
    if head == "president" and before in ("vice", "vice-"):
        return "VicePresidentRole"
    if head == "officer" and words[max(0, head_at - 2):head_at] == ["chief", "executive"]:
        return "ChiefExecutiveOfficerRole"
    if head == "officer" and words[max(0, head_at - 2):head_at] == ["chief", "education"]:
        return "ChiefEducationOfficerRole"
    if head == "executive" and before != "chief":
        return None  # "executive" alone is no title ("executive board")
    if head == "counsel" and before != "general":
        return None
    if head in ("organizer", "organiser") and before == "parent":
        return "ParentOrganizerRole"
    return role


def _tokens(text: str, begin: int, end: int) -> list[tuple[int, int, str]]:
    return [(begin + m.start(), begin + m.end(), m.group().lower().replace("’", "'"))
            for m in _WORD.finditer(text[begin:end])]


def title_ending_at(text: str, at: int, floor: int, set_off: bool = False) -> Title | None:
    """The title written directly before position `at` (the start of a name): "union president ",
    "Meridian vice president of human resources ", "pro-vice-chancellor for education Dr "; with
    `set_off`, `at` is the comma that sets the title off from the name ("The union's president, X")."""
    window_begin = max(floor, at - 90)
    before = text[window_begin:at]
    honorific = None if set_off else re.search(r"(?:\b(?:Dr|Prof|Professor|Doctor)\.?\s+)$", before)
    end_at = window_begin + (honorific.start() if honorific else len(before))
    stretch = text[window_begin:end_at]
    if not set_off and (not re.search(r"\s$", stretch) or re.search(r"[,;:.!?“”\"‘(]\s*$", stretch)):
        return None
    tokens = _tokens(text, window_begin, end_at)
    # only the words after the last punctuation belong to the phrase before the name
    cut = max(stretch.rfind(c) for c in ",;:.!?“”\"‘()—–")
    tokens = [t for t in tokens if t[0] >= window_begin + cut + 1]
    if not tokens:
        return None
    words = [t[2] for t in tokens]
    # the head is the last word, or is followed by a complement "of/for/in w (w)"
    for head_at in range(len(words) - 1, max(-1, len(words) - 5), -1):
        tail = words[head_at + 1:]
        if tail and not (tail[0] in ("of", "for", "in") and 2 <= len(tail) <= 3
                         and all(w not in ("the", "a", "an") for w in tail)):
            continue
        if tail and not all(text[t[0]].islower() for t in tokens[head_at + 1:]):
            continue
        role = _head_role(words, head_at)
        if role is None:
            continue
        start = head_at
        while start > 0 and head_at - start < _MAX_MODIFIERS and words[start - 1] in MODIFIERS \
                and words[start - 1] not in ("union", "branch"):
            start -= 1
        return Title(tokens[start][0], tokens[-1][1], " ".join(words[start:]), words[head_at], role)
    return None


_APPOSITION_TITLE = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*){0,6}")


def title_starting_at(text: str, at: int, ceiling: int) -> Title | None:
    """The title an apposition starts with at `at`: "president of …", "vice president of operations",
    "a seventh-grade science teacher", "chief executive of …" — read up to the head and its complement
    (the organisation after "of/at/with" is not part of the title)."""
    run = _APPOSITION_TITLE.match(text, at, min(ceiling, at + 80))
    if run is None:
        return None
    tokens = _tokens(text, at, run.end())
    words = [t[2] for t in tokens]
    for head_at, word in enumerate(words[:_MAX_MODIFIERS + 1]):
        if word not in HEADS:
            if word in MODIFIERS or re.fullmatch(r"[a-z]+-[a-z]+", word) or (head_at == 0 and word in (
                    "science", "sociology", "math", "english", "history", "art", "music")):
                continue
            if head_at + 1 < len(words) and words[head_at + 1] in HEADS:
                continue  # one free modifier before the head ("cardiac nurse", "line cook")
            return None
        role = _head_role(words, head_at)
        if role is None:
            continue
        end = tokens[head_at][1]
        # a complement of lower-case words that is not an organisation: "of operations", "for finance",
        # "in sociology", "of human resources", "of labor employment relations" (then "at the …")
        length = 0
        if head_at + 2 < len(words) and words[head_at + 1] in ("of", "for", "in") and \
                text[tokens[head_at + 1][0]].islower():
            for index in range(head_at + 2, min(len(words), head_at + 6)):
                if words[index] in _LINKS or not text[tokens[index][0]].islower() or \
                        not re.fullmatch(r"\s+", text[tokens[index - 1][1]:tokens[index][0]]):
                    break
                length = index - head_at
        if not length and head_at + 2 < len(words) and words[head_at + 1] not in _LINKS and \
                text[tokens[head_at + 1][0]].islower() and words[head_at + 2] in ("of", "at", "for", "with"):
            length = 1  # a word that qualifies the head before its organisation: "vice-president external of"
        end = tokens[head_at + length][1]
        head_words = words[:head_at + 1 + length]
        return Title(tokens[0][0], end, " ".join(head_words), word, role)
    return None


# common nouns that stand for a kind of organisation rather than a word of its name
_NOUN_CLASSES = {"union": ("LabourUnion",), "local": ("UnionLocal", "LabourUnion"),
                 "district": ("SchoolDistrict",), "university": ("University",), "college": ("University",)}
# common nouns for organisations, capitalised only at the start of a sentence ("Branch president X")
_COMMON_ORG_NOUNS = frozenset("""branch board local union district trust council committee university college
school hospital authority department ministry company""".split())
_EMPLOYER_NOUNS = frozenset({"company", "employer", "firm", "operator", "contractor"})
_NOT_EMPLOYERS = ("LabourUnion", "NewsOutlet", "GovernmentOrganization")
# a name that says it is a company ("Clearview Facilities Services Ltd", "Meridian Hospitality Group")
_COMPANY_NAME = re.compile(r"\b(?:Company|Co\.|Inc\.?|Ltd\.?|LLC|Corp\.?|Corporation|Group|Services|Holdings|PLC|plc)$")


@functools.lru_cache(maxsize=4096)
def _name_words(label: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"[\w-]+", label))


def organization_for_noun(mentions, noun: str):
    """The organisation a common noun stands for in an article ("the trust", "the local's", "Transit
    spokeswoman", "the company's"): the most mentioned organisation with that word in its name; failing
    that, for a kind noun ("union", "district", "university"), the most mentioned one of that kind, and
    for "company"/"employer" the most mentioned organisation that is no union, outlet or government. None
    when the article names no such organisation: nothing is guessed."""
    from builder.vocab import CPS  # late: keeps this module free of the vocabulary for its grammar

    word = noun.lower().replace("’", "'").removesuffix("'s").removesuffix("'")
    singular = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    named: dict = {}
    kinds: dict = {}
    employers: dict = {}
    # each organisation once, with its number of mentions (in first-mention order, which breaks ties): the
    # questions below per mention made the function cost calls x mentions, quadratic in a long article
    mentioned = Counter(m.entity for m in mentions if m.entity.kind == "organization")
    for entity, times in mentioned.items():
        name_words = _name_words(entity.label)
        if noun[:1].isupper() and singular not in _COMMON_ORG_NOUNS:
            # a capitalised word stands for a name it begins or ends ("Meridian", "Polytechnic"), not one
            # it is inside of ("Transit" is not the "Amalgamated Transit Union")
            name_words = (name_words[0], name_words[-1]) if name_words else ()
        if word in name_words or singular in name_words:
            named[entity] = times
        if any(entity.is_a(getattr(CPS, cls)) for cls in _NOUN_CLASSES.get(singular, ())):
            kinds[entity] = times
        if singular in _EMPLOYER_NOUNS and _COMPANY_NAME.search(entity.label) and \
                not any(entity.is_a(getattr(CPS, c)) for c in _NOT_EMPLOYERS):
            employers[entity] = times
    # a kind noun names an organisation of that kind first: "the university" is the University of X,
    # not the University and College Union
    both = {e: n for e, n in named.items() if e in kinds}
    for counts in (both, kinds, named, employers) if kinds else (named, employers):
        if counts:
            return max(counts, key=lambda e: counts[e])
    return None
