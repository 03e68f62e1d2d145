"""Build :class:`Article` values directly (the normaliser is another stage; tests must not wait on it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import xxhash

from wirestream.models import Article, Block, BlockKind, PubStatus, SourceFormat

T0 = datetime(2026, 7, 4, 12, 0, tzinfo=UTC)


def content_hash(headline: str, body: str) -> str:
    return xxhash.xxh3_64_hexdigest(f"{headline}\n\n{body}".encode())


def make_article(
    article_id: str,
    paragraphs: Sequence[str],
    *,
    headline: str = "Headline",
    story_id: str | None = None,
    version: int | None = None,
    version_created: datetime | None = None,
    pubstatus: PubStatus = PubStatus.USABLE,
    embargoed: datetime | None = None,
    byline: str | None = None,
) -> Article:
    blocks: list[Block] = []
    pos = 0
    for text in paragraphs:
        blocks.append(Block(kind=BlockKind.PARAGRAPH, text=text, start=pos, end=pos + len(text)))
        pos += len(text) + 2
    body = "\n\n".join(paragraphs)
    return Article(
        article_id=article_id,
        story_id=story_id or article_id,
        version=version,
        version_created=version_created,
        pubstatus=pubstatus,
        embargoed=embargoed,
        source_format=SourceFormat.JSON,
        headline=headline,
        byline=byline,
        body=body,
        blocks=blocks,
        language="en",
        published=T0,
        content_hash=content_hash(headline, body),
    )
