"""bench/QUALITY.md (the committed results) and bench/work/quality-details.md (misses, never of test articles)."""

from __future__ import annotations

from .score import KINDS, ArticleScore, KindScore, total
from .split import LATER_TEST, batch_order

GROUP_TITLES = {
    "dev": "dev (rules may be changed while looking at these)",
    "test": "test (batch 1, reported, never debugged)",
    "seeds": "seeds (the rules were written on these: an upper bound)",
    "unsplit": "unsplit (not in split.tsv: in neither dev nor test)",
}


def group_title(name: str) -> str:
    """A later batch's test half is titled as unseen: it was written after the rules were last changed on the
    earlier batches, so its figures are the ones to judge generality by (bench/quality/README.md)."""
    if name.startswith(LATER_TEST):
        return f"test (batch {name[len(LATER_TEST):]}, unseen)"
    return GROUP_TITLES[name]


def table_order(groups: dict[str, list[str]]) -> list[str]:
    """dev, then the test tables by batch (each later batch next to the first), then seeds and unsplit."""
    later = sorted((n for n in groups if n.startswith(LATER_TEST)), key=lambda n: batch_order(n[len(LATER_TEST):]))
    fixed = [n for n in ("dev", "test") if n in groups] + later + [n for n in ("seeds", "unsplit") if n in groups]
    return fixed + [n for n in groups if n not in fixed]


def pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def kind_table(kinds: dict[str, KindScore]) -> list[str]:
    lines = ["| kind | gold | found | recall | graph | correct | precision | F1 | ungrounded | unscorable |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for kind in KINDS:
        s = kinds[kind]
        lines.append(f"| {kind} | {s.gold} | {s.gold_found} | {pct(s.recall)} | {s.graph} | {s.graph_matched} | "
                     f"{pct(s.precision)} | {pct(s.f1)} | {s.ungrounded} | {s.unscorable} |")
    return lines


def clutter_lines(scores: list[ArticleScore]) -> list[str]:
    with_clutter = [s for s in scores if s.clutter_pages[0]]
    recognised = [s for s in with_clutter if s.clutter_pages[1]]
    entities = sum(len(s.clutter_entities) for s in scores)
    read = {k: sum(len(s.read_from_clutter[k]) for s in scores) for k in ("number", "quote", "event", "date")}
    metadata = sum(len(s.metadata_only) for s in scores)
    return [
        f"- pages with gold clutter: {len(with_clutter)}; with at least one clutter line recognised: "
        f"{len(recognised)}",
        f"- clutter-entity (persons and organisations whose every mention lies in gold clutter; must reach 0): "
        f"**{entities}**",
        "- other facts read from clutter: " + ", ".join(f"{k} {v}" for k, v in read.items()),
        f"- authors and publishers grounded only in the article's metadata evidence (byline, publisher line), "
        f"not counted as false positives: {metadata}",
    ]


def article_cell(s: KindScore) -> str:
    if not s.gold and not s.graph:
        return ""
    return f"{s.gold_found}/{s.gold} · {s.graph_matched}/{s.graph}"


def render(scores: dict[str, ArticleScore], groups: dict[str, list[str]], meta: dict) -> str:
    out = ["# Extraction quality", "",
           "Written by `bench/quality/run` (the format, the split and the discipline: bench/quality/README.md; "
           "the matching rules: its Scoring section). Strict: a gold fact is found only in its own article's "
           "named graph, grounded by a mention that overlaps the gold evidence.", "",
           f"- command: `{meta['command']}`",
           f"- commit: {meta['commit']}",
           f"- date: {meta['date']}",
           f"- benchmark articles: {meta['articles']}; scored: "
           + ", ".join(f"{name} {len(groups[name])}" for name in table_order(groups))
           + ("" if meta["split_file"] else " (split.tsv does not exist yet: every article is unsplit)"),
           f"- run time: {meta['seconds']:.1f} s (scoring {meta['scoring_seconds']:.1f} s)"]
    for name, b in meta["builds"].items():
        violations = f"; the shapes were violated ({len(b['violation_lines'])} results), output kept with " \
                     "--keep-invalid" if b["exit"] == 1 else ""
        out.append(f"- {name} build: `{b['command']}` exit {b['exit']}, {b['seconds']:.1f} s{violations}")
    if meta["problems"]:
        out += ["", "Not scored or not built:", ""] + [f"- {p}" for p in meta["problems"]]
    out += ["", "Columns: *gold* rows; *found* gold rows the graph holds; *graph* facts of that kind grounded in "
            "the article; *correct* graph facts that match a gold row; *ungrounded* graph facts whose content "
            "matches a gold row but with no mention at its evidence (counted as false positives); *unscorable* "
            "gold rows the ontology has no class for (event kinds `deadline`, `mediation`), left out of recall."]
    for name in table_order(groups):
        ids = groups[name]
        if not ids:
            continue
        group = [scores[i] for i in ids]
        out += ["", f"## {group_title(name)}: {len(ids)} articles", ""]
        out += kind_table(total(group))
        out += [""] + clutter_lines(group)
    out += ["", "## Appendix: per article", "",
            "Each cell: gold found/gold rows · graph correct/graph facts.", "",
            "| article | split | " + " | ".join(KINDS) + " | clutter entities |",
            "| --- | --- | " + " | ".join("---" for _ in KINDS) + " | ---: |"]
    for name in table_order(groups):
        for article_id in groups[name]:
            s = scores[article_id]
            cells = " | ".join(article_cell(s.kinds[k]) for k in KINDS)
            out.append(f"| {article_id} | {name} | {cells} | {len(s.clutter_entities)} |")
    return "\n".join(out) + "\n"


def render_details(scores: dict[str, ArticleScore], groups: dict[str, list[str]]) -> str:
    out = ["# Quality details: misses and false positives", "",
           "Dev, seed and unsplit articles only; test articles are never listed (bench/quality/README.md, "
           "discipline 3).", ""]
    for name in ("dev", "seeds", "unsplit"):
        for article_id in groups.get(name, []):
            s = scores[article_id]
            out += [f"## {article_id} ({name})", ""]
            for kind in KINDS:
                k = s.kinds[kind]
                for miss in k.misses:
                    out.append(f"- {kind} MISS {miss}")
                for fp in k.false_positives:
                    out.append(f"- {kind} FALSE {fp}")
            for entity in s.clutter_entities:
                out.append(f"- clutter-entity {entity}")
            for kind, labels in s.read_from_clutter.items():
                for label in labels:
                    out.append(f"- {kind} read from clutter: {label}")
            out.append("")
    return "\n".join(out) + "\n"
