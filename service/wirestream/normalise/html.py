"""HTML (ninjs ``body_html``, NewsML inline XHTML, whole web pages) to blocks, with selectolax.

One iterative walk over the DOM (no recursion: a 10,000-deep ``<div>`` nest must not blow the
stack). Block-level elements close the current paragraph. A single ``<br>`` is a hard line wrap
inside the paragraph (joined with a space); two or more in a row (``<br><br>``, the classic wire
HTML paragraph separator) split paragraphs. ``h2``–``h6`` become
subheads; ``h1`` too, unless it is the page headline (then it is dropped from the body). Text inside
a heading stays subhead text when a block element sits in it (``<h2><div>Strikes</div></h2>``). Chrome and
non-text elements (script, style, nav, aside, footer, forms, ...) are skipped with their subtree.
Entities are decoded by the parser.

Depth guard: lexbor's tree building is quadratic in nesting depth (10,000 nested ``<div>`` take
~150 ms), so markup with many tags is first scanned for its element depth and rejected as
``markup_too_deep`` beyond ``MAX_DEPTH``. Auto-closing (``p``, ``li``, ``td``...) and void elements
are not counted, so sloppy-but-real HTML with thousands of unclosed ``<p>`` still passes. The scan
only runs above ``_SCAN_ABOVE_TAGS`` tags (a news article has a few hundred), keeping the common
case free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter
from typing import cast

from selectolax.lexbor import LexborHTMLParser, LexborNode

from wirestream.models import BlockKind

from . import reasons as r
from .draft import RawBlock
from .limits import MAX_MARKUP_TAGS, check_count

MAX_DEPTH = 512
_SCAN_ABOVE_TAGS = 1_000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})")
_NOT_NESTING = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead",
        "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "optgroup",
    }
)  # fmt: skip

_SKIP = frozenset(
    {
        "script", "style", "nav", "aside", "footer", "noscript", "template", "form", "iframe",
        "svg", "math", "button", "select", "textarea", "head", "object", "embed", "canvas",
        "video", "audio", "picture", "img", "input", "dialog", "menu", "figure",
    }
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "blockquote", "li", "ul", "ol", "dl",
        "dt", "dd", "pre", "table", "tr", "td", "th", "tbody", "thead", "figcaption", "address",
        "hr", "center", "body", "html", "hgroup", "details", "summary",
    }
) | _HEADINGS  # fmt: skip


_BR = "\ue000"  # private-use marker for <br> while collecting text
_BR_RUN = re.compile("\ue000(?:\\s*\ue000)+")


@dataclass(slots=True)
class HtmlPage:
    """What a whole HTML document tells us besides its body."""

    blocks: list[RawBlock]
    title: str | None = None
    language: str | None = None
    author: str | None = None
    published: str | None = None
    modified: str | None = None
    canonical: str | None = None


def check_depth(markup: str) -> None:
    """Reject markup with too many tags or nested deeper than MAX_DEPTH (module docstring)."""
    tags = markup.count("<")
    check_count(tags, MAX_MARKUP_TAGS, "'<' in markup")
    if tags <= _SCAN_ABOVE_TAGS:
        return
    depth = 0
    for match in _TAG.finditer(markup):
        name = match.group(2).lower()
        if name in _NOT_NESTING:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > MAX_DEPTH:
                r.reject(r.MARKUP_TOO_DEEP, f"HTML nested deeper than {MAX_DEPTH} elements")


# Anything that needs the full walk: <br> semantics, or elements whose text must be dropped.
# table, marquee and applet too: they are the elements (with button, object, template, svg and math
# above) inside which the HTML parser lets a <p> hold block elements (a table only in quirks mode,
# which is how every fragment without a doctype is parsed); every other block start tag closes an
# open <p> first. So on the fast path a <p> never has block descendants; headings can, and
# _flat_blocks checks them (see there).
_WALK_TAGS = (
    "br", "wbr", "script", "style", "noscript", "template", "svg", "math", "button", "select",
    "textarea", "object", "iframe", "form", "nav", "aside", "footer", "figure", "dialog", "menu",
    "canvas", "video", "audio", "head", "table", "marquee", "applet",
)  # fmt: skip


def _any_case(word: str) -> str:
    return "".join(f"[{c}{c.upper()}]" for c in word)


def _needs_walk_pattern(tags: tuple[str, ...]) -> str:
    """``<`` + any of ``tags`` (any case) + a word boundary, shaped for the regex engine: character
    classes rather than re.IGNORECASE keep its fast scan for the literal "<"; a lookahead on the
    tags' first letters drops the usual "<p"/"</p"/"<h2" at once; and the alternatives are grouped
    by first letter so a candidate tries a few branches, not all of them (1 µs instead of 3.6 on a
    2 KB body; a test checks it against the plain IGNORECASE alternation)."""
    by_first: dict[str, list[str]] = {}
    for tag in tags:
        by_first.setdefault(tag[0], []).append(tag[1:])
    firsts = "".join(sorted(first + first.upper() for first in by_first))
    branches = "|".join(
        f"[{first}{first.upper()}](?:{'|'.join(_any_case(rest) for rest in rests)})"
        for first, rests in by_first.items()
    )
    return f"<(?=[{firsts}])(?:{branches})\\b"


_NEEDS_WALK = re.compile(_needs_walk_pattern(_WALK_TAGS))


def _tag_ids() -> tuple[dict[int, BlockKind], frozenset[int], int]:
    """lexbor's numeric tag ids (``LexborNode.tag_id``, an int, is about half the cost of ``tag``,
    which builds a str) for the flat path's tags, read from a parse rather than hard-coded."""
    flat = ("p", "h2", "h3", "h4", "h5", "h6")
    wrappers = ("div", "section", "article", "main")
    sample = "".join(f"<{name}></{name}>" for name in flat + wrappers) + "<!---->"
    body = LexborHTMLParser(sample).body
    assert body is not None
    nodes = list(body.iter())
    ids = {node.tag: node.tag_id for node in nodes}
    kinds = {ids[name]: BlockKind.PARAGRAPH if name == "p" else BlockKind.SUBHEAD for name in flat}
    return kinds, frozenset(ids[name] for name in wrappers), ids["-comment"]


_KIND_BY_TAG_ID, _WRAPPER_TAG_IDS, _COMMENT_TAG_ID = _tag_ids()
_TAG_ID = attrgetter("tag_id")


def html_blocks(markup: str, *, drop_h1: str | None = None) -> list[RawBlock]:
    """Blocks of an HTML fragment or document, in document order."""
    check_depth(markup)
    tree = LexborHTMLParser(markup)
    if tree.body is None:
        return []
    if _NEEDS_WALK.search(markup) is None:
        flat = _flat_blocks(tree.body)
        if flat is not None:
            return flat
    return _walk(tree.body, drop_h1)


def _flat_blocks(body: LexborNode) -> list[RawBlock] | None:
    """Fast path for the usual wire body: a flat run of ``<p>``/``<h2>``..``<h6>`` (optionally in
    a chain of single ``<div>``/``<section>``/``<article>``/``<main>`` wrappers) with nothing to
    skip and no ``<br>`` (the caller's pre-check). Each block's text comes from selectolax in C;
    the result equals :func:`_walk`'s (property tests check). ``None`` means "not that shape": use
    the walk. That includes a heading with a block element inside (``<h2><div>..</div></h2>``):
    the walk splits there, lexbor's text would not. A ``<p>`` cannot hold one here (see
    ``_WALK_TAGS``)."""
    found = _element_children(body)
    for _ in range(4):  # unwrap <div><section>... chains of single wrappers
        if found is None:
            return None
        ids, nodes = found
        if len(ids) != 1 or ids[0] not in _WRAPPER_TAG_IDS:
            break
        found = _element_children(nodes[0])
    if found is None:
        return None
    ids, nodes = found
    kind_of = _KIND_BY_TAG_ID.get
    found_kinds = [kind_of(tag_id) for tag_id in ids]
    if None in found_kinds:
        return None
    kinds = cast(list[BlockKind], found_kinds)
    subhead = BlockKind.SUBHEAD
    if subhead in kinds and any(
        kind is subhead and _has_block_inside(node) for kind, node in zip(kinds, nodes, strict=True)
    ):
        return None
    # lexbor's own textContent: one C call per block, no Python-side walk
    texts = list(map(LexborNode.text_lexbor, nodes))
    # (`text and not text.isspace()` is `text.strip() != ""` without copying the text)
    if "" not in texts and not any(map(str.isspace, texts)):  # the usual case: every block has text
        return list(map(RawBlock, kinds, texts))
    return [RawBlock(kind, text) for kind, text in zip(kinds, texts, strict=True) if text and not text.isspace()]


def _element_children(node: LexborNode) -> tuple[list[int], list[LexborNode]] | None:
    """(tag ids, nodes) of the child elements; None if there is loose non-blank text between them.
    Comments are left out (``iter()`` yields elements and comments, not text)."""
    own_text = node.text(deep=False)  # the node's own text nodes, concatenated in C
    if own_text and not own_text.isspace():
        return None
    nodes = list(node.iter())
    ids = list(map(_TAG_ID, nodes))
    if _COMMENT_TAG_ID in ids:
        kept = [index for index, tag_id in enumerate(ids) if tag_id != _COMMENT_TAG_ID]
        ids, nodes = [ids[index] for index in kept], [nodes[index] for index in kept]
    return ids, nodes


def _has_block_inside(node: LexborNode) -> bool:
    """Whether an element below ``node`` is one the walk starts a new block at. Headings are
    short and usually hold only text, so this is one empty ``iter()`` in the common case."""
    stack = list(node.iter())
    while stack:
        child = stack.pop()
        if child.tag in _BLOCKS:
            return True
        stack.extend(child.iter())
    return False


def parse_page(markup: str) -> HtmlPage:
    """A whole HTML page: body blocks plus title/lang/author/dates from the usual meta tags."""
    check_depth(markup)
    tree = LexborHTMLParser(markup)
    title = _meta(tree, 'meta[property="og:title"]') or _first_text(tree, "h1")
    title = title or _first_text(tree, "title")
    root = tree.root
    language = root.attributes.get("lang") if root is not None else None
    canonical_node = tree.css_first('link[rel="canonical"]')
    return HtmlPage(
        blocks=_walk(tree.body, title) if tree.body is not None else [],
        title=title,
        language=language or None,
        author=_meta(tree, 'meta[name="author"]') or _meta(tree, 'meta[property="article:author"]'),
        published=_meta(tree, 'meta[property="article:published_time"]') or _attr(tree, "time[datetime]", "datetime"),
        modified=_meta(tree, 'meta[property="article:modified_time"]'),
        canonical=canonical_node.attributes.get("href") if canonical_node is not None else None,
    )


def _meta(tree: LexborHTMLParser, selector: str) -> str | None:
    return _attr(tree, selector, "content")


def _attr(tree: LexborHTMLParser, selector: str, name: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    value = node.attributes.get(name)
    return value.strip() or None if value else None


def _first_text(tree: LexborHTMLParser, selector: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    return node.text(separator=" ").strip() or None


def _walk(root: LexborNode, drop_h1: str | None) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    buf: list[str] = []
    dropped_h1 = False
    headings = 0  # open heading elements: text flushed inside one (<h2><div>..</div></h2>) is a subhead

    def flush(kind: BlockKind) -> None:
        if buf:
            text = "".join(buf)
            buf.clear()
            if _BR not in text:
                if text.strip():
                    blocks.append(RawBlock(kind, text))
                return
            for part in _BR_RUN.split(text):
                part = part.replace(_BR, " ")
                if part.strip():
                    blocks.append(RawBlock(kind, part))

    # Stack of (node, exiting): an explicit stack instead of recursion.
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, exiting = stack.pop()
        tag = node.tag
        if exiting:
            if tag in _HEADINGS:
                text = "".join(buf)
                if tag == "h1" and drop_h1 and not dropped_h1 and text.strip() == drop_h1.strip():
                    buf.clear()
                    dropped_h1 = True
                flush(BlockKind.SUBHEAD)
                headings -= 1
            else:
                flush(BlockKind.SUBHEAD if headings else BlockKind.PARAGRAPH)
            continue
        if tag == "-text":
            buf.append((node.text_content or "").replace(_BR, ""))
            continue
        if tag == "br":
            buf.append(_BR)
            continue
        if tag is None or tag in _SKIP or tag.startswith("-"):
            continue  # comments, doctype, skipped subtrees
        if tag in _BLOCKS:
            flush(BlockKind.SUBHEAD if headings else BlockKind.PARAGRAPH)
            if tag in _HEADINGS:
                headings += 1
            stack.append((node, True))
        elif tag == "wbr":
            continue
        children: list[LexborNode] = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    flush(BlockKind.PARAGRAPH)
    return blocks
