"""Compare sentence boundaries on the dev articles: builder.ingest.segment vs pysbd.
Measures against gold evidence spans: a boundary strictly inside a gold quote/number/date/person/org
evidence span that is not after a sentence terminal is a wrong split; a boundary inside a name or number
evidence is always wrong."""

import shutil
import sys
import tempfile
from pathlib import Path

import pysbd  # not a dependency of the builder: install it beside the run (pip install pysbd)
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE))
from gold import parse_gold  # noqa: E402

import builder.ingest.corpus as C  # noqa: E402
from builder.ingest.articles import ingest_article  # noqa: E402
from builder.ingest.segment import _append, sentence_spans  # noqa: E402

root = HERE
split = dict(line.split("\t")[:2] for line in (root / "split.tsv").read_text().splitlines()[1:])
ids = sorted(i for i, s in split.items() if s == "dev")  # dev only: never a test article
seg = pysbd.Segmenter(language="en", clean=False, char_span=True)


def pysbd_spans(text, b, e):
    """pysbd's sentences of text[b:e], trimmed of white space as the builder trims its own."""
    out = []
    for s in seg.segment(text[b:e]):
        _append(out, text, b + s.start, b + s.end, 0)
    return [(x.begin, x.end) for x in out]


stats = {
    k: {
        "sentences": 0,
        "wrong_in_name_number_date": 0,
        "split_inside_quote_not_at_terminal": 0,
        "quote_whole_sentence_aligned": 0,
    }
    for k in ("builder", "pysbd")
}
quotes_total = 0
diff_examples = []
for i in ids:
    d = Path(tempfile.mkdtemp(prefix="sbd-"))
    m = yaml.safe_load((root / "articles" / f"{i}.meta.yaml").read_text())
    m["file"] = f"{i}.txt"
    shutil.copy(root / "articles" / f"{i}.txt", d / f"{i}.txt")
    (d / "sources.yaml").write_text(yaml.safe_dump({"articles": [m]}, allow_unicode=True))
    art = ingest_article(d, C.load_sources(d)[0])
    shutil.rmtree(d)
    rows = parse_gold(root / "gold" / f"{i}.tsv", art.text)
    text = art.text
    spans = {"builder": [], "pysbd": []}
    for p in art.content_paragraphs():
        spans["builder"] += [(s.begin, s.end) for s in sentence_spans(text, p.begin, p.end, p.index)]
        spans["pysbd"] += pysbd_spans(text, p.begin, p.end)
    for name, ss in spans.items():
        st = stats[name]
        st["sentences"] += len(ss)
        starts = {b for b, _ in ss}
        ends = {e for _, e in ss}
        bounds = sorted(starts)
        for r in rows:
            inside = [x for x in bounds if r.begin < x < r.end]
            if r.kind in ("person", "org", "number", "date") and inside:
                st["wrong_in_name_number_date"] += 1
            if r.kind == "quote":
                for x in inside:
                    k = x - 1
                    while k > r.begin and text[k].isspace():
                        k -= 1
                    while k > r.begin and text[k] in "\"”’')":
                        k -= 1
                    if text[k] not in ".!?…:;":
                        st["split_inside_quote_not_at_terminal"] += 1
                if r.relation == "direct":
                    # the quote's last sentence ends where the quote ends (closing mark allowed)
                    if any(r.end <= e <= r.end + 2 for e in ends):
                        st["quote_whole_sentence_aligned"] += 1
    quotes_total += sum(1 for r in rows if r.kind == "quote" and r.relation == "direct")
    a, b = set(spans["builder"]), set(spans["pysbd"])
    for s in sorted(a ^ b)[:3]:
        diff_examples.append(("builder" if s in a else "pysbd", i, text[s[0] : s[1]][:120]))
print("direct quotes in dev gold:", quotes_total)
for k, v in stats.items():
    print(k, v)
print("\nsome spans only one segmenter produces:")
for x in diff_examples[:40]:
    print(x)
