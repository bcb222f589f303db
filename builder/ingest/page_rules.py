"""Line rules for the page clutter of any house style: the widgets, notices and credit lines a reader
copies from a news page along with the report.

Each rule looks at one line (a paragraph of the page text) and says whether it is clutter; none knows a
page, an outlet or a name. They are general habits of news sites, wire copy and press releases:

* date and time stamps ("Published Oct. 14, 2025 at 6:12 p.m.", "Updated 6:12 PM MDT, May 14, 2024"),
  live-blog timestamps ("10:48 p.m."), bylines with a title or an outlet ("By X, Senior Reporter",
  "by X, KSPQ 6 News", "BY X", "(Reporting by X; Editing by Y)");
* photo credits ("Getty Images", "(Staff photo/X)", "Photo: X / Outlet", "X / Outlet", "REUTERS/X",
  "Submitted photo") and captions that carry their credit ("… | Photo by X", "… on Monday. X/AP",
  "… on Monday. (X / Outlet)", "… on Monday. Outlet"); gallery counters and caption toggles;
* reading-time and listen widgets; paywall and membership appeals ("Start your free trial", "Support
  local journalism"); alert and news-tip prompts; a reporter's beat or contact line; editor's notes and
  corrections, contribution credits ("X contributed to this report"), relative stamps ("2 hours ago");
* share, save, print and comment widgets; "Read more:", "Related:", "More from …" lines; newsletter,
  subscription and paywall notices; "Advertisement";
* menus and breadcrumbs (short items between "|", "›", ">", "/", "·"), lines in capitals (section
  names, cross-promotion headlines), press-release markers ("FOR IMMEDIATE RELEASE", "###", "ENDS",
  "Contact:", "Notes to editors", "About the …").

A rule never decides a line of body copy: each requires the whole line to be of the clutter's shape
(short, no sentence of reporting in it), so a body paragraph that merely mentions a newsletter or a
photo is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class FurnitureRule:
    name: str
    description: str
    matches: Callable[[str], bool]


_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_WEEKDAYS = ("monday tuesday wednesday thursday friday saturday sunday "
             "mon tue tues wed thu thur thurs fri sat sun").split()
# Words a date or time stamp of a page is made of, besides months, weekdays and numbers.
_STAMP_WORDS = frozenset(
    """published updated last modified posted first at on am pm a.m p.m ago hour hours minute minutes min
    mins second seconds day days read reading time gmt bst utc et pt ct mt est edt cst cdt mst mdt pst pdt
    aest aedt cet cest ist noon midnight of""".split()
) | frozenset(_MONTHS) | frozenset(_WEEKDAYS)
_TOKEN = re.compile(r"[A-Za-z]+(?:\.[A-Za-z])*\.?|\d+(?:st|nd|rd|th)?|\S")
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?$")
_SEPARATOR = re.compile(r"\s+[|›>/·•»]\s+|\s*\|\s*|\s+[–—]\s+")
_WORDS = re.compile(r"[^\W\d_][\w'’.&-]*")
_SHARE_WORDS = frozenset(
    """share save print email e-mail comment comments tweet facebook x twitter linkedin whatsapp reddit
    copy link on this article page story pinterest bluesky threads gift listen to instagram youtube
    tiktok messenger telegram flipboard bookmark via gift later for copied tweet pin click opens new window
    text font size like this in""".split()
)
_TERMINAL = ".!?\"”’'"


def _words(line: str) -> list[str]:
    return _WORDS.findall(line)


def _short(line: str, most: int) -> bool:
    return len(line.split()) <= most


def is_date_stamp(line: str) -> bool:
    """A line that only dates the page: a date and/or time with publishing words, no reporting."""
    tokens = _TOKEN.findall(line)
    alpha = [t.lower().rstrip(".").rstrip(":") for t in tokens if t[0].isalpha()]
    if not any(t[0].isdigit() for t in tokens) or len(tokens) > 24:
        return False
    if not all(t in _STAMP_WORDS or re.fullmatch(r"[a-z]{1,4}", t) and t.upper() in line for t in alpha):
        return False
    has_calendar = any(t in _MONTHS or t in _WEEKDAYS for t in alpha)
    return has_calendar or bool(re.search(r"\d{1,2}:\d{2}", line)) and bool(alpha)


def is_timestamp(line: str) -> bool:
    """A live-blog entry's time on a line of its own ("10:48 p.m.", "09:41")."""
    return bool(_TIME.match(line.strip()))


_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}"
_NEWSROOM_TITLE = re.compile(
    rf"^{_NAME},\s+(?:(?:Senior|Staff|Chief|Special|Contributing|Political|Education|Labou?r|Health|Business|"
    r"Local|Metro|Investigative|City|State|Freelance)\s+){0,2}(?:Writer|Reporter|Correspondent|Editor|Columnist|"
    r"Contributor|Journalist)$")
# A reporter's note at the end of a story: where to reach them, what they cover ("X can be reached at …",
# "X is a reporter covering health care", "X covers labor for the Tribune").
_AUTHOR_NOTE = re.compile(
    rf"^{_NAME}\s+(?:can be reached at\b|is an?\s+(?:[\w-]+\s+){{0,3}}?(?:reporter|correspondent|writer|editor|"
    r"journalist)\b(?:\s+(?:covering|for|at|with|who covers|based)\b)|covers\s+(?:[\w&-]+\s+){1,5}?for\s+"
    r"(?:the\s+)?[A-Z])"
    r"|^Contact (?:reporter|the reporter|the writer|the author)\b|\bReach (?:him|her|them|me) at\b")


def _is_byline(line: str) -> bool:
    if re.match(r"^\(?(?:Additional )?(?:Reporting|Writing|Editing|Compiled|Written|Story|Words|Text|"
                r"Report(?:ed)?) by\b[^.!?]*\)?$", line, re.I) and _short(line, 24):
        return True
    if _NEWSROOM_TITLE.match(line) or re.fullmatch(r"(?:From )?[Ss]taff [Rr]eports?", line):
        return True
    match = re.match(r"^[Bb][Yy]:?\s+(?=[A-Z\"“])", line)
    if match is None or not _short(line, 14) or line.rstrip()[-1] in ".!?":
        return False
    first = line[match.end():].split()[0].strip("\"“,").lower()
    return first not in _MONTHS and first not in _WEEKDAYS


def _segments(line: str) -> list[str]:
    return [s.strip() for s in _SEPARATOR.split(line) if s.strip()]


_CREDIT_LEAD = re.compile(r"^(?:[A-Z][\w.]*\s+)?(?:photo|photograph|image|picture|video|illustration)s?\s*"
                          r"(?:by\b|:|/|credit\b)", re.I)


# "Submitted photo", "File photo", "Photo courtesy of the union", "Supplied", "Handout"
_STOCK_CREDIT = re.compile(r"^(?:(?:Submitted|File|Staff|Contributed|Handout|Supplied|Courtesy|Pool)\s+"
                           r"(?:photo|image|picture|video)s?|Photo\s+courtesy\b.*|Supplied|Handout)\.?$", re.I)
_CREDIT_WORDS = r"[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|the|and|&))*"
# "REUTERS/Jim Mone", "Jim Mone/AP", "THE CANADIAN PRESS/Jim Mone", "Jim Mone/Star Tribune via AP"
_AGENCY_SLASH = re.compile(rf"{_CREDIT_WORDS}\s?/\s?{_CREDIT_WORDS}(?:\s+via\s+{_CREDIT_WORDS})?"
                           r"(?:\s+(?:hide|toggle|show) caption)?")


def is_photo_credit(line: str) -> bool:
    """A credit line on its own: "Getty Images", "(Staff photo/X)", "Photo: X / Outlet", "X / Outlet"."""
    stripped = line.strip().strip("()").strip()
    if not _short(stripped, 12) or stripped[-1:] in "!?":
        return False
    if _CREDIT_LEAD.match(stripped):
        return True
    if re.search(r"\b(?:Getty Images|AP Photo|Associated Press|Shutterstock|Alamy|PA Images?|Reuters/)\b",
                 stripped) or re.match(r"^Courtesy(?: of)?\s+[A-Z]", stripped):
        return True
    if _STOCK_CREDIT.match(stripped) or _AGENCY_SLASH.fullmatch(stripped):
        return True
    # "Name / Outlet": two short runs of capitalised words around one slash.
    parts = [p.strip() for p in re.split(r"\s+/\s+", stripped)]
    return len(parts) == 2 and all(
        p and _short(p, 5) and all(w[0].isupper() or w in ("of", "the", "and", "&") for w in p.split())
        for p in parts)


def _caption_with_credit(line: str) -> bool:
    if re.search(r"[|—–]\s*(?:Photo|Image|Picture|Video|Credit)s?\s*(?:by\b|:|/|credit\b)[^|]{1,80}$", line, re.I):
        return True
    if _short(line, 60) and not re.search(r"[“”\"]", line) and _credit_tail(line):
        return True
    return bool(re.search(r"\((?:[A-Z][\w.]*\s+)?(?:photo|photograph|image|file photo)\b[^)]{0,80}\)\s*$", line,
                          re.I))


def _credit_tail(line: str) -> bool:
    """A caption that ends in its credit after the sentence: "… on Monday. Jim Mone/AP", "… on Monday. (Jim
    Mone / Star Tribune)", "… on Monday. | Jim Mone, Star Tribune", "… on Monday. Star Tribune". A line of
    report always ends with its punctuation; a run of capitalised words after the last full stop is a credit."""
    match = re.search(r"[.!?][”’]?\s+(?:[|—–]\s*)?(?P<tail>[(\[]?[^.!?()\[\]]{2,70}[)\]]?)$", line)
    if match is None:
        return False
    tail = match["tail"].strip().strip("()[]").strip()
    if re.match(r"(?:Credit|Photo|Image|Picture)s?\s*:", tail, re.I):
        return True
    parts = [p.strip() for p in re.split(r"\s*(?:/|\||,)\s*|\s+via\s+", tail) if p.strip()]
    capitalised = all(re.fullmatch(_CREDIT_WORDS, p) and _short(p, 6) for p in parts)
    # a lone run of capitalised words is an outlet's name only when the caption is a single sentence
    return capitalised and (len(parts) > 1 or len(re.findall(r"[.!?](?:\s|$)", line)) == 1)


def _is_share_widget(line: str) -> bool:
    words = [w.lower().rstrip(".:") for w in re.findall(r"[A-Za-z-]+", line)]
    if not words or not _short(line, 12) or line.rstrip()[-1] == ".":
        return False
    if re.sub(r"[A-Za-z\s|:·•()\d/-]", "", line):
        return False
    buttons = ("share", "save", "print", "comments", "comment", "email", "copy", "gift", "tweet", "pin", "whatsapp",
               "size", "like")
    return all(w in _SHARE_WORDS for w in words) and any(w in buttons for w in words)


def _is_follow_prompt(line: str) -> bool:
    return bool(re.match(r"^Follow\b", line)) and _short(line, 15) and bool(
        re.search(r"\b(?:social media|Facebook|Instagram|Twitter|X|LinkedIn|TikTok|YouTube|Bluesky)\b", line))


def _is_related(line: str) -> bool:
    if re.match(r"^(?:Read (?:more|next)|Keep reading|(?:More|Further|Related) coverage|Popular now|Up next|Next up|"
                r"Now playing|More videos|(?:Promoted|Sponsored) (?:stories|content|links)|"
                r"Also on\s+[^.!?:]{1,40}|(?:Watch|Video|Listen|Photos|Photo gallery|Gallery)\s*:.*|"
                r"Read more|Related(?: stories| coverage| content| articles?| reading)?|Recommended"
                r"(?: for you| reading| stories)?|See also|Also read|Further reading|More on this(?: story)?|"
                r"Most read|Most popular|Most viewed|Trending(?: now| stories)?|Don['’]t miss|"
                r"You (?:may|might) also like|Editor['’]s picks?|Top stories)\s*(?::|$)", line, re.I):
        return True
    return bool(re.match(r"^More (?:from|on|in)\s+[^.!?]{1,50}$", line, re.I)) and _short(line, 8)


def _is_subscription(line: str) -> bool:
    if not _short(line, 22):
        return False
    return bool(re.match(
        r"^(?:Subscribe\b|Subscribers? only\b|Already (?:a )?(?:subscriber|member|registered|have an account)\b|"
        r"Sign in\b|Log in\b|Login\b|Become a (?:subscriber|member)\b|Unlock\b|Continue reading\b|"
        r"This (?:article|story|content) is (?:for|only available to|available to|reserved for) "
        r"(?:subscribers|members)\b|"
        r"You(?:['’]ve| have) (?:reached|read) (?:your|\d+)\b|Create a free account\b|Register (?:now|for free|to)\b)",
        line, re.I))


# the words of a paywall or membership appeal; a short line made around them is the notice itself
_PAYWALL = re.compile(r"\b(?:subscribe|subscription|subscribers?|free trial|unlimited access|free (?:articles?|"
                      r"stories) (?:remaining|left)|(?:support|supporting) (?:local|our|independent|quality) "
                      r"journalism|(?:create|have|already have) an account|scroll to continue|paid post)\b", re.I)


def _is_paywall(line: str) -> bool:
    return _short(line, 22) and bool(_PAYWALL.search(line)) and not re.search(
        r"\b(?:said|says|told|according)\b|[“”\"]", line)


def _is_newsletter(line: str) -> bool:
    if re.search(r"\b(?:delivered to your inbox|in your inbox|news alerts|news tips?|story (?:tip|idea)s?|"
                 r"tip line)\b", line, re.I) and _short(line, 16):
        return True
    if re.match(r"^(?:Sign up|By signing up|Enter your email|Your email address)\b", line, re.I):
        return _short(line, 30)
    return (bool(re.search(r"\bnewsletters?\b", line, re.I)) and _short(line, 16)
            and not re.search(r"\b(?:said|says|told|wrote|according)\b", line))


def _is_advert(line: str) -> bool:
    return bool(re.match(r"^(?:Advertisement|Advertising|Sponsored(?: content)?|Ad|Story continues below"
                         r"(?: advertisement)?|Article continues below(?: this ad)?)(?:\s*[-–—|:]\s*(?:scroll|"
                         r"continue|story|article)[^.!?]{0,30})?\s*$", line, re.I))


def is_footer_start(line: str) -> bool:
    """A line after which a press release or page has only its boilerplate: "###", "ENDS", "-30-",
    "Notes to editors", "Media contact:", "About the …" as a heading."""
    stripped = line.strip()
    if re.fullmatch(r"#\s*#\s*#|-+\s*30\s*-+|-?\s*(?:ENDS?|Ends)\s*-?", stripped):
        return True
    if re.match(r"^Notes? (?:to|for) (?:editors?|news desks?)\s*:?$", stripped, re.I):
        return True
    if re.match(r"^(?:Media|Press|For media|For more information|For further information)\b[^.]{0,30}"
                r"(?:contacts?|enquiries|inquiries|information)\s*:?$", stripped, re.I):
        return True
    return bool(re.match(r"^About (?:the |us\b)?[A-Z][^.!?:]{0,80}$", stripped)) and _short(stripped, 10)


_EDITORIAL_NOTE = re.compile(
    r"^(?:This (?:article|story|report|piece) (?:was|has been|is) (?:originally |first )?(?:published|produced|"
    r"updated|corrected|republished|reported|written)\b|An earlier version of this (?:article|story|report)\b|"
    r"(?:Correction|Clarification|Editor['’]?s note)\s*:|SOURCE\s+[A-Z][^.!?]{1,80}$)")
_CONTRIBUTED = re.compile(r"\bcontributed(?: (?:to )?(?:this|the) (?:report|story|article)| reporting)?\.?$")
_RELATIVE_STAMP = re.compile(r"^(?:(?:Last )?(?:updated|published|posted)\s*:?\s*)?\d+\s+(?:seconds?|minutes?|mins?|"
                             r"hours?|hrs?|days?|weeks?)\s+ago$", re.I)
_CAPTION_LEAD = re.compile(r"^(?:Pictured|Caption|Above|Top|Below|Inset|In the photo|(?:Video|Photo|Image|Pictured) "
                           r"(?:above|below))\s*:", re.I)


def _is_page_note(line: str) -> bool:
    """An editor's note, a correction, a wire release's SOURCE line, a contribution credit ("X contributed to
    this report"), a relative time stamp ("Updated 2 hours ago"), a caption lead ("Pictured: …")."""
    if _RELATIVE_STAMP.match(line.strip()):
        return True
    if not _short(line, 40) or re.search(r"[“”\"]", line):
        return False
    return bool(_EDITORIAL_NOTE.match(line) or _CAPTION_LEAD.match(line)
                or (_CONTRIBUTED.search(line) and _short(line, 20)))


def _is_contact_line(line: str) -> bool:
    if re.match(r"^(?:Media |Press )?(?:Contacts?|Enquiries|Inquiries)\s*:", line, re.I):
        return True
    segments = _segments(line)
    contact = re.compile(r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?[\d() .-]{7,}|(?:https?://|www\.)\S+)$")
    return bool(segments) and all(contact.match(s) for s in segments)


_SITE_FOOTER = re.compile(r"^Our Standards\s*:|^(?:Terms of (?:Use|Service)|Privacy Policy|Cookie (?:Policy|Settings))"
                          r"\b", re.I)
_PUBLISHED_BY = re.compile(r"^[A-Z][^.!?]{0,60}\bis (?:published|produced|owned) by\b")


def _is_site_footer(line: str) -> bool:
    return bool(_SITE_FOOTER.match(line)) or (bool(_PUBLISHED_BY.match(line)) and _short(line, 16)) or (
        bool(re.search(r"©\s*(?:Copyright\s*)?\d{4}", line)) and _short(line, 16))


def _is_release_marker(line: str) -> bool:
    return bool(re.match(r"^(?:PRESS RELEASE|NEWS RELEASE|MEDIA RELEASE|FOR IMMEDIATE RELEASE)\b", line, re.I)) \
        and _short(line, 8)


def is_menu(line: str) -> bool:
    """Navigation: short items between separators ("Home › News › Education", "News | Sport | Opinion")."""
    segments = _segments(line)
    if len(segments) < 2 or line.rstrip()[-1] in _TERMINAL:
        return False
    return all(_short(s, 6) and s[0].isupper() for s in segments) and not any(
        re.search(r"\b(?:said|says|will|would|has|have|is|are|was|were)\b", s) for s in segments)


def is_capitals(line: str) -> bool:
    """A line set in capitals: a section name, a masthead or a cross-promotion headline."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 3 or any(c.islower() for c in letters):
        return False
    # A dateline alone on its line ("CHICAGO —") opens the report; it is not clutter.
    return not re.search(r"[—–-]\s*$", line)


def is_section_label(line: str) -> bool:
    """A one- or two-word label of the page: "Key points", "Live updates", "Breaking news"."""
    if re.match(r"^(?:Listen to this (?:article|story)(?:\W+\d+\s*min\w*)?|\d+\s*(?:min|mins|minutes?)\s+"
                r"(?:read|listen)|(?:Click|Tap) to (?:enlarge|expand)|Enlarge this image|(?:hide|toggle|show) caption|"
                r"(?:Image|Photo|Picture|Slide)?\s*\d+\s+of\s+\d+|View comments|Join the conversation|"
                r"Loading(?: comments)?\W*|Report an? (?:typo|error|correction)|Corrections? policy|"
                r"(?:Open|Close) (?:navigation|the)? ?menu|Text size|Font size|Like this:?)\s*$", line, re.I):
        return True
    return bool(re.match(r"^(?:Key (?:points|takeaways|facts)|Live(?: updates| blog| coverage)?|Breaking(?: news)?|"
                         r"Latest(?: updates| news)?|Home|Menu|Search|Skip to (?:main )?content|Back to top|Opinion|"
                         r"Analysis|Explainer|Listen(?: to this article)?|Show more|Load more)\s*$", line, re.I))


RULES: tuple[FurnitureRule, ...] = (
    FurnitureRule("advertisement", "an advertisement slot: Advertisement, Sponsored, Story continues below",
                  _is_advert),
    FurnitureRule("footer-marker", "the end of a release or its boilerplate: ###, ENDS, -30-, Notes to "
                  "editors, Media contact:, an About … heading", is_footer_start),
    FurnitureRule("contact-line", "a contact line: Contact: …, or only e-mail addresses, phone numbers, URLs",
                  _is_contact_line),
    FurnitureRule("site-footer", "a site's standards, terms or privacy line, or its publisher line",
                  _is_site_footer),
    FurnitureRule("release-marker", "a press-release header: FOR IMMEDIATE RELEASE, PRESS RELEASE",
                  _is_release_marker),
    FurnitureRule("caption-credit", "a photo caption that carries its credit (… | Photo by X; … (Staff photo/X))",
                  _caption_with_credit),
    FurnitureRule("photo-credit", "a photo credit on a line of its own (Getty Images, Photo: X / Outlet, "
                  "X / Outlet)", is_photo_credit),
    FurnitureRule("date-stamp", "a line that only dates the page (Published …, Updated …, a date and time)",
                  is_date_stamp),
    FurnitureRule("live-timestamp", "a live-blog entry's time on a line of its own", is_timestamp),
    FurnitureRule("byline-credit", "a byline with a title or an outlet, in any case (By X, Senior Reporter; "
                  "by X, Outlet; BY X), or a wire's reporting and editing credit", _is_byline),
    FurnitureRule("share-widget", "share, save, print, e-mail and comment buttons", _is_share_widget),
    FurnitureRule("follow-prompt", "a prompt to follow the outlet on social media", _is_follow_prompt),
    FurnitureRule("related-line", "Read more:, Related:, Recommended, More from …, Most read: links to other "
                  "stories", _is_related),
    FurnitureRule("subscription-notice", "a paywall or subscription notice (Subscribe …, Already a "
                  "subscriber? Log in, Sign in)", _is_subscription),
    FurnitureRule("page-note", "an editor's note or correction, a release's SOURCE line, a contribution credit, a "
                  "relative time stamp, a caption lead (Pictured: …)", _is_page_note),
    FurnitureRule("newsletter-prompt", "a newsletter sign-up prompt, an alerts or news-tips prompt", _is_newsletter),
    FurnitureRule("paywall-notice", "a short line of a paywall or membership appeal (free trial, unlimited access, "
                  "support local journalism)", _is_paywall),
    FurnitureRule("author-note", "a reporter's contact or beat line (X can be reached at …, X covers labor for …)",
                  lambda line: bool(_AUTHOR_NOTE.search(line)) and _short(line, 30)),
    FurnitureRule("navigation-menu", "a menu or breadcrumb: short items between separators", is_menu),
    FurnitureRule("capitals-line", "a line in capitals: a section name, masthead or cross-promotion headline",
                  is_capitals),
    FurnitureRule("section-label", "a label of the page, not of the report (Key points, Live updates, Home)",
                  is_section_label),
)
