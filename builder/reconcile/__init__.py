"""A W3C Reconciliation API 0.2 service over the built graph's entities (`cpskg reconcile`).

Hand-off in: the dataset file and the export mapping (`builder.export.mapping`). Out: a
`builder.reconcile.index.ReconciliationIndex` and the HTTP service answering reconciliation queries.

- `index`: the entity index (labels, aliases, types, Wikidata ids) and its scoring
- `service`: the HTTP service and its click command
"""
