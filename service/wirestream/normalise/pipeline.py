"""The normalisation stage: ``RawInput`` bytes -> :class:`~wirestream.models.Article`.

decode (size first) -> detect family -> format extractor -> :func:`.assemble.assemble`.
The public wrapper guarantees that only :class:`~wirestream.errors.Rejection` escapes.

JSON objects in plain UTF-8 (most ninjs and CMS feeds) take a shortcut: orjson reads the bytes
as they came (it validates UTF-8 itself) instead of the stage decoding them to ``str`` only for
orjson to encode that back to UTF-8. Anything the shortcut is not sure of, including every
error, goes the long way, so outcomes and rejection reasons are the same either way (a test
checks the catalogue and the fixtures through both).
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from wirestream.errors import Rejection
from wirestream.models import Article, RawInput
from wirestream.settings import NormaliseSettings

from . import reasons as r
from .assemble import assemble
from .decode import UTF8_CHARSETS, charset_of, decode
from .detect import Family, family_from_content_type, forced_family, sniff
from .draft import Draft
from .fields import lower_keys
from .htmldoc import extract_html
from .jsonfmt import extract_lowered_plain_json, parse_json
from .newsml import extract_newsml, find_news_item, parse_xml
from .ninjs import extract_lowered_ninjs, lowered_looks_like_ninjs
from .plaintext import extract_text
from .repair import close_repair_budget, open_repair_budget

# What detect.sniff calls JSON, on bytes: bytes' \s is ASCII whitespace only, a subset of str's, so
# a match here is a match there. No BOM can precede the "{".
_JSON_OBJECT_START = re.compile(rb"""\{\s*["'}]""")


def _from_json(obj: dict[str, Any], family: Family, settings: NormaliseSettings) -> Draft:
    doc = lower_keys(obj)  # once, for the ninjs test and for whichever extractor reads it
    if family is Family.NINJS or (family is Family.JSON and lowered_looks_like_ninjs(doc, obj.get("$schema"))):
        return extract_lowered_ninjs(doc, settings)
    return extract_lowered_plain_json(doc, settings)


def _draft(text: str, family: Family, settings: NormaliseSettings) -> Draft:
    if family in (Family.JSON, Family.NINJS, Family.PLAIN_JSON):
        return _from_json(parse_json(text), family, settings)
    if family is Family.XML:
        root = parse_xml(text)
        item = find_news_item(root)
        if item is None:
            r.reject(r.UNKNOWN_FORMAT, "XML is not a NewsML-G2 newsItem/newsMessage")
        return extract_newsml(item, settings)
    if family is Family.HTML:
        return extract_html(text, settings)
    return extract_text(text, settings)


def _json_object_from_bytes(raw: RawInput, settings: NormaliseSettings) -> tuple[dict[str, Any], Family] | None:
    """The parsed object and its family when the long way would surely reach ``parse_json`` with
    ``raw.value.decode("utf-8")`` and succeed: size within limits, no charset but UTF-8, a family
    that sniffing or the content type makes JSON, and orjson accepting the bytes (so they are valid
    UTF-8, hold no NUL, and are an object). ``None``: take the long way."""
    data = raw.value
    if settings.forced_format or len(data) > settings.max_bytes or _JSON_OBJECT_START.match(data) is None:
        return None
    family = Family.JSON
    if raw.content_type:
        typed = family_from_content_type(raw.content_type)
        if typed not in (None, Family.JSON, Family.NINJS, Family.PLAIN_JSON) or (
            charset_of(raw.content_type) not in UTF8_CHARSETS
        ):
            return None
        family = typed or Family.JSON
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    return (obj, family) if isinstance(obj, dict) else None


def normalise_unchecked(raw: RawInput, settings: NormaliseSettings) -> Article:
    """The stage proper; may raise anything on a bug (see :func:`normalise`).

    All text repair of the article shares one ftfy budget (``repair.open_repair_budget``)."""
    token = open_repair_budget()
    try:
        return _normalise(raw, settings)
    finally:
        close_repair_budget(token)


def _normalise(raw: RawInput, settings: NormaliseSettings) -> Article:
    found = _json_object_from_bytes(raw, settings)
    if found is not None:
        return assemble(_from_json(found[0], found[1], settings), settings)
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
