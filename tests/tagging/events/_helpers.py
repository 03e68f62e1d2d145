"""Hand-built articles and actor tags for event-tagger unit tests (no actor tagger needed)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from wirestream.models import ActorTag, ActorType, Article, Block, BlockKind, EventTag, SourceFormat, Span, TextField
from wirestream.tagging.events import EventTagger


def article(body: str, headline: str = "", language: str = "en") -> Article:
    blocks = []
    pos = 0
    for para in body.split("\n\n"):
        blocks.append(Block(kind=BlockKind.PARAGRAPH, text=para, start=pos, end=pos + len(para)))
        pos += len(para) + 2
    return Article(
        article_id="test:1",
        story_id="test:1",
        source_format=SourceFormat.TEXT,
        headline=headline,
        body=body,
        blocks=blocks,
        language=language,
        content_hash="0" * 16,
        published=datetime(2025, 7, 4, tzinfo=UTC),
    )


def actors(art: Article, lexicon: dict[str, tuple[str, str | None, ActorType]]) -> list[ActorTag]:
    """ActorTags for every whole-word occurrence of each lexicon surface form.

    ``lexicon``: surface form -> (actor_id, country, type). Longer forms win over nested shorter ones.
    """
    spans: dict[str, list[Span]] = {}
    meta: dict[str, tuple[str | None, ActorType]] = {}
    taken: list[tuple[TextField, int, int]] = []
    for surface in sorted(lexicon, key=len, reverse=True):
        aid, country, typ = lexicon[surface]
        meta[aid] = (country, typ)
        for fld, text in ((TextField.HEADLINE, art.headline), (TextField.BODY, art.body)):
            for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
                if any(f == fld and m.start() < e and s < m.end() for f, s, e in taken):
                    continue
                taken.append((fld, m.start(), m.end()))
                spans.setdefault(aid, []).append(Span(text=m.group(), start=m.start(), end=m.end(), field=fld))
    return [
        ActorTag(actor_id=aid, name=aid, type=meta[aid][1], country=meta[aid][0], mentions=ms, confidence=0.9)
        for aid, ms in spans.items()
    ]


def asserted_events(
    tagger: EventTagger, text: str, headline: bool, lexicon: dict[str, tuple[str, str | None, ActorType]]
) -> list[EventTag]:
    """The events of ``text`` (a headline, or a body sentence) that are not negated, with actors from ``lexicon``."""
    art = article("", headline=text) if headline else article(text)
    return [e for e in tagger.tag(art, actors(art, lexicon)) if not e.negated]


def top(evs: list[EventTag]) -> EventTag:
    """The most confident of ``evs``: the article's main event as a consumer would pick it."""
    return max(evs, key=lambda e: e.confidence)
