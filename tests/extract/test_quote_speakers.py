"""Quotation forms and speakers of issue 15 beyond the seeds, each on a small article written here in the
style of the reports (about nothing in the benchmark): speakers named after the verb with their title,
conjoined names and descriptions, organisations, the parties together, statements named before, later
references by title, offices, pronouns further back, UK punctuation, guillemets, mixed marks."""

from __future__ import annotations

import pytest
from test_quote_forms import said

from builder.extract.quote_marks import quote_pairs

# a dateline city, a district, a union and two people with their titles
INTRO = ("SPRINGFIELD, Ill. — Teachers at the Lakeview School District walked out on Tuesday. Lakeview Teachers "
         "Union president Maria Lopez led the march, and Superintendent Alan Brooks stayed at the district office.\n\n")
HOSPITAL = ("Nurses at St Mary's Hospital walked out on Monday. Unison regional organiser Jane Holt led the "
            "picket.\n\n")
BOTH = ["Lakeview School District", "Lakeview Teachers Union"]

CASES = [
    # who speaks, named after the verb
    ("an organisation modifying the title of the person after the verb",
     INTRO + "“We are ready to talk,” said Lakeview Teachers Union president Maria Lopez.\n",
     {"We are ready to talk": ["Maria Lopez"]}),
    ("a title set off by a comma after the verb",
     INTRO + "“We are ready to talk,” said the union's president, Maria Lopez.\n",
     {"We are ready to talk": ["Maria Lopez"]}),
    ("according to, after the quote", INTRO + "“We are ready to talk,” according to Lopez.\n",
     {"We are ready to talk": ["Maria Lopez"]}),
    ("according to, before the quote", INTRO + "According to the union, “the board has not moved an inch.”\n",
     {"the board has not moved an inch.": ["Lakeview Teachers Union"]}),
    ("a quote signed with a dash", INTRO + "“We are ready to talk.” — Maria Lopez\n",
     {"We are ready to talk.": ["Maria Lopez"]}),
    # auxiliaries and speech nouns
    ("an auxiliary between subject and verb",
     INTRO + "Lopez would not say when talks would resume, other than that it would not be “before the board "
     "comes back with a real offer.”\n", {"before the board comes back with a real offer.": ["Maria Lopez"]}),
    ("a speech noun before a colon", INTRO + "Lopez had a message for the board: “Come back to the table.”\n",
     {"Come back to the table.": ["Maria Lopez"]}),
    ("a possessive speech noun", INTRO + "Lopez spoke to the crowd. Her message to the board: “Come back to the "
     "table.”\n", {"Come back to the table.": ["Maria Lopez"]}),
    # organisations
    ("an introductory phrase without a comma",
     INTRO + "In a statement the district said: ‘Schools will be closed Wednesday.’\n",
     {"Schools will be closed Wednesday.": ["Lakeview School District"]}),
    ("a group noun at the sentence start", INTRO + "Union leaders said the offer was “an insult to every teacher.”\n",
     {"an insult to every teacher.": ["Lakeview Teachers Union"]}),
    ("an organisation's statement", INTRO + "“Our offer is fair,” the district's statement said.\n",
     {"Our offer is fair": ["Lakeview School District"]}),
    ("a statement from an organisation after the quote",
     INTRO + "“Our offer is fair,” read a statement from the district.\n",
     {"Our offer is fair": ["Lakeview School District"]}),
    ("a short name the recogniser left",
     "Cleaners employed by Brightway Facilities Services Ltd walked out on Monday.\n\nBrightway said in a "
     "statement that it paid “well above the minimum wage” to all staff.\n",
     {"well above the minimum wage": ["Brightway Facilities Services Ltd"]}),
    # joint statements
    ("descriptions conjoined", INTRO + "In a joint statement, the district and the union said: “We will meet "
     "again Thursday.”\n", {"We will meet again Thursday.": BOTH}),
    ("a name conjoined with a description", INTRO + "In a joint statement, the Lakeview School District and the "
     "union said they were “pleased with the progress made.”\n", {"pleased with the progress made.": BOTH}),
    ("the two sides", INTRO + "“We will meet again Thursday,” the two sides said in a joint statement.\n",
     {"We will meet again Thursday": BOTH}),
    ("both sides", INTRO + "Both sides said in a joint statement: “We will meet again Thursday.”\n",
     {"We will meet again Thursday.": BOTH}),
    ("the parties, a partial quote", INTRO + "In a joint statement, the parties said they were “pleased with the "
     "progress made.”\n", {"pleased with the progress made.": BOTH}),
    ("'the union' is the union the passage names, not the one the article names most",
     "Buses of the Metro Transit Authority ran again on Wednesday after Amalgamated Transit Union Local 900 "
     "reached a deal with the authority.\n\nIn a joint statement, the authority and the union said the deal was "
     "“fair to riders and workers alike.”\n\nThe Lakeview Students' Union welcomed the deal. The Lakeview "
     "Students' Union had backed the drivers, and the Lakeview Students' Union will hold a rally.\n",
     {"fair to riders and workers alike.": ["Amalgamated Transit Union Local 900", "Metro Transit Authority"]}),
    ("a statement named in an earlier sentence",
     INTRO + "The talks will resume Thursday, according to a joint statement from the district and the union.\n\n"
     "“We had productive talks,” the statement said.\n", {"We had productive talks": BOTH}),
    # offices and later references
    ("a named person's office", INTRO + "“The mayor wants a deal,” Mayor Jane Ortiz's office said.\n",
     {"The mayor wants a deal": ["Jane Ortiz"]}),
    ("a spokesperson for the mayor", "SPRINGFIELD, Ill. — Mayor Jane Ortiz met both sides on Tuesday.\n\n"
     "“The mayor wants a deal,” a spokesperson for the mayor said.\n",
     {"The mayor wants a deal": ["Office of the Mayor of Springfield"]}),
    ("the superintendent", INTRO + "“Our doors are open,” the superintendent said.\n",
     {"Our doors are open": ["Alan Brooks"]}),
    ("the superintendent, inverted", INTRO + "“Our doors are open,” said the superintendent.\n",
     {"Our doors are open": ["Alan Brooks"]}),
    ("the superintendent, before a colon", INTRO + "The superintendent said: “Our doors are open.”\n",
     {"Our doors are open.": ["Alan Brooks"]}),
    ("the union president", INTRO + "“Our doors are open,” the union president said.\n",
     {"Our doors are open": ["Maria Lopez"]}),
    ("a title given in a set-off phrase", INTRO + "The district's chief negotiator, Sam Reyes, left early.\n\n"
     "“We are far apart,” the chief negotiator said.\n", {"We are far apart": ["Sam Reyes"]}),
    ("the mayor", "SPRINGFIELD, Ill. — Mayor Jane Ortiz met both sides on Tuesday.\n\n“I want a deal,” the mayor "
     "said.\n", {"I want a deal": ["Jane Ortiz"]}),
    # pronouns
    ("a pronoun three paragraphs after the name",
     INTRO + "Brooks left the building at noon.\n\nThe district has 40 schools.\n\nBuses will not run.\n\n"
     "“Our doors are open,” he said.\n", {"Our doors are open": ["Alan Brooks"]}),
    ("a pronoun passing over a person of the other honorific",
     "Nurses at St Mary's Hospital walked out on Monday. Unison regional organiser Jane Holt led the picket.\n\n"
     "Hospital director Tom Reed said Mr Reed's team had a plan.\n\n‘We have no choice’, she said.\n",
     {"We have no choice": ["Jane Holt"]}),
    # marks and punctuation
    ("UK style: the comma outside the marks", HOSPITAL + "‘We have no choice’, said Ms Holt.\n",
     {"We have no choice": ["Jane Holt"]}),
    ("UK style: a continuation after a comma outside the marks",
     HOSPITAL + "‘We have no choice’, she said. ‘Our members are exhausted.’\n",
     {"We have no choice": ["Jane Holt"], "Our members are exhausted.": ["Jane Holt"]}),
    ("guillemets", INTRO + "«We are ready to talk», Lopez said.\n", {"We are ready to talk": ["Maria Lopez"]}),
    ("guillemets after a colon", INTRO + "Lopez said: «We are ready to talk.»\n",
     {"We are ready to talk.": ["Maria Lopez"]}),
    ("a double mark closed by a single one", INTRO + "”It's fine,' Lopez said, laughing. \"We are ready to talk.\"\n",
     {"It's fine": ["Maria Lopez"], "We are ready to talk.": ["Maria Lopez"]}),
    # more speech verbs, a transcript's name and colon, a whole quoted sentence after reported speech
    ("a speech verb of tone", INTRO + "“I have not slept in three days,” Lopez joked.\n",
     {"I have not slept in three days": ["Maria Lopez"]}),
    ("pointed out", INTRO + "“We have no money,” Brooks pointed out.\n", {"We have no money": ["Alan Brooks"]}),
    ("a noun's statement", INTRO + "“Our offer is fair,” a district statement said.\n",
     {"Our offer is fair": ["Lakeview School District"]}),
    ("a name and a colon", INTRO + "Lopez: “We are ready to talk.”\n", {"We are ready to talk.": ["Maria Lopez"]}),
    ("a quoted sentence after reported speech",
     INTRO + "Lopez said members were angry about the offer. “They have been patient for years.”\n",
     {"They have been patient for years.": ["Maria Lopez"]}),
    ("a quoted paragraph after reported speech",
     INTRO + "Lopez said members were angry about the offer.\n\n“They have been patient for years.”\n",
     {"They have been patient for years.": ["Maria Lopez"]}),
    ("a quote with its own attribution after reported speech",
     INTRO + "Lopez said members were angry. “We have no money,” Brooks replied.\n",
     {"We have no money": ["Alan Brooks"]}),
    ("UK style: double quotes nested in single ones are part of the quotation",
     HOSPITAL + "‘He called it \"a disgrace\", and he was right,’ said Ms Holt.\n",
     {'He called it "a disgrace", and he was right': ["Jane Holt"]}),
    # what is not a quotation
    ("scare quotes", INTRO + "The district proposed a so-called “cooling off” period and called it a “reset”.\n",
     {}),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quotation_form_and_speaker(text, expected):
    assert said(text) == expected


def test_a_double_mark_closed_by_a_single_one_pairs_the_others_from_the_right():
    text = "”It's fine,' she said. \"I walked.\""
    assert [(text[o], text[c]) for o, c in quote_pairs(text, 0, len(text))] == [("”", "'"), ('"', '"')]


def test_a_comma_outside_the_marks_does_not_make_a_scare_quote_speech():
    """Only a quote opening its sentence is attributed across a comma outside its marks: the reporter's word
    in "the talks reached an “impasse”, the district said" is no quotation."""
    assert said(INTRO + "The talks reached an “impasse”, the district said.\n") == {}
