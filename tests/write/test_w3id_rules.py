"""The w3id.org redirect rules in docs/w3id/.htaccess send each kind of cpskg IRI where it resolves (issue 17).

mod_rewrite is emulated for the subset the file uses (RewriteCond on the Accept header, RewriteRule with
a regular expression, a substitution with $1 and the flags R and L), so the test reads the real file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "docs" / "w3id" / ".htaccess"
DEPLOYMENT = "https://cpskg.example.org"


def rewrite(path: str, accept: str = "*/*") -> tuple[int, str] | None:
    condition_ok = True
    for line in RULES.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("RewriteCond"):
            _, variable, pattern = line.split(maxsplit=2)
            assert variable == "%{HTTP_ACCEPT}"
            condition_ok = condition_ok and re.search(pattern, accept) is not None
        elif line.startswith("RewriteRule"):
            _, pattern, target, flags = line.split(maxsplit=3)
            match = re.match(pattern, path)
            if match and condition_ok:
                status = int(re.search(r"R=(\d+)", flags).group(1))
                return status, target.replace("$1", match.group(1) if match.groups() else "")
            condition_ok = True
    return None


@pytest.mark.parametrize(("path", "accept", "expected"), [
    ("id/person/Jesse_Sharkey", "text/turtle", (303, f"{DEPLOYMENT}/id/person/Jesse_Sharkey")),
    ("id/article/2021-02-01-wls-cooling-off-period", "*/*",
     (303, f"{DEPLOYMENT}/id/article/2021-02-01-wls-cooling-off-period")),
    ("ontology", "text/html,application/xhtml+xml", (303, f"{DEPLOYMENT}/dump/docs/ontology.html")),
    ("ontology", "text/turtle", (303, f"{DEPLOYMENT}/dump/ontology/cpskg.ttl")),
    ("dataset", "*/*", (303, f"{DEPLOYMENT}/dump/void.ttl")),
    ("dump/cpskg.ttl", "*/*", (302, f"{DEPLOYMENT}/dump/cpskg.ttl")),
])
def test_each_kind_of_iri_is_sent_where_it_resolves(path, accept, expected):
    assert rewrite(path, accept) == expected


def test_a_named_graph_is_answered_by_a_construct_query_on_the_deployment():
    status, target = rewrite("graph/article/2021-02-01-wls-cooling-off-period")
    assert status == 303 and target.startswith(f"{DEPLOYMENT}/query?query=CONSTRUCT")
    assert "%2Fgraph%2Farticle/2021-02-01-wls-cooling-off-period%3E" in target


def test_the_download_urls_of_the_void_description_are_covered():
    void = (RULES.parents[2] / "output" / "void.ttl").read_text(encoding="utf-8")
    urls = set(re.findall(r"<https://w3id\.org/cpskg/(dump/[^>]+)>", void))
    assert urls and all(rewrite(u) is not None for u in urls)
