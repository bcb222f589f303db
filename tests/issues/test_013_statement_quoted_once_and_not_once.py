"""Fixed bug (issue 13): one statement referred to twice in an article, once with its words quoted and once
without, got both `cps:textReported true` and `false`, and the build refused the dataset (the shapes
allow exactly one value). Generated corpora of 100 articles tripped it; so can a real article. The text
is reported when any reference quotes it; across articles the reduce makes the same choice
(builder.statements_union)."""

from __future__ import annotations

from builder.pipeline import assemble
from tests.corpus_factory import make_corpus
from tests.robustness.promises import CURATION

QUOTED = ("Chicago Teachers Union President Marcus Yamamoto said in a statement Monday evening:\n\n"
          "“As we work toward an agreement that provides families stability, we are close.”\n\n")
UNQUOTED = ("Chicago Teachers Union President Marcus Yamamoto said in a statement Monday evening:\n\n"
            "He said working conditions aren’t usually in the bullseye of a teachers union dispute.\n")
ARTICLE = "CHICAGO — Chicago teachers met on Monday.\n\n" + QUOTED + UNQUOTED  # as generated corpora had it


def test_a_statement_quoted_once_is_reported_once(tmp_path):
    quads = assemble(make_corpus(tmp_path, {"a": ARTICLE.encode()}), CURATION).quads
    reported = [q for q in quads if q.predicate.value.endswith("#textReported")]
    assert reported, "the article's statement is extracted"
    assert {q.object.value for q in reported} == {"true"}


def test_across_articles_a_statement_quoted_by_one_is_reported_in_both(tmp_path):
    quads = assemble(make_corpus(tmp_path, {"a": QUOTED.encode(), "b": UNQUOTED.encode()}), CURATION).quads
    reported = {(q.subject.value, q.graph_name.value.rsplit("/", 1)[-1], q.object.value) for q in quads
                if q.predicate.value.endswith("#textReported")}
    assert {graph for _, graph, _ in reported} == {"a", "b"}
    assert {value for _, _, value in reported} == {"true"}
    assert len({subject for subject, _, _ in reported}) == 1
