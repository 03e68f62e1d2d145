"""Plain-text wire copy (see :mod:`.text` for the paragraph rules) to a Draft."""

from __future__ import annotations

import re

from wirestream.models import SourceFormat
from wirestream.settings import NormaliseSettings

from .dates import parse_date_marker
from .draft import Draft, RawBlock
from .limits import MAX_BLOCKS, MAX_TEXT_LINES, check_count
from .repair import clean_document_final
from .text import split_date_marker, split_paragraphs

_BYLINE = re.compile(r"^(?:By|BY|Por|POR|Von|VON|Par|PAR|Di|DI|Door|Od|От|Від|بقلم)\s+\S.{0,78}$", re.UNICODE)


def _check_size(text: str) -> None:
    """Refuse absurd line/paragraph counts before splitting (C-speed counts; the exact block
    count is checked again after splitting)."""
    breaks = text.count("\n")
    check_count(breaks, MAX_TEXT_LINES, "line breaks")
    if breaks > 2 * MAX_BLOCKS:  # fewer line breaks cannot make more than MAX_BLOCKS "\n\n" pairs
        check_count(text.count("\n\n"), MAX_BLOCKS, "blank-line paragraph breaks")


def text_body_blocks(text: str) -> list[RawBlock]:
    """Paragraph blocks of a text body (also used for JSON ``body``/ninjs ``body_text``)."""
    _check_size(text)
    document, final = clean_document_final(text)
    return split_paragraphs(document, repaired=final)


def take_byline(blocks: list[RawBlock]) -> str | None:
    """A "By Jane Doe" line among the first two blocks becomes the byline."""
    for index, block in enumerate(blocks[:2]):
        text = block.text.strip()
        if _BYLINE.match(text) and not text.endswith((".", "!", "?")):
            del blocks[index]
            return text
    return None


def extract_text(text: str, settings: NormaliseSettings) -> Draft:
    draft = Draft(source_format=SourceFormat.TEXT)
    _check_size(text)
    text, final = clean_document_final(text)
    marker, text = split_date_marker(text)
    if marker is not None:
        draft.published = parse_date_marker(marker, settings)
    draft.blocks = split_paragraphs(text, repaired=final)
    draft.byline = take_byline(draft.blocks)
    return draft
