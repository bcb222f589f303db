"""Querying the built dataset: the canned SPARQL catalogue, embedded stores, remote endpoints, the server.

Hand-off in: a dataset file (`output/cpskg.trig`) or an endpoint URL, a `CannedQuery` and its typed
parameters. Out: `builder.query.results.QueryResult`, engine-neutral rows.

- `queries`: the `.rq` catalogue with typed parameters (`Catalogue`, `CannedQuery`)
- `catalogue`: the README's generated list of canned queries
- `store`: embedded stores (pyoxigraph, rdflib) over the dataset
- `sparql_run`: bound parameters, remote endpoints through SPARQLWrapper, the quality-check queries
- `results`: engine-neutral results and their table / CSV / JSON renderings
- `server`: `cpskg serve` (an Oxigraph server on 127.0.0.1) and Graph Store Protocol loads
"""
