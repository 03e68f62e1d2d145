"""Event tagging: PLOVER 2021 / CAMEO events with source and target actors.

Public API used by the pipeline::

    EventTagger.load().tag(article, actors) -> list[EventTag]
    EventTagger.load().version
"""

from .engine import EventTagger

__all__ = ["EventTagger"]
