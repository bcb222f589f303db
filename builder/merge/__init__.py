"""Stage 5, merge: the articles' named graphs → one dataset, with the links only several articles give.

Each article's graph is made without looking at any other (the map), so what needs two articles is found
here, after all of them (the reduce). Hand-off in: an on-disk store holding every article's named graph
(bulk-loaded from the map's chunks, builder/write/chunks.py); the linking reads only what it needs through
the store's indexes. Out: quads to add and to remove, each in the graph of the article whose fact it
describes (a delta per graph, applied by the pipeline), so that every relation still sits in the named
graph of an article that states it.

- `event_versions`: one date and one status per event; each report's other version a claim
- `claims`, `conflicts`: claims of different articles that contradict each other, and their disagreement
- `statements_union`: a statement one article quotes and another does not is reported in both
"""
