"""Stage 4, emit: an article → the quads of its own named graph.

Hand-off in: the `Article` (ingest) and the extractors' facts, which they write through the article's
`builder.emit.terms.QuadSink`. Out: `sink.quads()`, the sorted quads of the graph
`https://w3id.org/cpskg/graph/article/{id}` (`graph.emit_graph`; the pipeline's frozen `ArticleGraph`).

- `mint`: every IRI is minted here, content-derived and checked with `pyoxigraph.NamedNode`
- `terms`: typed literals (from `date`, `Decimal`, `int`, `str` only) and the `QuadSink`
- `articles`: the article's metadata, its NIF context, paragraphs, sentences and page furniture
- `annotate`: each mention linked to its sentences (`nif:sentence`), the article to its topics
- `graph`: `emit_graph(article, facts)`, the stage function: description + facts + annotation
"""
