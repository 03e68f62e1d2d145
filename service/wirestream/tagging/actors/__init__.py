"""Actor tagging: who and where an article is about, as CAMEO-style coded actors.

Usage::

    tagger = ActorTagger.load()          # compiles the packaged dictionary once per version
    tags = tagger.tag(article)           # list[ActorTag], resolved at the article's date
    tagger.version                       # dictionary VERSION, recorded with every tag set

``ActorTaggerHandle`` adds hot reload of the data files. The dictionary lives in
``wirestream/tagging/data/actors`` (YAML + VERSION + schema.json); no names are hard-coded here.
"""

from __future__ import annotations

from .tagger import ActorTagger, ActorTaggerHandle

__all__ = ["ActorTagger", "ActorTaggerHandle"]
