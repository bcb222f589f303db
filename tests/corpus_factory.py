"""Build small temporary corpora for tests: article bytes plus a sources.yaml describing them."""

from __future__ import annotations

from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT.parent / "shared" / "seeds"


def entry(article_id: str, evidence: str, *, publisher: str = "Example News", date: str = "2021-02-01") -> dict:
    return {
        "id": article_id,
        "file": f"articles/{article_id}.txt",
        "publisher": {"value": publisher, "how": "stated", "evidence": evidence},
        "date_published": {"value": date, "how": "inferred", "reasoning": "test fixture", "evidence": evidence},
    }


def make_corpus(root: Path, articles: dict[str, bytes], *, entries: list[dict] | None = None,
                sources_text: str | None = None, evidence: str = "Chicago") -> Path:
    """Write articles/<id>.txt for each article and a sources.yaml (given, or one entry per article)."""
    corpus = root / "corpus"
    (corpus / "articles").mkdir(parents=True, exist_ok=True)
    for article_id, data in articles.items():
        (corpus / "articles" / f"{article_id}.txt").write_bytes(data)
    if sources_text is None:
        listed = entries if entries is not None else [entry(a, evidence) for a in articles]
        sources_text = yaml.safe_dump({"articles": listed}, sort_keys=False)
    (corpus / "sources.yaml").write_text(sources_text, encoding="utf-8")
    return corpus


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder with its bytes, to prove a failed run changed nothing."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
