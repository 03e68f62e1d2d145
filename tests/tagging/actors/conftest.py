"""Shared fixtures: one compiled tagger per session and a small Article builder."""

from __future__ import annotations

from datetime import datetime

import pytest

from wirestream.models import ActorTag, Article, Block, BlockKind, SourceFormat
from wirestream.tagging.actors import ActorTagger


def make_article(
    body: str | list[str],
    *,
    headline: str = "",
    date: str | None = "2025-07-04",
    language: str = "en",
) -> Article:
    """An Article as the normaliser would produce it: paragraphs joined by a blank line."""
    paras = [body] if isinstance(body, str) else body
    text = "\n\n".join(paras)
    blocks, pos = [], 0
    for p in paras:
        blocks.append(Block(kind=BlockKind.PARAGRAPH, text=p, start=pos, end=pos + len(p)))
        pos += len(p) + 2
    return Article(
        article_id="t",
        story_id="t",
        source_format=SourceFormat.TEXT,
        headline=headline,
        body=text,
        blocks=blocks,
        language=language,
        published=datetime.fromisoformat(f"{date}T12:00:00+00:00") if date else None,
        content_hash="0",
    )


@pytest.fixture(scope="session")
def tagger() -> ActorTagger:
    return ActorTagger.load()


# Shorthands of the session-15 error tests (test_errors_s15*.py): the tags of one sentence, their
# CAMEO codes, and the tag by each mention's surface.
def tags(tagger: ActorTagger, text: str, language: str = "en", headline: str = "") -> list[ActorTag]:
    return tagger.tag(make_article(text, language=language, headline=headline))


def codes(tagger: ActorTagger, text: str, language: str = "en") -> set[str | None]:
    return {t.code for t in tags(tagger, text, language)}


def by_surface(tagger: ActorTagger, text: str, language: str = "en") -> dict[str, ActorTag]:
    return {m.text: t for t in tags(tagger, text, language) for m in t.mentions}
