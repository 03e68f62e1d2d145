"""JSON: parsing (orjson) and the plain-JSON mapping (common CMS/scraper field names).

orjson is much faster than ``json`` and refuses documents nested deeper than 1024 levels with a
"depth limit exceeded" error, which we report as ``json_too_deep`` rather than ``invalid_json``
so ops can tell an attack or a serialiser bug from a truncated message.
"""

from __future__ import annotations

from typing import Any

import orjson

from wirestream.models import SourceFormat, Subject
from wirestream.settings import NormaliseSettings

from . import fields as f
from . import reasons as r
from .dates import parse_datetime
from .draft import Draft, RawBlock
from .html import html_blocks
from .limits import MAX_SUBJECTS, check_count
from .plaintext import take_byline, text_body_blocks
from .repair import clean_name

HEADLINE_KEYS = ("headline", "title", "hed", "heading")
SUBHEADLINE_KEYS = ("subheadline", "subtitle", "subhead", "dek", "standfirst", "deck")
BODY_KEYS = ("body", "text", "content", "body_text", "bodytext", "article", "story", "articlebody")
HTML_KEYS = ("body_html", "html", "content_html", "bodyhtml")
PUBLISHED_KEYS = (
    "published", "published_at", "publishedat", "datepublished", "pubdate", "publish_date",
    "date", "created", "created_at", "createdat", "firstcreated", "timestamp",
)  # fmt: skip
UPDATED_KEYS = ("updated", "updated_at", "updatedat", "modified", "datemodified", "last_modified")
LANGUAGE_KEYS = ("language", "lang", "locale", "inlanguage")
ID_KEYS = ("id", "guid", "uri", "uuid", "url", "link")
BYLINE_KEYS = ("byline", "by", "author", "authors", "creator")
SUBJECT_KEYS = ("subjects", "subject", "tags", "keywords", "categories", "topics")


def parse_json(text: str | bytes) -> dict[str, Any]:
    """Parse one JSON object (text, or its UTF-8 bytes) or raise invalid_json / json_too_deep / wrong_type."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        if "depth limit" in str(exc).lower() or "recursion" in str(exc).lower():
            r.reject(r.JSON_TOO_DEEP, "JSON nested deeper than 1024 levels")
        r.reject(r.INVALID_JSON, f"invalid JSON at char {exc.pos}")
    if not isinstance(value, dict):
        r.reject(r.WRONG_TYPE, f"top-level JSON must be an object, got {type(value).__name__}")
    return value


def is_html(text: str) -> bool:
    """A body string that is really markup (CMSes put HTML in "body" all the time)."""
    head = text.lstrip()[:200]
    if head.startswith("<") and ">" in head:
        return True
    window = text[:4000]  # two literal scans: lower-casing 4,000 characters costs more than both
    return "</p>" in window or "</P>" in window


def body_blocks_from(value: str, *, html: bool, headline: str | None = None) -> list[RawBlock]:
    """Blocks of a body field; an HTML ``<h1>`` repeating the headline is not kept as a subhead."""
    if html or is_html(value):
        return html_blocks(value, drop_h1=headline)
    return text_body_blocks(value)


def subjects_from(items: list[Any], key: str, default_scheme: str | None = None) -> list[Subject]:
    """Subjects as strings (free keywords) or objects with code/qcode/uri and name."""
    check_count(len(items), MAX_SUBJECTS, f"items in {key!r}")
    out: list[Subject] = []
    for item in items:
        if isinstance(item, str):
            keyword = clean_name(item)
            if keyword:
                out.append(Subject(name=keyword, scheme=default_scheme))
            continue
        obj = f.as_object(item, key)
        code = f.first_str(obj, ("code", "qcode", "uri", "id"))
        name = f.first_str(obj, ("name", "value", "label", "literal"))
        name = clean_name(name) or None if name else None
        scheme = f.opt_str(obj, "scheme") or default_scheme
        if code or name:
            out.append(Subject(code=code, name=name, scheme=scheme))
    return out


def byline_from(value: Any, key: str) -> str | None:
    """Bylines as a string, a list of names, or objects with a ``name``."""
    if value is None or isinstance(value, str):
        return value
    names: list[str] = []
    for item in f.as_list(value, key):
        if isinstance(item, str):
            names.append(item)
        else:
            name = f.opt_str(f.as_object(item, key), "name")
            if name:
                names.append(name)
    return ", ".join(names) or None


def extract_lowered_plain_json(doc: dict[str, Any], settings: NormaliseSettings) -> Draft:
    """A plain JSON article from a document whose keys are already lower-cased (``f.lower_keys``)."""
    draft = Draft(source_format=SourceFormat.JSON)
    html_found = f.first_key(doc, HTML_KEYS)
    body_found = f.first_key(doc, BODY_KEYS)
    headline = f.first_str(doc, HEADLINE_KEYS)
    if html_found is None and body_found is None and headline is None:
        r.reject(r.UNKNOWN_FORMAT, "JSON object has no headline/title/body/text field")
    if html_found is not None:
        value = f.opt_str(doc, html_found[0]) or ""
        draft.blocks = body_blocks_from(value, html=True, headline=headline)
    elif body_found is not None:
        value = f.opt_str(doc, body_found[0]) or ""
        draft.blocks = body_blocks_from(value, html=False, headline=headline)
    draft.headline = headline
    draft.subheadline = f.first_str(doc, SUBHEADLINE_KEYS)
    found = f.first_key(doc, BYLINE_KEYS)
    draft.byline = byline_from(found[1], found[0]) if found else None
    if draft.byline is None:
        draft.byline = take_byline(draft.blocks)
    draft.dateline = f.opt_str(doc, "dateline")
    found = f.first_key(doc, ID_KEYS)
    draft.agency_id = f.as_id(found[1], found[0]) if found else None
    draft.version = f.as_version(doc.get("version"))
    draft.pubstatus = f.as_pubstatus(doc.get("pubstatus"))
    draft.embargoed = parse_datetime(doc.get("embargoed"), "embargoed", settings)
    found = f.first_key(doc, PUBLISHED_KEYS)
    draft.published = parse_datetime(found[1], found[0], settings) if found else None
    found = f.first_key(doc, UPDATED_KEYS)
    draft.updated = parse_datetime(found[1], found[0], settings) if found else None
    found = f.first_key(doc, LANGUAGE_KEYS)
    draft.declared_language = f.as_language(found[1], found[0]) if found else None
    found = f.first_key(doc, SUBJECT_KEYS)
    if found is not None:
        items = found[1].split(",") if isinstance(found[1], str) else found[1]
        draft.subjects = subjects_from(f.as_list(items, found[0]), found[0])
    return draft
