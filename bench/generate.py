"""Scaled corpora for the benchmark: N news articles recombined from the seed corpus.

Each generated article starts from one seed article (chosen round-robin so every seed is used), keeps its
paragraphs in order (page furniture included, so ingestion still has furniture to recognise), drops some
content paragraphs and splices in content paragraphs from the other seeds. Then, consistently within the
article:

- people named in the seeds get new names (a person keeps the same new name for every form of the old one:
  "Mayor Lori Lightfoot", "Lightfoot", the glued "LoriLightfoot"), so extraction meets new people, posts,
  quotations and claims rather than the same six entities again;
- a few organisations the text introduces by name get new names with the same type cue ("… Justice
  Center", "… Elementary");
- every calendar date is moved by the same whole number of weeks, so "Monday" still names the weekday of
  the moved date and the date resolver does real work; years move with it;
- counts and percentages are rescaled (percentages stay within 0–100, the shapes' range).

A header (byline, publisher and date line) is written for each article, and `sources.yaml` quotes it as
the stated evidence of the metadata, as the real corpus does. The output is a pure function of (seed
corpus, N, seed): `random.Random` seeded with a string is stable across processes and hash seeds.

    python bench/generate.py --articles 1000 --seed 7 --out bench/work/corpus-1000
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from builder.ingest.articles import ingest_corpus  # noqa: E402
from builder.ingest.document import Article  # noqa: E402

SEED_CORPUS = PROJECT / "corpus"
# Paragraph kinds that carry reported content (headlines and bylines belong to their own article).
BODY_KINDS = {"body", "embedded-post"}

# People named in the seed articles: every written form of a name, longest first, and a gender so that the
# pronouns the seeds use ("she said") stay right. Each form is (template, slots): the template is filled
# with the new first and last name.
SEED_PEOPLE: dict[str, tuple[str, tuple[str, ...]]] = {
    # full name: (gender, other forms that refer to the same person, besides the surname)
    "Lori Lightfoot": ("f", ("LoriLightfoot",)),
    "Janice Jackson": ("f", ("Janice K. Jackson",)),
    "Jesse Sharkey": ("m", ()),
    "Stacy Davis Gates": ("f", ()),
    "Robert Bruno": ("m", ()),
    "Allison Arwady": ("f", ()),
    "Dana Kozlov": ("f", ()),
    "Chris Tye": ("m", ()),
    "Robert Bloch": ("m", ()),
    "LaTanya McDade": ("f", ()),
    "Joseph Williams": ("m", ()),
    "Daniel Suhr": ("m", ()),
    "Dan Montgomery": ("m", ()),
    "Clarence Thomas Jr": ("m", ()),
    "Melissa Vozar": ("f", ()),
}
# Surnames that the seeds use alone for these people (the last word, or two for "Davis Gates").
SEED_SURNAMES = {"Lori Lightfoot": "Lightfoot", "Janice Jackson": "Jackson", "Jesse Sharkey": "Sharkey",
                 "Stacy Davis Gates": "Davis Gates", "Robert Bruno": "Bruno", "Allison Arwady": "Arwady",
                 "Dana Kozlov": "Kozlov", "Chris Tye": "Tye"}

FIRST_NAMES = {
    "f": ["Amara", "Beatriz", "Carmen", "Deborah", "Elena", "Fatima", "Grace", "Hannah", "Imani", "Julia",
          "Keisha", "Laura", "Marisol", "Nadia", "Olivia", "Priya", "Rosa", "Sofia", "Tanya", "Valerie",
          "Wendy", "Yolanda", "Zoe", "Monique", "Ingrid"],
    "m": ["Aaron", "Bernard", "Carlos", "Darnell", "Emilio", "Frank", "Gregory", "Hector", "Isaac", "Jamal",
          "Kevin", "Luis", "Marcus", "Nathan", "Omar", "Patrick", "Rafael", "Samuel", "Terrence", "Victor",
          "Walter", "Xavier", "Yusuf", "Dmitri", "Kwame"],
}
LAST_NAMES = ["Abernathy", "Baptiste", "Castellano", "Delacroix", "Eckhardt", "Fairbanks", "Galloway",
              "Halvorsen", "Ibarra", "Jablonski", "Kowalczyk", "Lindqvist", "Marchetti", "Nakamura",
              "Okonkwo", "Pemberton", "Quintero", "Rasmussen", "Szymanski", "Thornbury", "Underhill",
              "Valdivia", "Whitmore", "Yamamoto", "Zielinski", "Achterberg", "Brannigan", "Cifuentes",
              "Dunleavy", "Esposito", "Fitzgerald", "Gutierrez", "Hollingsworth", "Iwasaki", "Jorgensen",
              "Kavanagh", "Lombardi", "Mwangi", "Novak", "Ostrowski"]

# Organisations the text introduces by name, with replacements that keep the type cue.
SEED_ORGANISATIONS = {
    "Liberty Justice Center": ["{place} Justice Center", "{place} Legal Center"],
    "Suder Elementary": ["{last} Elementary"],
}
PLACES = ["Lakeshore", "Prairie", "Cook", "Evanston", "DuPage", "Kenwood", "Pilsen", "Bronzeville",
          "Riverside", "Oak Park", "Hyde Park", "Calumet", "Lincoln", "Wabash", "Kane", "Will"]
OUTLET_NOUNS = ["Ledger", "Courier", "Gazette", "Dispatch", "Herald", "Sentinel", "Observer", "Tribune-Star",
                "Daily News", "Examiner"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTH_ABBREVIATIONS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
                       "Nov.", "Dec."]
_MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NUMBER.update({abbr.lower(): i + 1 for i, abbr in enumerate(MONTH_ABBREVIATIONS)})
_MONTH_NUMBER.update({"sep.": 9, "sept": 9, "jan": 1, "feb": 2, "aug": 8, "oct": 10, "nov": 11, "dec": 12})
_MONTH_ALTERNATION = "|".join(sorted((re.escape(m) for m in _MONTH_NUMBER), key=len, reverse=True))

# One pass over the text rewrites dates, years and numbers, so a rewritten value is never rewritten again.
_VALUE_PATTERN = re.compile(
    rf"(?P<monthday>\b(?P<month>{_MONTH_ALTERNATION})(?![\w.]) ?(?P<day>[0-3]?\d)\b(?!:)(?:, (?P<year>(?:19|20)\d\d))?)"
    r"|(?P<iso>\b(?:19|20)\d\d-[01]\d-[0-3]\d\b)"
    r"|(?P<numeric>(?<![\w/.-])(?P<nm>1[0-2]|0?[1-9])/(?P<nd>[0-3]?\d)\b(?![/\d]))"
    r"|(?P<yearonly>\b(?:199|20[0-3])\d\b(?![,.]?\d))"
    r"|(?P<percent>(?<![\w.])\d+(?:\.\d+)?(?=%| percent))"
    r"|(?P<count>(?<![\w.,:/-])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?![\w.,:/-]|\.\d))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SeedArticle:
    id: str
    published: date
    paragraphs: tuple[tuple[str, str, str], ...]  # (role, kind, text) in order


def load_seeds(corpus_dir: Path = SEED_CORPUS) -> list[SeedArticle]:
    return [_seed(article) for article in ingest_corpus(corpus_dir)]


def _seed(article: Article) -> SeedArticle:
    paragraphs = tuple((p.role, p.kind, article.text[p.begin:p.end]) for p in article.paragraphs)
    return SeedArticle(article.id, article.meta.published, paragraphs)


def _is_body(role: str, kind: str) -> bool:
    return role == "content" and kind in BODY_KINDS


def _new_person(rng: random.Random, gender: str) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES[gender]), rng.choice(LAST_NAMES)


def _name_substitutions(rng: random.Random) -> dict[str, str]:
    """Every written form of every seed name → its new form, for one article."""
    forms: dict[str, str] = {}
    used: set[tuple[str, str]] = set()
    for full, (gender, variants) in SEED_PEOPLE.items():
        first, last = _new_person(rng, gender)
        while (first, last) in used or last in {surname for _, surname in used}:
            first, last = _new_person(rng, gender)
        used.add((first, last))
        forms[full] = f"{first} {last}"
        for variant in variants:
            forms[variant] = f"{first}{last}" if " " not in variant else f"{first} {variant.split()[1]} {last}"
        if full in SEED_SURNAMES:
            forms[SEED_SURNAMES[full]] = last
    for organisation, templates in SEED_ORGANISATIONS.items():
        forms[organisation] = rng.choice(templates).format(place=rng.choice(PLACES), last=rng.choice(LAST_NAMES))
    return forms


def _substitute_names(text: str, forms: dict[str, str]) -> str:
    pattern = re.compile("|".join(rf"\b{re.escape(old)}\b" for old in sorted(forms, key=len, reverse=True)))
    return pattern.sub(lambda m: forms[m.group(0)], text)


def _nearest_date(month: int, day: int, around: date) -> date | None:
    """The date with this month and day closest to `around` (the seed's publication date)."""
    candidates = []
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            pass
    return min(candidates, key=lambda d: abs((d - around).days)) if candidates else None


def _rescale(rng: random.Random, digits: str, upper: float | None = None) -> str:
    grouped = "," in digits
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits.replace(",", "")) * rng.uniform(0.5, 1.5)
    if upper is not None:
        value = min(value, upper)
    if decimals:
        return f"{value:.{decimals}f}"
    return f"{round(value):,}" if grouped else str(max(1, round(value)))


def _rewrite_values(text: str, seed_published: date, shift: timedelta, rng: random.Random,
                    article_published: date | None = None) -> str:
    """Move dates by `shift` and rescale numbers. A date without a year keeps none only if a reader of the
    new article (published `article_published`) would still place it in the right year."""
    year_delta = (seed_published + shift).year - seed_published.year
    reader_date = article_published or seed_published + shift

    def replace(match: re.Match) -> str:
        if match.group("monthday"):
            month_text = match.group("month")
            when = (_nearest_date(_MONTH_NUMBER[month_text.lower()], int(match.group("day")), seed_published)
                    if not match.group("year") else _safe_date(int(match.group("year")),
                                                               _MONTH_NUMBER[month_text.lower()],
                                                               int(match.group("day"))))
            if when is None:
                return match.group(0)
            moved = when + shift
            names = MONTHS if month_text.capitalize() in MONTHS else MONTH_ABBREVIATIONS
            rendered = f"{names[moved.month - 1]} {moved.day}"
            if month_text[0].islower():
                rendered = rendered.lower()
            needs_year = match.group("year") or _nearest_date(moved.month, moved.day, reader_date) != moved
            return f"{rendered}, {moved.year}" if needs_year else rendered
        if match.group("iso"):
            return (date.fromisoformat(match.group("iso")) + shift).isoformat()
        if match.group("numeric"):
            when = _nearest_date(int(match.group("nm")), int(match.group("nd")), seed_published)
            return match.group(0) if when is None else f"{(when + shift).month}/{(when + shift).day}"
        if match.group("yearonly"):
            return str(int(match.group("yearonly")) + year_delta)
        if match.group("percent"):
            return _rescale(rng, match.group("percent"), upper=100.0)
        return _rescale(rng, match.group("count"))

    return _VALUE_PATTERN.sub(replace, text)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def generate_article(index: int, seeds: list[SeedArticle], seed: int) -> tuple[dict, str]:
    """One article: its sources.yaml entry and its text."""
    rng = random.Random(f"cpskg-bench:{seed}:{index}")
    base = seeds[index % len(seeds)]
    shift = timedelta(weeks=rng.randint(-260, 260))
    published = base.published + shift

    # The seed's own headline and byline are left out: the generated header gives the article its own.
    chosen: list[tuple[str, date]] = []
    body_count = sum(_is_body(role, kind) for role, kind, _ in base.paragraphs)
    keep = set(rng.sample(range(body_count), k=min(body_count, max(3, round(body_count * rng.uniform(0.6, 1.0))))))
    position = 0
    for role, kind, text in base.paragraphs:
        if role == "content" and not _is_body(role, kind):
            continue
        if role != "content" or position in keep:
            chosen.append((text, base.published))
        position += role == "content"
    # Short seeds (one long paragraph) borrow more, so every article has several paragraphs to read.
    others = [s for s in seeds if s.id != base.id]
    for _ in range(rng.randint(1, 3) + max(0, 6 - len(keep))):
        donor = rng.choice(others)
        donated = [text for role, kind, text in donor.paragraphs if _is_body(role, kind)]
        chosen.insert(rng.randint(0, len(chosen)), (rng.choice(donated), donor.published))

    forms = _name_substitutions(rng)
    body = [_rewrite_values(_substitute_names(text, forms), seed_published, shift, rng, published)
            for text, seed_published in chosen]

    author = " ".join(_new_person(rng, rng.choice("fm")))
    publisher = f"{rng.choice(PLACES)} {rng.choice(OUTLET_NOUNS)}"
    dateline = f"{MONTHS[published.month - 1]} {published.day}, {published.year}"
    header = [f"By {author}", f"{publisher} — {dateline}"]
    text = "\n\n".join(header + body) + "\n"

    article_id = f"bench-{index:06d}-{base.id}"
    entry = {
        "id": article_id,
        "file": f"articles/{article_id}.txt",
        "seed": base.id,
        "publisher": {"value": publisher, "how": "stated", "evidence": f"{publisher} —"},
        "authors": [{"value": author, "how": "stated", "evidence": f"By {author}"}],
        "date_published": {"value": published.isoformat(), "how": "stated", "evidence": dateline},
        "export": False,  # generated text: never exported to Wikidata
    }
    return entry, text


def generate_corpus(out_dir: Path, articles: int, seed: int = 7, seed_corpus: Path = SEED_CORPUS) -> Path:
    """Write out_dir/articles/*.txt and out_dir/sources.yaml (out_dir is replaced)."""
    seeds = load_seeds(seed_corpus)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "articles").mkdir(parents=True)
    entries = []
    for index in range(articles):
        entry, text = generate_article(index, seeds, seed)
        (out_dir / entry["file"]).write_text(text, encoding="utf-8")
        entries.append(entry)
    header = f"# Generated by bench/generate.py: {articles} articles, seed {seed}, from {len(seeds)} seed articles.\n"
    with (out_dir / "sources.yaml").open("w", encoding="utf-8") as stream:
        stream.write(header)
        yaml.dump({"articles": entries}, stream, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                   sort_keys=False, allow_unicode=True, width=120)
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles (N)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--out", type=Path, required=True, help="corpus folder to (re)create")
    options = parser.parse_args(argv)
    generate_corpus(options.out, options.articles, options.seed)
    print(f"wrote {options.articles} articles to {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
