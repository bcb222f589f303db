"""Stage 6, validate: the union graph of all articles → a `ValidationReport`, before anything is written.

Hand-off in: the linked `ArticleGraph`s and the on-disk store that holds them (`ondisk`: shapes and
quality checks on on-disk Oxigraph stores, never the whole dataset as Python objects). Out:
`builder.validate.shacl.ValidationReport` (its `Result`s: severity, focus node, path, shape, message); a
violation stops the build with exit code 1.

- `shacl`: pySHACL, the reference, with the ontology's subclass axioms; strict file reading
- `fastvalidate`: the same shapes compiled to SPARQL on pyoxigraph (the build's default, same results)
- `ondisk`: the build's validate stage on on-disk stores (the union for the quality checks)
- `reasoning`: HermiT (owlready2) over the ontology: consistency, unsatisfiable classes
"""
