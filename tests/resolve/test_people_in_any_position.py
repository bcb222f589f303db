"""People named in any position news writing puts them, on an article written for this test (an
invented dispute): honorifics with and without a full stop, middle initials, particles, hyphenated and
non-ASCII names, titles and occupations before a name, appositions after it, and later surnames; and
no person from a capitalised phrase that names a place or an organisation."""

from __future__ import annotations

from extraction_support import article_of, registry

from builder.resolve.entities import resolve_article

TEXT = """Harbour Valley porters begin strike over rotas
GRANTHAM — Hospital porters at the Harbour Valley Infirmary walked out on Monday, their union said.
Branch secretary Tadeusz Wróblewski said the walkout would last 48 hours. "We have no choice," Wróblewski said.
Dr Imogen Faulds-Harrow, medical director of the infirmary, said patients would be seen as normal.
Staff nurse Efua Mensah-Lyle, who joined the picket line on her day off, said she backed the porters.
The company's vice president of operations, Carlos R. Ibáñez, said in an email that talks would resume.
Theodora van der Linde, 34, said she had worked nights for a decade.
Porter Ndidi Okwuosa, a father of three, said his pay had not kept up with rents.
Aurelio Banks-Tenney, Chief People Officer, said the trust had made a fair offer.
The union's president, Halvard Quist, told reporters outside the trust's Kingsway Avenue offices that
members were united.
Harbour Valley Transit said buses would run as normal, and Harbour Valley Health said clinics were open.
Faulds-Harrow later said the infirmary had postponed 40 operations.
"""

PEOPLE = {"Tadeusz Wróblewski", "Imogen Faulds-Harrow", "Efua Mensah-Lyle", "Carlos Ibáñez",
          "Theodora van der Linde", "Ndidi Okwuosa", "Aurelio Banks-Tenney", "Halvard Quist"}


def _people():
    mentions = resolve_article(article_of(TEXT), registry())
    return [m for m in mentions if m.entity.kind == "person"]


def test_every_person_is_found_and_nothing_else_is_a_person():
    assert {m.entity.label for m in _people()} == PEOPLE


def test_later_surnames_resolve_to_the_person_named_in_full():
    by_text = {TEXT[m.begin:m.end]: m.entity.label for m in _people()}
    assert by_text["Wróblewski"] == "Tadeusz Wróblewski"
    assert by_text["Faulds-Harrow"] == "Imogen Faulds-Harrow"
