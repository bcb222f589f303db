"""Who states a number (builder.extract.number_sources), each on a short report written for the test (an
invented dispute): the graph's prov:wasAttributedTo of the quantity, or none for the reporter's own words."""

from __future__ import annotations

import pytest
from extraction_support import article_of, graph_of, rows

LEAD = ("DUNMORE — Deckhands of the Dunmore Ferry Workers Union voted to strike against the Dunmore Harbour "
        "Authority on Monday, union president Marguerite Olabode-Finch said.\n")

QUERY = """SELECT ?label ?who WHERE { GRAPH ?g {
    ?q a cps:Quantity ; schema:value ?v ; rdfs:label ?label .
    OPTIONAL { ?q prov:wasAttributedTo ?a . ?a rdfs:label ?who } FILTER(?v = VALUE) } }"""


def sources(paragraph: str, value: str) -> set[str]:
    store = graph_of([article_of(LEAD + paragraph)])
    found = rows(store, QUERY.replace("VALUE", value))
    assert found, f"no quantity {value} in {paragraph!r}"
    return {r.get("who", "article") for r in found}


@pytest.mark.parametrize(("paragraph", "value", "expected"), [
    # a number in a quotation is its speaker's, a pronoun speaker included
    ("“It took two strikes to get 14 new deckhands,” she said.", "14", "Marguerite Olabode-Finch"),
    # a pronoun subject of the cue: the last person named before
    ("Olabode-Finch met members at the pier. She said the authority had offered 12 new positions.", "12",
     "Marguerite Olabode-Finch"),
    # coordinated verbs share the sentence's pronoun subject
    ("Olabode-Finch met members at the pier. She called it a step and said the union was still at 4%.", "4",
     "Marguerite Olabode-Finch"),
    # a relative clause between the speaker and the verb
    ("Olabode-Finch, who has worked on the ferries since the union was founded, says she earns $24,000 a "
     "year.", "24000", "Marguerite Olabode-Finch"),
    # what describes the speaker is the reporter's background
    ("“We are ready,” said Olabode-Finch, a deckhand for 17 years.", "17", "article"),
    ("Olabode-Finch, who has worked for the Dunmore Harbour Authority for 14 years, says she earns $24,000.",
     "14", "article"),
    # a cue that opens its own clause does not reach back over the one before
    ("Under state law, the union must give 10 days' notice before striking; Olabode-Finch said no strike "
     "would begin before March.", "10", "article"),
    # an inverted cue after a quotation governs the quotation, not the clause after its speaker
    ("“We are ready,” said Olabode-Finch, as about 150 strikers marched outside the terminal.", "150", "article"),
    # a sentence-initial "According to" names its source
    ("According to the Dunmore Ferry Workers Union, about 140 deckhands voted.", "140",
     "Dunmore Ferry Workers Union"),
    # "it" is the organisation the sentence opens with, not the one named in a possessive
    ("The authority has said it cannot afford the union's proposal, which it says would cost $45M a year.",
     "45000000", "Dunmore Harbour Authority"),
    # a party's own offer, when no one reports it
    ("The authority has offered raises of 3% a year.", "3", "Dunmore Harbour Authority"),
    # the reporter's framing of a figure is the article's
    ("Olabode-Finch said the walkout would be the longest strike in more than 30 years.", "30", "article"),
])
def test_who_states_a_number(paragraph, value, expected):
    assert sources(paragraph, value) == {expected}


def test_a_closing_attribution_reaches_back_over_its_sentence():
    assert sources("Deckhands earn $19.50 an hour, Olabode-Finch said Tuesday.", "19.5") == {"Marguerite Olabode-Finch"}


def test_told_names_the_listener_not_the_speaker():
    paragraph = "Two people familiar with the talks told Olabode-Finch that the authority would restore 18 sailings."
    assert sources(paragraph, "18") == {"article"}


def test_a_sentence_without_a_cue_goes_on_with_the_account_before_it():
    paragraph = ("The deal lifts starting pay to $26.75 an hour, the Dunmore Ferry Workers Union said in a statement. "
                 "It also limits split shifts to 12 hours.")
    assert sources(paragraph, "12") == {"Dunmore Ferry Workers Union"}
    # not across a paragraph: a new paragraph is the reporter's again
    assert sources(paragraph.replace(" It also", "\nIt also"), "12") == {"article"}
