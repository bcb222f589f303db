"""Stage 7, write: the validated dataset → the files of output/, replaced all or nothing.

Hand-off in: the linked `chunks.ArticleGraph`s (frozen: each article graph's sorted N-Quads chunk file) and
the validation summary. Out: the output files, streamed from the chunks into the work folder (each RDF
file re-read by a streaming strict parse and compared by digest), then the output folder swapped in at
once; the caller gets the frozen `pipeline.BuildResult` (graphs, report, file names).

- `chunks`: `ArticleGraph`, the per-article chunk files (sorted N-Quads) and their concatenated stream
- `graph_cache`: per-article graphs cached by the article's bytes, metadata, code, ontology and curation
- `stream`, `dataset`: TriG, union Turtle and JSON-LD merged from the sorted chunks; the report and hash
- `in_memory`: the same files from a dataset in memory, the reference the streamed bytes are tested against
- `rdfio`: deterministic sorted serialisation, the RDFC-1.0 hash, `write_atomically`
- `atomic`: all-or-none replacement of the output folder
- `jsonld`: compact JSON-LD and its published context
- `describe`: the VoID / DCAT description of the dataset
- `pictures`: the timeline and who's-who pictures
- `ontology_docs`, `cache`: the ontology's HTML page and class diagram, cached by content
"""
