"""Stage 7, write: the validated dataset → the files of output/, replaced all or nothing.

Hand-off in: the pipeline's `BuildResult` (the quads of every named graph and the build report). Out: a
`dict[str, bytes]` of output files (each RDF file re-read by a strict parser before it is kept), then the
output folder swapped in at once.

- `rdfio`: deterministic sorted serialisation, strict re-parse, the RDFC-1.0 hash
- `atomic`: all-or-none replacement of the output folder
- `jsonld`: compact JSON-LD and its published context
- `describe`: the VoID / DCAT description of the dataset
- `pictures`: the timeline and who's-who pictures
- `ontology_docs`, `cache`: the ontology's HTML page and class diagram, cached by content
"""
