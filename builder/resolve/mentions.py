"""Recognition: find the spans of article content that name people, organisations and places.

Three sources, applied in this order to each content paragraph so that a longer, better-founded reading
claims its span first:

1. the curated registry (canonical names, aliases, abbreviations; an all-capitals rendering of a name is
   accepted too, because datelines print "CHICAGO —");
2. organisation names by their head noun ("... Teachers Union", "... Department of Public Health",
   "... Local 73"), typed by that noun;
3. person names: runs of capitalised words (with initials and honorifics) that news style anchors as a
   person — a title before ("CTU President Jesse Sharkey", "parent organizer Joseph Williams"), an
   honorific ("Dr.", "Doctor"), a speech verb on either side ("said Daniel Suhr", "Bloch said"), an
   apposition after ("Dan Montgomery, president of ...", "Daniel Suhr, with the ..."), a byline ("By ..."),
   an outlet's possessive ("CBS 2's Chris Tye"), or a post signature ("— Dana Kozlov (@handle)").

Nothing here knows a particular person: a name the registry has never seen is found by its context. The
titles are English news vocabulary (the role each names is a cps: role individual).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.extract.rules import register
from builder.resolve.person_context import RANK_BEFORE, is_rank, named_as_thing, plural_forms, transcript_speaker
from builder.resolve.registry import Registry, RegistryEntry

# Latin Extended-A and -B (U+0100–U+024F: "Ł", "ń", "ś", "ř") alternate capitals and small letters; both
# sets take the whole block, since a name word is told by its first letter being a capital of UP.
UP = "A-ZÀ-ÖØ-Þ\u0100-\u024f"
# Lower-case letters, and the combining accents of text saved decomposed (NFD: "Jose\u0301").
# The okina and the modifier apostrophe (U+02BB, U+02BC) are letters of Hawaiian, Tongan and Māori names
# ("Tuʻipulotu").
LO = "a-zß-öø-ÿ\u0100-\u024f\u0300-\u036f\u02bb\u02bc"
# A name word: "Jackson", "McDade", "LaTanya", "O'Brien", "Davis-Gates", "José", "Dell'Acqua" (a glued
# "LoriLightfoot" also matches; the resolver splits it only when both halves are known name parts).
NAME_WORD = re.compile(rf"(?:[{UP}]['’])?[{UP}][{LO}]+(?:[-'’]?[{UP}][{LO}]+)*")
INITIAL = re.compile(rf"[{UP}]\.")
# British style writes the honorifics without a full stop ("Dr Anjali Raghunathan").
HONORIFICS = ("Dr.", "Doctor", "Mr.", "Mrs.", "Ms.", "Prof.", "Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "Sir", "Dame")
_HONORIFIC_BEFORE = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?|\bDoctor|\bSir|\bDame)\s+$")
# Lower-case particles of family names ("Priscilla van der Berg", "Luis de la Cruz").
PARTICLES = frozenset("van von der den de del della di da das dos du la le bin binti ibn al el ter ten".split())
# Nouns of occupations and offices that news style writes before or beside a name ("staff nurse X",
# "Board chair X", "X, regional organiser for Y"): they anchor a person but, unlike TITLES, imply no role.
PERSON_CUES = tuple("""secretary chair chairwoman chairman chairperson chancellor vice-chancellor provost dean
    minister premier governor senator councillor councilor councilmember alderman alderperson trustee
    organiser organizer steward negotiator officer executive manager administrator coordinator leader
    treasurer nurse physician cook chef housekeeper driver operator mechanic custodian cleaner librarian
    worker employee student undergraduate sophomore freshman researcher lecturer economist analyst expert
    historian resident rider representative delegate instructor educator aide assistant paraprofessional
    counselor counsellor principal advocate activist founder owner consultant scholar fellow mediator
    conciliator arbitrator judge pastor spokesperson member parent porter cashier teacher""".split())
_CUE_PATTERN = "|".join(re.escape(c) for c in sorted(PERSON_CUES, key=len, reverse=True))
# The plurals stand before a list of names ("Aldermen X and Y", "the co-chairs, X and Y").
PERSON_CUES_PLURAL = frozenset(plural_forms(PERSON_CUES))
_CUES_PATTERN = "|".join(re.escape(c) for c in sorted({*PERSON_CUES, *PERSON_CUES_PLURAL}, key=len, reverse=True))
CUE_AT_END = re.compile(rf"(?i:\b(?:{_CUES_PATTERN}))\s+$")
# Words of organisation and place names: a capitalised run holding one names no person ("Boone Avenue",
# "Spokane Metro Transit said", "Northlake Health said").
NOT_PERSON_WORDS = frozenset("""Avenue Road Boulevard Street Valley Shores Sound Health Healthcare Transit Metro
    Hospital Hospitals Infirmary Medical County Schools School College University Academy Union Unions
    Association Federation Council Committee Commission Department Ministry Office Authority Agency Services
    Service Group Inc Ltd LLC Corp Company Trust Foundation Network News Times Herald Ledger Courier
    Chronicle Gazette Journal Tribune Radio Television System Systems Library Airport Station Hotel Partners
    Holdings Bank Board Government Province Parliament Assembly Senate Congress Center Centre Institute
    Minister Secretary Chair Councillor Senator Governor Premier Chancellor Trustee Commissioner Undergraduate
    Graduate Staff Branch Regional National Local""".split())
# Any run of words that begin with a capital (names, titles, acronyms, initials), one space apart.
CAPITAL_RUN = re.compile(rf"[{UP}][^\s,;:!?()“”\"]*(?:[ \t]+(?:(?:{'|'.join(sorted(PARTICLES))})[ \t]+)*"
                         rf"[{UP}][^\s,;:!?()“”\"]*)*")

# News titles and the cps: role each names, most specific first (matched case-insensitively).
TITLES: tuple[tuple[str, str], ...] = (
    ("chief executive officer", "ChiefExecutiveOfficerRole"),
    ("ceo", "ChiefExecutiveOfficerRole"),
    ("chief education officer", "ChiefEducationOfficerRole"),
    ("vice president", "VicePresidentRole"),
    ("vice-president", "VicePresidentRole"),
    ("president", "PresidentRole"),
    ("general counsel", "GeneralCounselRole"),
    ("mayor", "MayorRole"),
    ("professor", "ProfessorRole"),
    ("head", "HeadRole"),
    ("superintendent", "HeadRole"),
    ("director", "HeadRole"),
    ("commissioner", "HeadRole"),
    ("parent organizer", "ParentOrganizerRole"),
    ("parent organiser", "ParentOrganizerRole"),
    ("teacher", "TeacherRole"),
    ("reporter", "ReporterRole"),
    ("correspondent", "ReporterRole"),
    ("spokesperson", "SpokespersonRole"),
    ("spokeswoman", "SpokespersonRole"),
    ("spokesman", "SpokespersonRole"),
    ("attorney", "AttorneyRole"),
    ("lawyer", "AttorneyRole"),
    ("official", "OfficialRole"),
)
TITLE_PATTERN = "|".join(re.escape(t) for t, _ in TITLES).replace(r"\ ", r"\s+")
TITLE_AT_START = re.compile(rf"(?i:{TITLE_PATTERN})\b")
TITLE_AT_END = re.compile(rf"(?i:\b({TITLE_PATTERN}))\s*$")
TITLE_WORDS = frozenset(w for t, _ in TITLES for w in t.replace("-", " ").split()) | {"chief", "officer"}
SPEECH_VERBS = ("said", "says", "told", "added", "announced", "stated", "explained", "wrote", "tweeted",
                "argued", "insisted", "warned", "noted", "asked")
SPEECH_VERB = "|".join(SPEECH_VERBS)
# Capitalised words that start sentences or name days and months, never part of a person's name.
NOT_NAME_WORDS = frozenset(
    """The A An And But Or In On At By For From To Of With After Before During While When Where As If Then
    This That These Those There Here Sources Source Officials Parents Teachers Students Union Meanwhile
    However Also Both Some Another Until Since Among Now So Even Despite Around Starting Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
    October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Dr Doctor Mr Mrs Ms Prof Mx Sir
    Dame""".split()
)

# Organisation head nouns and the cps: class each implies when the registry does not type the name.
ORG_HEADS: tuple[tuple[str, str], ...] = (
    ("Union", "LabourUnion"), ("Federation", "LabourUnion"), ("Association", "LabourUnion"),
    ("Guild", "LabourUnion"), ("Brotherhood", "LabourUnion"),
    ("University", "University"), ("College", "University"),
    ("Public Schools", "SchoolDistrict"), ("School District", "SchoolDistrict"),
    ("Unified School District", "SchoolDistrict"), ("Board of Education", "SchoolDistrict"),
    ("Department of Public Health", "PublicHealthAgency"), ("Department of Health", "PublicHealthAgency"),
    ("Health Department", "PublicHealthAgency"),
    ("Department", "GovernmentOrganization"), ("Agency", "GovernmentOrganization"),
    ("Commission", "GovernmentOrganization"), ("Authority", "GovernmentOrganization"),
    ("Center", "Organization"), ("Centre", "Organization"), ("Institute", "Organization"),
    ("Foundation", "Organization"), ("Coalition", "Organization"), ("Alliance", "Organization"),
    ("Council", "Organization"), ("Committee", "Organization"), ("League", "Organization"),
    # Employers and public bodies of other sectors (health, transit, libraries, firms) and union names
    # that end in their members ("United Auto Workers", "... Municipal Employees", "... Workers United").
    ("Workers", "LabourUnion"), ("Employees", "LabourUnion"), ("Workers United", "LabourUnion"),
    ("Polytechnic", "University"), ("Academy", "School"), ("High School", "School"),
    ("Elementary School", "School"), ("Middle School", "School"), ("School of", "Organization"),
    ("School Board", "SchoolDistrict"), ("Board of Education", "SchoolDistrict"),
    ("Ministry", "GovernmentOrganization"), ("Bureau", "GovernmentOrganization"),
    ("Office for", "GovernmentOrganization"), ("Office of", "GovernmentOrganization"),
    ("Service", "Organization"), ("Services", "Organization"), ("Trust", "Organization"),
    ("Hospital", "Organization"), ("Hospitals", "Organization"), ("Infirmary", "Organization"),
    ("Medical Center", "Organization"), ("Health", "Organization"), ("Library", "Organization"),
    ("Library System", "Organization"),
    ("Transit", "Organization"), ("Public Works", "GovernmentOrganization"), ("Group", "Organization"),
    ("Ltd", "Organization"), ("Inc", "Organization"), ("LLC", "Organization"), ("Company", "Organization"),
    ("Corporation", "Organization"), ("Hotel", "Organization"), ("Scheme", "Organization"),
)
_HEAD = "|".join(re.escape(h) for h in sorted(dict(ORG_HEADS), key=len, reverse=True))
# A capitalised word of a name; a full stop only inside it ("U.S"), so "Thursday. The" is two sentences.
_CAP = rf"[{UP}][\w&'’-]*(?:\.[\w&'’-]+)*"
_TAIL_CAP = rf"(?!Local\b){_CAP}"
_HEAD_FIRST = "Ministry|Department|Office|Bureau|University|College|Board|School|Agency|Commission|Council"
ORG_NAME = re.compile(
    # "Local 1390 of the American Federation of ...": the local named before its union.
    rf"Local[ \t]+\d+[ \t]+of[ \t]+the[ \t]+{_CAP}(?:(?:,[ \t]+|[ \t]+(?:(?:of|for|and|&)[ \t]+(?:the[ \t]+)?)?)"
    rf"{_CAP})*[ \t]+(?:{_HEAD})\b"
    # A name that opens with its head: "Ministry of Labour", "University of Severnside", "Office for Students".
    rf"|(?:{_HEAD_FIRST})[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{_TAIL_CAP}(?:[ \t]+(?:and[ \t]+)?{_TAIL_CAP})*"
    rf"|{_CAP}(?:(?:,[ \t]+(?={_CAP}(?:,|[ \t]+and\b))|[ \t]+(?:(?:of|for|and|&)[ \t]+(?:the[ \t]+)?)?){_CAP})*"
    rf"[ \t]+(?:{_HEAD})\b"
    rf"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{_TAIL_CAP}(?:[ \t]+{_TAIL_CAP})*)?"
    # a local names its international after a hyphen before its number ("... Workers United-UAW Local 5120")
    rf"(?:(?:-[{UP}][\w&'’]*)?[ \t]+Local[ \t]+\d+)?"
    # A union local is named by its number even without a head noun ("Teamsters Local 320").
    rf"|{_CAP}(?:[ \t]+{_CAP})*?[ \t]+Local[ \t]+\d+\b"
)

# A dateline opens the first body paragraph: "PORTLAND, Ore. (KGW) —", "LOS ANGELES —".
DATELINE = re.compile(rf"([{UP}][{UP}.'-]+(?:[ ][{UP}][{UP}.'-]+)*)(?:,\s+[{UP}][{LO}]+\.?)?"
                      r"(?:\s+\([^)]*\))?\s*(?:—|–|--)")

RULE_REGISTRY = register("registry-name", "A name, alias or abbreviation listed in the curated entity "
                         "registry (curation/entities.yaml), matched on word boundaries, longest first.")
RULE_ORG_HEAD = register("organisation-head-noun", "A run of capitalised words ending in an organisation "
                         "head noun (Union, Federation, University, Department of Public Health, Local N …), "
                         "typed by that noun.")
RULE_DATELINE = register("place-dateline", "The city of a dateline, the capitalised place name that opens a "
                        "report ('PORTLAND, Ore. (KGW) —'), when the registry does not already name it.")
RULE_PERSON_TITLE = register("person-after-title", "A capitalised name directly after a title or "
                             "honorific (CEO, President, Mayor, parent organizer, Dr.) — 'CTU President X'.")
RULE_PERSON_SPEECH = register("person-speech-verb", "A capitalised name of two or more words next to a "
                              "speech verb: 'said X' or 'X said'.")
RULE_PERSON_APPOSITION = register("person-apposition", "A capitalised name followed by an apposition "
                                  "naming a title or affiliation: 'X, president of …', 'X, with the …'.")
RULE_PERSON_BYLINE = register("person-byline", "The name of a byline paragraph ('By X').")
RULE_PERSON_POSSESSIVE = register("person-outlet-possessive", "A name after an organisation's "
                                  "possessive, news style for its staff: \"CBS 2's X\".")
RULE_PERSON_SIGNATURE = register("person-post-signature", "The author of an embedded social-media post, "
                                 "signed '— X (@handle)'.")
RULE_PERSON_TRANSCRIPT = register("person-transcript-speaker", "A transcript's speaker label, a name in capitals "
                                  "opening a paragraph before a colon ('SALLY MCGRATH-OYELEYE: …'), when the "
                                  "speaker has two turns or is named in ordinary case too.")
RULE_PERSON_LIST = register("person-in-a-list", "A name joined by 'and' to a person the context anchors: "
                            "'Aldermen X and Y voted no', 'X and Y said in a joint statement'.")


@dataclass(frozen=True)
class Candidate:
    """A recognised span before resolution."""

    begin: int
    end: int
    kind: str  # person | organization | place
    name: str  # the name as written, honorifics removed
    rule: str
    confidence: float
    entry: RegistryEntry | None = None
    org_class: str | None = None  # cps: class local name of a pattern-found organisation


def _overlaps(begin: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(begin < t_end and t_begin < end for t_begin, t_end in taken)


def registry_candidates(text: str, begin: int, end: int, registry: Registry,
                        taken: list[tuple[int, int]]) -> list[Candidate]:
    pattern, entries = _registry_matcher(registry)
    found = []
    for match in pattern.finditer(text, begin, end):
        if _overlaps(match.start(), match.end(), taken):
            continue
        entry = entries[" ".join(match.group().split())]
        taken.append(match.span())
        found.append(Candidate(match.start(), match.end(), entry.entity.kind, match.group(), RULE_REGISTRY,
                               0.95, entry=entry))
    return found


_MATCHERS: dict[int, tuple[Registry, re.Pattern[str], dict[str, RegistryEntry]]] = {}


def _registry_matcher(registry: Registry) -> tuple[re.Pattern[str], dict[str, RegistryEntry]]:
    """One alternation of every surface form, longest first so the longest name wins at each position,
    compiled once per registry. A one-word name also matches in capitals (datelines print "CHICAGO")."""
    cached = _MATCHERS.get(id(registry))
    if cached is not None and cached[0] is registry:
        return cached[1], cached[2]
    entries: dict[str, RegistryEntry] = {}
    for form, entry in registry.surface_forms():
        for variant in ({form, form.upper()} if " " not in form and not form.isupper() else {form}):
            entries.setdefault(variant, entry)
    alternatives = sorted(entries, key=lambda form: (-len(form), form))
    body = "|".join(r"\s+".join(re.escape(word) for word in form.split(" ")) for form in alternatives)
    pattern = re.compile(rf"(?<![\w@#])(?:{body})(?![\w-])")
    _MATCHERS[id(registry)] = (registry, pattern, entries)
    return pattern, entries


def dateline_candidates(text: str, begin: int, end: int, taken: list[tuple[int, int]]) -> list[Candidate]:
    match = DATELINE.match(text, begin, end)
    if match is None or _overlaps(*match.span(1), taken):
        return []
    taken.append(match.span(1))
    name = " ".join(word.capitalize() for word in match.group(1).split())
    return [Candidate(match.start(1), match.end(1), "place", name, RULE_DATELINE, 0.85, org_class="City")]


def organisation_candidates(text: str, begin: int, end: int, registry: Registry,
                            taken: list[tuple[int, int]]) -> list[Candidate]:
    found = []
    for b, e in _org_pieces(text, begin, end):
        match = re.compile(r".+", re.S).match(text, b, e)
        assert match is not None
        # Leading sentence words and titles are not part of the name ("Meanwhile Boston Teachers Union").
        words = list(re.finditer(r"\S+", match.group()))
        while words and (words[0].group() in NOT_NAME_WORDS or words[0].group().lower() in TITLE_WORDS
                         or re.search(r"['’]s$", words[0].group())):
            words.pop(0)  # also a possessor before the name ("CUPE’s Ontario School Board Council of Unions")
        # "Members of X", "Negotiators for X": a group of people of the organisation, not its name.
        if len(words) > 2 and re.fullmatch(r"[A-Z][a-z]+s", words[0].group()) and words[1].group() in ("of", "for"):
            words = words[2:]
        # what is left of a group dropped above ("Teachers of the X District": "Teachers" is a sentence word)
        while words and words[0].group() in ("of", "for", "the", "and"):
            words.pop(0)
        # A law named after an organisation ("Trade Union Act 2016") is no organisation.
        if re.match(r"[ \t]+(?:Act|Bill|Law|Regulations|Order)\b", text[b + (words[-1].end() if words else 0):e + 12]):
            continue
        # A title after the name ends it ("... Federation of Educators President X" is not one name).
        for index, word in enumerate(words[1:], start=1):
            if word.group()[0].isupper() and TITLE_AT_START.match(match.group(), word.start()):
                words = words[:index]
                break
        while words and words[-1].group() in ("of", "for", "and", "&", "the"):
            words.pop()
        if len(words) < 2 or head_class(" ".join(w.group() for w in words)) is None:
            continue
        b = match.start() + words[0].start()
        e = match.start() + words[-1].end()
        if _overlaps(b, e, taken):
            continue
        name = text[b:e]
        entry = registry.lookup(name)
        taken.append((b, e))
        found.append(Candidate(b, e, "organization", name, RULE_REGISTRY if entry else RULE_ORG_HEAD,
                               0.95 if entry else 0.8, entry=entry, org_class=head_class(name)))
    return found


def _org_pieces(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """The spans of organisation-name matches, a match that joins two named organisations with "and"
    ("Spokane Metro Transit and Amalgamated Transit Union Local 1447") split in two; a name whose own words
    hold "and" ("University and College Union") stays whole, since its left part names nothing."""
    pieces = []
    for match in ORG_NAME.finditer(text, begin, end):
        b, e = match.span()
        for joint in re.finditer(r"[ \t]+(?:and|&)[ \t]+(?:the[ \t]+)?", match.group()):
            left, right = text[b:b + joint.start()], text[b + joint.end():e]
            # the left part is a name of its own: an organisation, a title, or an acronym ("the MNA and X Health")
            if ORG_NAME.fullmatch(right) and head_class(right) and len(right.split()) >= 2 and (
                    _ends_with_head(left) or re.search(rf"\b(?i:{TITLE_PATTERN})\b", left)
                    or re.fullmatch(r"(?:\S+\s+)*[A-Z]{2,8}", left)):
                if _ends_with_head(left):
                    pieces.append((b, b + joint.start()))
                b = b + joint.end()
                break
        pieces.append((b, e))
    return pieces


def _ends_with_head(name: str) -> bool:
    words = [w for w in name.split() if w not in NOT_NAME_WORDS]
    return len(words) >= 2 and bool(re.search(rf"\b(?:{_HEAD})$", name))


def head_class(name: str) -> str | None:
    """The class the organisation's head noun implies; a parents' group by its name's own words."""
    if re.search(r"\bLocal\s+\d+$", name):
        return "UnionLocal"
    # The head is the rightmost head noun ("University and College Union" is a union), the longest there.
    ends = {h: max((m.end() for m in re.finditer(rf"\b{re.escape(h)}\b", name)), default=-1) for h, _ in ORG_HEADS}
    heads = sorted((h for h, end in ends.items() if end >= 0), key=lambda h: (ends[h], len(h)), reverse=True)
    if not heads:
        return None
    if re.search(r"\bParents?\b", name):
        return "ParentGroup"  # a "Parent Union" or "Parents Coalition" is a group of parents, not a trade union
    return dict(ORG_HEADS)[heads[0]]


def person_candidates(text: str, begin: int, end: int, taken: list[tuple[int, int]],
                      byline: bool) -> list[Candidate]:
    found = []
    label = transcript_speaker(text, begin, end)
    if label is not None and not _overlaps(label[0], label[1], taken):
        taken.append(label[:2])
        found.append(Candidate(label[0], label[1], "person", label[2], RULE_PERSON_TRANSCRIPT, 0.85))
    unanchored: list[tuple[int, int]] = []
    for run in CAPITAL_RUN.finditer(text, begin, end):
        for b, e in _name_segments(text, run.start(), run.end(), taken):
            rule = _person_anchor(text, b, e, begin, end, byline)
            if rule is None or named_as_thing(text, text[b:e]):
                # a run the context leaves open may still be a person listed beside one it anchors
                unanchored += [(b, e)] if rule is None else []
                continue
            taken.append((b, e))
            found.append(Candidate(b, e, "person", text[b:e], rule, 0.9))
    return found + _listed_people(text, unanchored, found, taken)


# "X and Y", "X, Y and Z": the joints of a list of names.
_LIST_JOINT = re.compile(r"(?:,?\s+and|,)\s+")


def _joined(text: str, left: int, right: int, name_end: int) -> bool:
    """Whether [left, right) joins two names of a list: "and", or a comma in a list that the name ending at
    `name_end` continues towards an "and"."""
    joint = _LIST_JOINT.fullmatch(text, left, right)
    return joint is not None and ("and" in joint.group().split() or _LIST_JOINT.match(text, name_end) is not None
                                  and re.search(r"\band\b", text[name_end:name_end + 40]) is not None)


def _listed_people(text: str, unanchored: list[tuple[int, int]], found: list[Candidate],
                   taken: list[tuple[int, int]]) -> list[Candidate]:
    """Names joined by "and" (or by commas in a list that ends in "and") to a person already anchored: the
    anchor of one conjunct ("Aldermen X and Y", "X and Y said") holds for the whole list."""
    people = {(c.begin, c.end) for c in found if c.kind == "person"}
    listed: list[Candidate] = []
    changed = True
    while changed:
        changed = False
        for b, e in list(unanchored):
            if not any(_joined(text, pe, b, e) or _joined(text, e, pb, e) for pb, pe in people):
                continue
            unanchored.remove((b, e))
            if _overlaps(b, e, taken) or named_as_thing(text, text[b:e]):
                continue
            taken.append((b, e))
            people.add((b, e))
            listed.append(Candidate(b, e, "person", text[b:e], RULE_PERSON_LIST, 0.85))
            changed = True
    return listed


def _name_segments(text: str, begin: int, end: int, taken: list[tuple[int, int]]):
    """Split a capitalised run into the maximal stretches of name words and initials it contains."""
    segment: list[tuple[int, int]] = []
    for word in re.finditer(r"\S+", text[begin:end]):
        b, e = begin + word.start(), begin + word.end()
        token = word.group()
        possessive = re.search(r"['’]s$", token)
        core = token[:-2] if possessive else token.rstrip(".")
        is_name = (NAME_WORD.fullmatch(core) is not None and core not in NOT_NAME_WORDS and not is_rank(token)
                   and core.lower() not in TITLE_WORDS and not _overlaps(b, e, taken))
        is_initial = INITIAL.fullmatch(token) is not None and bool(segment)
        if token in PARTICLES and segment:
            segment.append((b, e))
            continue
        if not segment and (core.lower() in PERSON_CUES or core.lower() in PERSON_CUES_PLURAL):
            continue  # an occupation opening the sentence ("Porter X said", "Aldermen X and Y"), not a given name
        if core in NOT_PERSON_WORDS and not is_initial:
            yield from _emit(segment)
            segment = []
            continue
        if is_name or is_initial:
            segment.append((b, b + len(core) if is_name else e))
            # a full stop after a word of three or more letters ends its sentence ("… before Christmas.
            # Martin X, head of …"); "St." and "Jr." are abbreviations inside a name
            if possessive or is_name and token.endswith(".") and len(core) >= 3:
                yield from _emit(segment)
                segment = []
        else:
            yield from _emit(segment)
            segment = []
    yield from _emit(segment)


def _emit(segment: list[tuple[int, int]]):
    # A person's name has two to four words; a lone capitalised word is left to the surname resolver.
    if 2 <= len(segment) <= 5:
        yield segment[0][0], segment[-1][1]


# "X, regional organiser for Y," / "X, 19, said" / "X, Chief People Officer, said" / "X, a sophomore":
# an apposition naming an occupation, an age, or any short apposition closed before a speech verb.
_APPOSITION_AFTER = re.compile(
    rf",\s+(?:(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w'’-]+\s+){{0,4}}(?i:{_CUE_PATTERN}|{TITLE_PATTERN})\b"
    rf"|\d{{1,3}},|[^,.;\"“”]{{1,90}},\s+(?:{SPEECH_VERB})\b)")
# "the union's president, X," / "The company's vice president of operations, X,": the title before a comma.
_APPOSITION_BEFORE = re.compile(rf"(?i:\b(?:{TITLE_PATTERN}|{_CUES_PATTERN}))(?:\s+(?:of|for)\s+[^,.;]{{1,50}})?,\s+$")


# "X is the Queensland secretary of …": a post stated with a copula.
_COPULA_AFTER = re.compile(rf"\s+(?:is|was|has\s+been)\s+(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){{0,4}}?"
                           rf"(?i:{_CUE_PATTERN}|{TITLE_PATTERN})\b")
_PREPOSITION_BEFORE = re.compile(r"\b(?:for|of|at|with|by|from|to)\s+$")


def _person_anchor(text: str, b: int, e: int, floor: int, ceiling: int, byline: bool) -> str | None:
    before = text[floor:b]
    after = text[e:ceiling]
    if re.match(r"\s+(?:branch|local|chapter)\b", after):
        return None  # "UNISON's North Denton branch": a place naming a union's unit, not a person
    if byline and re.fullmatch(r"\s*By\s+", before):
        return RULE_PERSON_BYLINE
    if re.search(r"[—–-]\s*$", before) and re.match(r"\s*\(@\w+\)", after):
        return RULE_PERSON_SIGNATURE
    if (_HONORIFIC_BEFORE.search(before) or RANK_BEFORE.search(before) or TITLE_AT_END.search(before)
            or CUE_AT_END.search(before)):
        return RULE_PERSON_TITLE
    if re.match(rf",\s+(?:(?:a|an|the)\s+)?(?i:{TITLE_PATTERN})\b", after) or re.match(r",\s+with\s+the\b", after):
        return RULE_PERSON_APPOSITION
    if _APPOSITION_AFTER.match(after) or _APPOSITION_BEFORE.search(before) or _COPULA_AFTER.match(after):
        return RULE_PERSON_APPOSITION
    # "X said", unless X is the object of a preposition: in "a spokesperson for X said" the speaker is the
    # spokesperson, and X is as likely a company
    if re.search(rf"\b(?:{SPEECH_VERB})\s+$", before) or (re.match(rf"\s+(?:{SPEECH_VERB})\b", after)
                                                          and not _PREPOSITION_BEFORE.search(before)):
        return RULE_PERSON_SPEECH
    if re.search(r"\w['’]s\s+$", before):
        return RULE_PERSON_POSSESSIVE
    return None
