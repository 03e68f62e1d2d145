"""Tagging: actors, events and IPTC topics, each driven by versioned data files.

:class:`Tagger` is the one entry point the pipeline calls. It runs the three taggers in data-flow
order (actors → events, which refer to actor ids → topics, which use both) and records the version of
every dictionary and rule set in ``Tags.versions`` so each enriched record says what tagged it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Article, Tags

if TYPE_CHECKING:
    from .actors import ActorTagger
    from .events import EventTagger
    from .topics import TopicTagger


class Tagger:
    def __init__(self, actors: ActorTagger, events: EventTagger, topics: TopicTagger) -> None:
        self.actors = actors
        self.events = events
        self.topics = topics

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Tagger:
        """Load the packaged dictionaries and rules (compiled once, here, not per article).

        ``cache_dir``: where compiled dictionaries are kept between processes (``blobcache``);
        None compiles them in this process.
        """
        from .actors import ActorTagger
        from .events import EventTagger
        from .topics import TopicTagger

        return cls(ActorTagger.load(cache_dir=cache_dir), EventTagger.load(), TopicTagger.load())

    @property
    def versions(self) -> dict[str, str]:
        return {
            "actors": self.actors.version,
            "events": self.events.version,
            "topics": self.topics.version,
        }

    def tag(self, article: Article, versions: Mapping[str, str] | None = None) -> Tags:
        """The article's tags, stamped with :attr:`versions`, or with ``versions`` when given.

        The pipeline passes its own versions (these plus the routing table's), so that the tags are
        built once as the record carries them instead of built and then copied with the addition.
        """
        actors = self.actors.tag(article)
        events = self.events.tag(article, actors)
        topics = self.topics.tag(article, actors, events)
        stamp = self.versions if versions is None else versions
        return Tags(actors=actors, events=events, topics=topics, versions=stamp)
