"""cpskg: build an evidence-grounded knowledge graph from news articles about the CPS-CTU negotiations."""

__version__ = "0.1.0"
