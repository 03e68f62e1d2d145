"""The intermediate record every format extractor fills in.

Extractors only *find* things (which string is the headline, which the body); all cleaning,
dateline/boilerplate splitting, language detection and hashing happen once, in :mod:`.assemble`,
so the formats cannot drift apart in how they normalise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from wirestream.models import BlockKind, PubStatus, SourceFormat, Subject


@dataclass(slots=True)
class RawBlock:
    """A paragraph or subhead as found, before repair (may still contain odd whitespace)."""

    kind: BlockKind
    text: str
    # A paragraph split out of a clean_document result: already repaired, stripped and collapsed,
    # so assemble does no cleaning at all (a property test checks clean_line leaves it unchanged).
    repaired: bool = False


@dataclass(slots=True)
class Draft:
    source_format: SourceFormat
    blocks: list[RawBlock] = field(default_factory=list)
    headline: str | None = None
    subheadline: str | None = None
    byline: str | None = None
    dateline: str | None = None  # an explicit dateline field (NewsML <dateline>, JSON "dateline")
    located: str | None = None  # ninjs/NewsML "located": a place name, no dateline text
    agency_id: str | None = None
    version: int | None = None
    version_created: datetime | None = None
    pubstatus: PubStatus = PubStatus.USABLE
    embargoed: datetime | None = None
    published: datetime | None = None
    updated: datetime | None = None
    declared_language: str | None = None
    subjects: list[Subject] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)  # e.g. ninjs copyrightnotice
