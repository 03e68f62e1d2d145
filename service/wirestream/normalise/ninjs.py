"""IPTC ninjs 1.x / 2.x / 3.x.

Differences handled (keys are lower-cased first, so 3.x ``versionCreated`` == 2.x ``versioncreated``):

* 1.x: ``headline``, ``body_text``/``body_html``, ``description_text``, ``byline``, ``subject``,
  ``place``/``person``/``organisation``; ``uri`` required.
* 2.x/3.x: ``headlines[]`` and ``bodies[]`` (objects with ``role``, ``contenttype``, ``value``),
  ``by``, ``subjects``, ``places``/``people``/``organisations``.

For bodies, HTML (``role`` html/richtext or an HTML content type) is preferred to plain text because
it carries paragraph and subhead structure. ``description_text`` (2.x/3.x ``descriptions``) is a
summary, not a subheadline: it is used as the body only when a text item has no body at all
(short "flash" items), never mixed into one. ``associations`` (pictures, related items) are type-checked and ignored.
"""

from __future__ import annotations

from typing import Any

from wirestream.models import SourceFormat, Subject
from wirestream.settings import NormaliseSettings

from . import fields as f
from . import reasons as r
from .dates import parse_datetime
from .draft import Draft
from .jsonfmt import body_blocks_from, byline_from, subjects_from
from .limits import MAX_SUBJECTS, check_count
from .plaintext import take_byline

_NINJS_MARKERS = frozenset(
    {
        "versioncreated", "firstcreated", "pubstatus", "body_text", "body_html", "headlines",
        "bodies", "associations", "renditions", "representationtype", "copyrightnotice",
        "urgency", "located", "description_text",
    }
)  # fmt: skip
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")
_SUB_ROLES = frozenset({"sub", "subheadline", "subhead", "subtitle", "alternate-sub"})
_ENTITY_KEYS = (
    ("subject", None), ("subjects", None),
    ("place", "place"), ("places", "place"),
    ("person", "person"), ("people", "person"),
    ("organisation", "organisation"), ("organisations", "organisation"),
)  # fmt: skip


def lowered_looks_like_ninjs(doc: dict[str, Any], schema: object) -> bool:
    """ninjs: an ``uri``/``guid`` plus at least one ninjs-only field, or a ninjs ``$schema``; from
    the document with lower-cased keys (``f.lower_keys``) and the original's ``$schema`` value."""
    if isinstance(schema, str) and "ninjs" in schema.lower():
        return True
    return not doc.keys().isdisjoint(("uri", "guid")) and not doc.keys().isdisjoint(_NINJS_MARKERS)


def _headlines(items: list[Any]) -> tuple[str | None, str | None]:
    """(main, sub) headline from ninjs 2/3 ``headlines``: the first of each role, one pass."""
    main: str | None = None
    sub: str | None = None
    found_main = found_sub = False
    for item in items:
        obj = f.as_object(item, "headlines")
        role = (f.opt_str(obj, "role") or "main").lower()
        if role in _SUB_ROLES:
            if not found_sub:
                sub, found_sub = f.opt_str(obj, "value"), True
        elif not found_main:
            main, found_main = f.opt_str(obj, "value"), True
        if found_main and found_sub:
            break
    return main, sub


def _bodies(items: list[Any]) -> tuple[str | None, bool]:
    """(value, is_html) of the best body in ninjs 2/3 ``bodies``."""
    text_body: str | None = None
    for item in items:
        obj = f.lower_keys(f.as_object(item, "bodies"))
        value = f.opt_str(obj, "value")
        if value is None:
            continue
        role = (f.opt_str(obj, "role") or "").lower()
        ctype = (f.opt_str(obj, "contenttype") or "").lower()
        if ctype.startswith(_HTML_TYPES) or role in {"html", "richtext", "xhtml"}:
            return value, True
        if text_body is None:
            text_body = value
    return text_body, False


def _description(doc: dict[str, Any]) -> str | None:
    """``description_text`` (1.x) or the first ``descriptions[].value`` (2.x/3.x)."""
    text = f.opt_str(doc, "description_text")
    if text is not None and text.strip():
        return text
    for item in f.as_list(doc.get("descriptions"), "descriptions"):
        value = f.opt_str(f.as_object(item, "descriptions"), "value")
        if value is not None and value.strip():
            return value
    return None


_ENTITY_KEY_NAMES = frozenset(key for key, _ in _ENTITY_KEYS)


def _subjects(doc: dict[str, Any]) -> list[Subject]:
    if doc.keys().isdisjoint(_ENTITY_KEY_NAMES):  # one C-level test for the usual item without any
        return []
    out: list[Subject] = []
    total = 0
    for key, scheme in _ENTITY_KEYS:
        if key in doc:
            items = f.as_list(doc[key], key)
            # All lists together, before the names of the next one are cleaned (assemble checks the
            # total only after cleaning: 8 lists of 1,000 names each would all be cleaned first).
            total += len(items)
            check_count(total, MAX_SUBJECTS, "subjects/places/people/organisations")
            out.extend(subjects_from(items, key, scheme))
    return out


def extract_lowered_ninjs(doc: dict[str, Any], settings: NormaliseSettings) -> Draft:
    """A ninjs article from a document whose keys are already lower-cased (``f.lower_keys``)."""
    draft = Draft(source_format=SourceFormat.NINJS)
    main, sub = _headlines(f.as_list(doc.get("headlines"), "headlines"))
    draft.headline = f.opt_str(doc, "headline") or main
    draft.subheadline = sub
    body_html = f.opt_str(doc, "body_html")
    body_text = f.opt_str(doc, "body_text")
    if body_html is not None and body_html.strip():
        draft.blocks = body_blocks_from(body_html, html=True, headline=draft.headline)
    elif body_text is not None:
        draft.blocks = body_blocks_from(body_text, html=False)
    elif "bodies" in doc:
        value, is_html = _bodies(f.as_list(doc["bodies"], "bodies"))
        if value is not None:
            draft.blocks = body_blocks_from(value, html=is_html, headline=draft.headline)
    # Read (so type-checked) even when unused: a wrong type is the same error with or without a body.
    item_type = f.opt_str(doc, "type")
    summary = _description(doc)
    if not draft.blocks and item_type in (None, "text") and summary is not None:
        draft.blocks = body_blocks_from(summary, html=False)
    found = f.first_key(doc, ("byline", "by"))
    draft.byline = byline_from(found[1], found[0]) if found else take_byline(draft.blocks)
    located = doc.get("located")
    draft.located = f.opt_str(doc, "located") if not isinstance(located, dict) else None
    draft.agency_id = f.as_id(doc.get("uri"), "uri") or f.as_id(doc.get("guid"), "guid")
    draft.version = f.as_version(doc.get("version"))
    draft.pubstatus = f.as_pubstatus(doc.get("pubstatus"))
    draft.version_created = parse_datetime(doc.get("versioncreated"), "versioncreated", settings)
    draft.embargoed = parse_datetime(doc.get("embargoed"), "embargoed", settings)
    first = parse_datetime(doc.get("firstcreated"), "firstcreated", settings)
    draft.published = first or draft.version_created
    draft.updated = draft.version_created if first is not None else None
    draft.declared_language = f.as_language(doc.get("language"))
    draft.subjects = _subjects(doc)
    notice = f.opt_str(doc, "copyrightnotice")
    if notice and notice.strip():
        draft.boilerplate.append(notice)
    if "associations" in doc and not isinstance(doc["associations"], dict | list | None):
        r.reject(r.WRONG_TYPE, "field 'associations' must be an object or a list")
    return draft
