"""Stage 1, ingest: the corpus folder → `list[Article]`.

Hand-off: `builder.ingest.document.Article` (frozen): the article's id, its normalised text (the exact
`nif:isString`), its paragraphs with their role (content, furniture, duplicate) and its sentences, all as
code-point offsets, and its `ArticleMeta` from `corpus/sources.yaml`.

- `corpus`: reads and checks `sources.yaml`
- `decode`: bytes → text (strict UTF-8, BOM removed, CRLF/CR → LF, size cap)
- `segment`: paragraphs and sentences with code-point offsets
- `furniture`: page furniture and duplicated paragraphs
- `document`: the `Article` data model
- `articles`: `ingest_corpus(corpus_dir) -> list[Article]`, the stage function
"""
