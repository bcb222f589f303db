"""Stage 2, recognise and resolve: an `Article` → its entity mentions, one instance per real-world thing.

Hand-off: `builder.resolve.resolved.ResolvedArticle` (frozen): the `Article` and a tuple of
`builder.resolve.entities.EntityMention` (frozen: begin, end, the resolved `Entity`, the rule and its
confidence), sorted by offset, content paragraphs only; the extractors read them through
`builder.extract.context.ArticleContext.mentions`.

- `registry`: the curated entity registry (`curation/entities.yaml`), verified Wikidata ids; `Entity`
- `mentions`: recognition of candidate spans (registry names, head nouns, titles, bylines, datelines)
- `entities`: resolution of candidates to instances (canonical names, surnames, definite descriptions)
- `resolved`: `ResolvedArticle` and `resolve(article, registry)`, the stage function
"""
