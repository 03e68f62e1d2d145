"""Whole HTML documents (and bare fragments) as articles."""

from __future__ import annotations

from wirestream.models import SourceFormat
from wirestream.settings import NormaliseSettings

from . import reasons as r
from .dates import parse_datetime
from .draft import Draft
from .html import parse_page
from .plaintext import take_byline


def extract_html(markup: str, settings: NormaliseSettings) -> Draft:
    page = parse_page(markup)
    if not page.blocks:
        r.reject(r.EMPTY_BODY, "HTML contains no text")
    draft = Draft(source_format=SourceFormat.HTML, blocks=page.blocks)
    draft.headline = page.title
    draft.declared_language = page.language[:35] if page.language else None
    draft.byline = page.author or take_byline(draft.blocks)
    draft.published = parse_datetime(page.published, "article:published_time", settings)
    draft.updated = parse_datetime(page.modified, "article:modified_time", settings)
    draft.agency_id = page.canonical[:512] if page.canonical else None
    return draft
