"""Organisations found by general patterns on an article written for this test (an invented dispute):
head nouns of other sectors, names that open with their head, names whose words hold "and" or a
list, two organisations joined by "and", a local named before its union, an abbreviation given in
parentheses, the bare local number and the short form, an acronym as a subject, governing bodies named
after their owner, and no organisation from a law's title or a group of members."""

from __future__ import annotations

from extraction_support import article_of, registry

from builder.resolve.entities import resolve_article

TEXT = "\n".join([
    'Porters at Wexmoor hospitals vote to strike',
    'WEXMOOR — Porters employed by Wexmoor Teaching Hospitals NHS Foundation Trust (WTHT) voted to '
    'strike, the GMB union said.',
    'GMB says 91 per cent of members backed action. Negotiators for Wexmoor Teaching Hospitals NHS '
    'Foundation Trust and Wexmoor Porters Union Local 812 met on Friday.',
    'Members of Wexmoor Porters Union Local 812 will picket Wexmoor General Infirmary. Local 812 said '
    'talks had stalled.',
    "The union's executive board endorsed the ballot, and the trust's board of directors will meet next "
    'week.',
    'WTHT said the Ministry of Health had been told. Under the Trade Union Act 2016, turnout must pass 50'
    ' per cent.',
    'Local 77 of the Federation of State, County and Municipal Workers sent a letter of support, as did '
    'the Health and Care Workers Union.',
    'The Wexmoor Teaching trust said it regretted the vote.',
]) + "\n"


def _organisations():
    mentions = resolve_article(article_of(TEXT), registry())
    return [m for m in mentions if m.entity.kind == "organization"]


def test_each_organisation_is_found_once_under_its_fullest_name():
    labels = {m.entity.label for m in _organisations()}
    assert labels == {
        "Wexmoor Teaching Hospitals NHS Foundation Trust", "GMB", "Wexmoor Porters Union Local 812",
        "Wexmoor General Infirmary", "executive board of the Wexmoor Porters Union Local 812",
        "board of directors of Wexmoor Teaching Hospitals NHS Foundation Trust", "Ministry of Health",
        "Local 77 of the Federation of State, County and Municipal Workers", "Health and Care Workers Union",
        # the international a local is "of" is an organisation too (builder/resolve/locals.py)
        "Federation of State, County and Municipal Workers",
    }


def test_abbreviation_local_number_and_short_form_resolve_to_the_full_name():
    by_text = {TEXT[m.begin:m.end]: m.entity.label for m in _organisations()}
    assert by_text["WTHT"] == "Wexmoor Teaching Hospitals NHS Foundation Trust"
    assert by_text["Local 812"] == "Wexmoor Porters Union Local 812"
    assert by_text["Wexmoor Teaching trust"] == "Wexmoor Teaching Hospitals NHS Foundation Trust"


def test_a_governing_body_keeps_its_own_words_as_an_alias():
    body = next(m.entity for m in _organisations() if m.entity.label.startswith("executive board"))
    assert body.aliases == ("executive board",)


BRANCHES = "\n".join([
    "Lecturers at Pelham walk out",
    "PELHAM — Members of the Pelham branch of the Lecturers and Tutors Union walked out on Monday.",
    "The Lecturers and Tutors Union said the strike would last a week. The Pelham branch said talks had failed.",
    "The mayor's office said it hoped for a quick settlement, a spokesperson told Test News.",
    "Test News is not otherwise a party to the dispute.",
]) + "\n"


def test_a_branch_its_union_the_mayors_office_and_the_outlet_addressed_are_organisations():
    mentions = [m for m in resolve_article(article_of(BRANCHES), registry()) if m.entity.kind == "organization"]
    by_text = {}
    for m in mentions:
        by_text.setdefault(BRANCHES[m.begin:m.end], set()).add(m.entity.label)
    branch = "Pelham branch of the Lecturers and Tutors Union"
    assert by_text["Pelham branch"] == {branch}
    assert next(m.entity for m in mentions if m.entity.label == branch).aliases == (
        "Lecturers and Tutors Union Pelham branch", "Pelham branch")
    assert by_text["The mayor's office"] == {"Office of the Mayor of Pelham"}
    # the outlet where the report addresses it, not where it is only named
    assert [BRANCHES[m.begin:m.end] for m in mentions if m.entity.label == "Test News"] == ["Test News"]
    assert mentions[-1].entity.label == "Test News" and BRANCHES[mentions[-1].begin - 5:mentions[-1].begin] == "told "
