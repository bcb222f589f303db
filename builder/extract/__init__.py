"""Stage 3, extract: an article and its resolved entity mentions → the facts it states, one module per kind
of fact.

Hand-off in: `builder.extract.context.ArticleContext` (the `Article`, its `QuadSink`, the `Registry`, the
resolved `EntityMention`s of its content paragraphs). Out: the facts, written into the article's sink as
quads, each grounded in the exact words that state it (`ctx.ground`).

- `context`: `ArticleContext`, the entities with all their mentions, `extract_article`
- `posts`: W3C ORG posts, holdings, memberships
- `quotes`: quotations and statements
- `quantities`, `numbers`: reported figures and the number grammar
- `dates`: date expressions resolved against the publication date
- `eventbook`, `events`, `offers`, `schedule`: negotiation events, final offers and terms, phased returns
- `claims`: claims and disagreements
- `attribution`: who a figure or claim is attributed to
- `rules`: the catalogue of extraction rules every `prov:wasGeneratedBy` names
"""
