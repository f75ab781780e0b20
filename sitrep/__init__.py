"""sitrep: news articles in, ACLED-format conflict-event data out."""

__version__ = "0.1.0"
