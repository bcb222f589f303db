"""Page clutter of several house styles, on pages written for this test (an invented dispute, invented
names and outlets): every clutter line is recognised, no line of the report is."""

from __future__ import annotations

from datetime import date

from builder.ingest.document import ArticleMeta, MetaValue
from builder.ingest.furniture import classify_paragraphs
from builder.ingest.segment import paragraph_spans

C, B = "clutter", "body"

# A newspaper site: masthead, menu, breadcrumb, headline, dek, byline with a title, date line, share
# buttons, a caption with its credit line, a related link, a paywall and newsletter block, a
# cross-promotion list in capitals, a footer menu.
NEWSPAPER = [
    ("Harbour Valley Gazette", C),
    ("News | Business | Sport | Opinion | Obituaries", C),
    ("Home › Local › Schools", C),
    ("EDUCATION", C),
    ("Bus drivers at Pelham schools set strike date", B),  # the headline (metadata names it)
    ("The union says talks with the district have gone nowhere since spring", B),  # dek
    ("By Tessaly Ormond-Vick, Education Reporter", C),
    ("Staff Writer", C),
    ("Updated 4:40 PM EST, Nov. 3, 2023", C),
    ("Share  |  Save  |  Print", C),
    ("School buses parked at the Pelham depot on Thursday.", C),
    ("Corwin Baptiste-Lamy / Harbour Valley Gazette", C),
    ("PELHAM — Bus drivers for the Pelham Area School District will strike on Nov. 14 unless a deal is "
     "reached, their union said Thursday.", B),
    ("Read more: What a bus strike means for Pelham families", C),
    ("About 140 drivers belong to the local, which says wages have not kept pace with the region.", B),
    ("Subscribe now to keep reading. Only $1.99 a week.", C),
    ("Already a subscriber? Sign in", C),
    ("Get our Schools newsletter", C),
    ("Every Friday in your inbox.", C),
    ("Sign up", C),
    ("District spokesman Aurelio Banks-Tenney said the district had made a fair offer.", B),
    ("Advertisement", C),
    ("Getty Images", C),
    ("Comments (31)", C),
    ("MORE FROM THE GAZETTE", C),
    ("HARBOUR FERRY FARES TO RISE IN JANUARY", C),
    ("Council delays vote on new library", C),
    ("Contact Us | Advertise | Privacy Policy", C),
]

# A press release: release header, date line, body, end marker, contacts and the standard description.
RELEASE = [
    ("FOR IMMEDIATE RELEASE", C),
    ("November 3, 2023", C),
    ("Pelham bus drivers announce strike date", B),
    ("PELHAM — Members of the Pelham bus drivers' union today announced they will strike on Nov. 14.", B),
    ("“We have waited long enough,” said the union's president, Imara Kessel-Obi.", B),
    ("###", C),
    ("Media contact:", C),
    ("Doran Fitch-Ames, communications officer", C),
    ("press@pelham-drivers.example | 555-014-2210", C),
    ("About the Pelham Drivers Union", C),
    ("The Pelham Drivers Union represents 140 school bus drivers in Harbour Valley.", C),
]

# Wire copy and a live blog: a dateline names the agency, a wire credit line, live timestamps, a
# "Key points" label.
WIRE = [
    ("Bus drivers in Pelham walk out", B),
    ("By Lio Marsh-Quintero", "byline"),
    ("November 14, 2023 9:12 AM GMT Updated 2 hours ago", C),
    ("Key points", C),
    ("PELHAM (Northwire) - School bus drivers in Pelham walked off the job on Tuesday.", B),
    ("10:05 a.m.", C),
    ("Pickets at the depot", B),
    ("About 60 drivers stood outside the depot gates in the rain, the union said.", B),
    ("(Reporting by Lio Marsh-Quintero; Editing by Sunniva Holt)", C),
]


# Captions whose credit trails the sentence, in the styles of photo agencies and newspapers, and gallery
# and caption widgets; a reporter's beat and contact lines at the end.
CAPTIONS = [
    ("Ferry crews vote to strike", B),
    ("Reporting by Lio Marsh-Quintero; Editing by Sunniva Holt", C),
    ("Written by Odile Brannagh-Kaur", C),
    ("Odile Brannagh-Kaur, Staff Writer", C),
    ("4 min read", C),
    ("Listen to this article 5 min", C),
    ("Deckhands picket at the Dunmore pier on Monday. Basil Ackroyd-Nunn/Northwire", C),
    ("Image 1 of 4", C),
    ("hide caption", C),
    ("DUNMORE (Northwire) — Ferry deckhands in Dunmore voted 212-14 to strike, their union said Monday.", B),
    ("The harbour authority's chair, Gwendolyn Ashcroft-Bell, speaks in Dunmore on Friday. (Basil Ackroyd-Nunn / "
     "Lakeshore Courier)", C),
    ("NORTHWIRE/Basil Ackroyd-Nunn", C),
    ("Submitted photo", C),
    ("A ferry leaves the Dunmore terminal. Photo: Basil Ackroyd-Nunn", C),
    ("A ferry leaves the Dunmore terminal on Sunday. Lakeshore Courier", C),
    ("Read next: Ferry fares to rise 12% in spring", C),
    ("Watch: Deckhands rally at the pier", C),
    ("Copy link", C),
    ("Share on Facebook  Share via Email", C),
    ("Odile Brannagh-Kaur can be reached at 555-014-2210.", C),
    ("Odile Brannagh-Kaur covers transport and labour for the Lakeshore Courier.", C),
    ("Have a news tip? Email tips@courier.example", C),
]

# A local TV and a membership-funded site: the appeal, trial and alert prompts around the report.
MEMBERSHIP = [
    ("Support local journalism. Subscribe today.", C),
    ("Ferry strike set for Feb. 20", B),
    ("You have 2 free articles remaining.", C),
    ("Start your free trial", C),
    ("DUNMORE — About 140 deckhands will strike on Feb. 20 unless a deal is reached, the union said.", B),
    ("Get breaking news alerts delivered to your inbox.", C),
    ("Advertisement - scroll to continue", C),
    ("“We have waited 14 months,” said union president Marguerite Olabode-Finch.", B),
    ("Join the conversation", C),
]


# A local TV page and a wire release: relative stamps, player widgets, a caption lead, the notes after the
# report (a correction, a contribution credit, the release's SOURCE line).
NOTES = [
    ("Updated 2 hours ago", C),
    ("Ferry deckhands walk out in Dunmore", B),
    ("Up next", C),
    ("Pictured: deckhands on the picket line at the Dunmore pier", C),
    ("DUNMORE — About 140 deckhands walked off the job Monday, the Dunmore Ferry Workers Union said.", B),
    ("Click to share on Facebook (Opens in new window)", C),
    ("Correction: An earlier version of this story misstated the number of sailings.", C),
    ("Staff writer Odile Brannagh-Kaur contributed to this report.", C),
    ("SOURCE Dunmore Ferry Workers Union", C),
    ("All content © 2024 Lakeshore Courier", C),
]


def _classify(lines: list[tuple[str, str]], headline: str | None):
    text = "\n".join(line for line, _ in lines) + "\n"
    meta = ArticleMeta(
        id="page", file="page.txt",
        date_published=MetaValue(date(2023, 11, 3), "inferred", text[:1], "set by the test"),
        publisher=MetaValue("Test", "inferred", text[:1], "set by the test"),
        headline=MetaValue(headline, "stated", headline) if headline else None,
    )
    return classify_paragraphs(text, paragraph_spans(text), meta)


def _expected_and_got(lines, headline):
    got = []
    for (line, expected), paragraph in zip(lines, _classify(lines, headline), strict=True):
        if paragraph.role == "content":
            actual = "byline" if paragraph.kind == "byline" else B
        else:
            actual = C
        got.append((line, expected, actual))
    return [g for g in got if g[1] != g[2]]


def test_newspaper_page_clutter_is_recognised_and_the_report_kept():
    assert _expected_and_got(NEWSPAPER, "Bus drivers at Pelham schools set strike date") == []


def test_press_release_header_and_boilerplate_after_the_end_marker_are_clutter():
    assert _expected_and_got(RELEASE, "Pelham bus drivers announce strike date") == []


def test_wire_credits_and_live_blog_timestamps_are_clutter_without_metadata_headline():
    assert _expected_and_got(WIRE, None) == []


def test_body_sentences_that_mention_clutter_words_are_kept():
    lines = [
        ("Drivers walk out", B),
        ("PELHAM — The union said in its newsletter to members that the strike would last a week.", B),
        ("By Monday, the district said, substitute drivers would cover most routes.", B),
        ("About 60 drivers picketed, and the union shared photos of the picket line on social media.", B),
        ("Share prices of the bus contractor fell 4% after the announcement, the company said.", B),
    ]
    assert _expected_and_got(lines, "Drivers walk out") == []


def test_captions_with_a_trailing_credit_and_gallery_widgets_are_clutter():
    assert _expected_and_got(CAPTIONS, "Ferry crews vote to strike") == []


def test_membership_appeals_and_alert_prompts_are_clutter():
    assert _expected_and_got(MEMBERSHIP, "Ferry strike set for Feb. 20") == []


def test_notes_stamps_and_player_widgets_are_clutter():
    assert _expected_and_got(NOTES, "Ferry deckhands walk out in Dunmore") == []


def test_report_lines_shaped_like_credits_or_appeals_are_kept():
    """A report's sentence ends with its punctuation, so capitalised words at its end are no credit; a body
    line that mentions subscribers or a reporter is attributed reporting, not a notice."""
    lines = [
        ("Union Calls for Talks as Deadline Nears", B),
        ("The vote was 118-9. Union president Jane Roe said members were ready.", B),
        ("The union wants $26.", B),
        ("Members who subscribe to the union's newsletter were told Monday the vote would go ahead, Roe said.", B),
        ("Jane Roe is a nurse at the hospital and has worked there for 14 years.", B),
        ("Talks broke down on Friday. Mediator Jane Roe/Smith could not be reached.", B),
        ("The strike affects 14 schools. Classes are canceled.", B),
    ]
    assert _expected_and_got(lines, "Union Calls for Talks as Deadline Nears") == []


TWO_SENTENCE_CAPTION = [
    ("Ferry crews walk out in Dunmore", B),
    ("By Ilse Marchbank-Oduya | The Dunmore Ledger", C),
    ("Share · Save · Print · 3 comments", C),
    ("Deckhands picket outside the Dunmore terminal in June. The union says pay has not moved in four years.", C),
    ("Photo by Rafe Castellano-Birch | The Dunmore Ledger", C),
    ("Deckhands at Dunmore Ferries walked off the job Tuesday. The union says 300 members took part.", B),
    ("The company said it would keep a reduced timetable running.", B),
]


def test_a_two_sentence_caption_above_its_credit_is_clutter_and_a_two_sentence_report_line_is_not():
    assert _expected_and_got(TWO_SENTENCE_CAPTION, "Ferry crews walk out in Dunmore") == []
