"""The normalisation stage: ``RawInput`` bytes -> :class:`~wirestream.models.Article`.

decode (size first) -> detect family -> format extractor -> :func:`.assemble.assemble`.
The public wrapper guarantees that only :class:`~wirestream.errors.Rejection` escapes.
"""

from __future__ import annotations

from wirestream.errors import Rejection
from wirestream.models import Article, RawInput
from wirestream.settings import NormaliseSettings

from . import reasons as r
from .assemble import assemble
from .decode import decode
from .detect import Family, family_from_content_type, forced_family, sniff
from .draft import Draft
from .htmldoc import extract_html
from .jsonfmt import extract_plain_json, parse_json
from .newsml import extract_newsml, find_news_item, parse_xml
from .ninjs import extract_ninjs, looks_like_ninjs
from .plaintext import extract_text


def _draft(text: str, family: Family, settings: NormaliseSettings) -> Draft:
    if family in (Family.JSON, Family.NINJS, Family.PLAIN_JSON):
        obj = parse_json(text)
        if family is Family.NINJS or (family is Family.JSON and looks_like_ninjs(obj)):
            return extract_ninjs(obj, settings)
        return extract_plain_json(obj, settings)
    if family is Family.XML:
        root = parse_xml(text)
        item = find_news_item(root)
        if item is None:
            r.reject(r.UNKNOWN_FORMAT, "XML is not a NewsML-G2 newsItem/newsMessage")
        return extract_newsml(item, settings)
    if family is Family.HTML:
        return extract_html(text, settings)
    return extract_text(text, settings)


def normalise_unchecked(raw: RawInput, settings: NormaliseSettings) -> Article:
    """The stage proper; may raise anything on a bug (see :func:`normalise`)."""
    text = decode(raw.value, settings.max_bytes, raw.content_type)
    if not text or text.isspace():  # (not text.strip(): that copies the whole payload)
        r.reject(r.EMPTY_BODY, "input is empty or whitespace only")
    if settings.forced_format:
        family = forced_family(settings.forced_format)
    else:
        family = family_from_content_type(raw.content_type) or sniff(text)
    return assemble(_draft(text, family, settings), settings)


def normalise(raw: RawInput, settings: NormaliseSettings) -> Article:
    """Normalise one input, raising :class:`Rejection` (and nothing else) for bad input.

    Any other exception is a bug; it is converted to ``internal_error`` here as a last resort so
    one article can never stop a worker. Tests assert real inputs never take that path.
    """
    try:
        return normalise_unchecked(raw, settings)
    except Rejection:
        raise
    except RecursionError:
        raise Rejection(r.INTERNAL_ERROR, "recursion limit hit while normalising") from None
    except Exception as exc:
        raise Rejection(r.INTERNAL_ERROR, f"unexpected {type(exc).__name__} while normalising") from exc
