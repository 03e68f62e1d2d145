"""IPTC Media Topic tagging (top level), derived from events, actors, keywords and agency subjects.

Public API used by the pipeline::

    TopicTagger.load().tag(article, actors, events) -> list[str]   # e.g. ["medtop:16000000"]
    TopicTagger.load().version
"""

from .tagger import TopicTagger, agency_topics

__all__ = ["TopicTagger", "agency_topics"]
