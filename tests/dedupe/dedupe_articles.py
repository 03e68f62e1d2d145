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


# A wire story used by the unit and the real-broker tests (written for the purpose).
STORY = [
    "Russian forces launched a fresh assault on Kharkiv on Tuesday, officials said, in what they "
    "described as the heaviest fighting in six weeks.",
    "At least 14 people were killed and 52 wounded when the strikes hit a market, a school and "
    "three apartment buildings in the centre of the city, according to local authorities.",
    "President Volodymyr Zelenskiy said Ukrainian forces had repelled 11 attacks near the city "
    "since dawn and accused Moscow of deliberately targeting civilian areas.",
    "The United Nations called for an immediate halt to the violence and urged both sides to "
    "protect civilians and allow aid convoys to reach the worst-hit districts.",
    "Power was cut to about 40,000 homes after the attack, the regional energy company said, and "
    "engineers worked through the night to restore supplies to hospitals.",
]
