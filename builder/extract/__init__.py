"""Stage 3, extract: an article and its resolved entity mentions → the facts it states, one module per kind
of fact.

Hand-off in: `builder.resolve.resolved.ResolvedArticle` (frozen: the `Article` and its resolved
`EntityMention`s), which `extract_article` wraps in an `ArticleContext` (with a fresh `QuadSink` and the
`Registry`) for the extractors. Out: `builder.extract.context.ArticleFacts` (frozen): the quads of the
facts, each grounded in the exact words that state it (`ctx.ground`).

- `extractors`: `EXTRACTORS` (their order) and `extract_article(resolved, registry) -> ArticleFacts`
- `context`: `ArticleContext`, `ArticleFacts`, the entities with all their mentions
- `posts`: W3C ORG posts, holdings, memberships
- `quotes`: quotations and statements
- `quantities`, `numbers`: reported figures and the number grammar
- `dates`: date expressions resolved against the publication date
- `eventbook`, `events`, `offers`, `schedule`: negotiation events, final offers and terms, phased returns
- `claims`: claims and disagreements
- `attribution`: who a figure or claim is attributed to
- `rules`: the catalogue of extraction rules every `prov:wasGeneratedBy` names
"""
