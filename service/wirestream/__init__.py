"""wirestream: stream-processing ingestion for news wire articles.

The package is a functional core (``normalise``, ``dedupe``, ``tagging``, ``routing``: plain typed
functions over the pydantic models in :mod:`wirestream.models`) wrapped by a thin Faust shell
(:mod:`wirestream.app`) and a CLI (:mod:`wirestream.cli`).
"""

__version__ = "0.1.0"
