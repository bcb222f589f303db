"""Stage 5, merge: the articles' named graphs → one dataset, with the links only several articles give.

Each article's graph is made without looking at any other (the map), so what needs two articles is found
here, after all of them (the reduce). Hand-off in: the per-article results (frozen `ArticleGraph`s: the article
id, its quads, its stats). Out: new quads, each put into the graph of the article whose fact it
describes, so that every relation still sits in the named graph of an article that states it.

- `claims`: claims of different articles that contradict each other, and their disagreement
"""
