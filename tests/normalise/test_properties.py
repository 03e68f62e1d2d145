"""Property tests (hypothesis): the stage's contract holds for arbitrary input.

* only :class:`Rejection` ever escapes, and never with ``internal_error`` (that would be a bug);
* every accepted article validates against the model and ``body[b.start:b.end] == b.text``;
* idempotence: an article rendered back as plain JSON (text body, or HTML body when it has
  subheads that the plain-text heuristics would not re-detect) normalises to the same
  headline, body and blocks.
"""

from __future__ import annotations

import html

import orjson
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wirestream.errors import Rejection
from wirestream.models import Article, BlockKind
from wirestream.normalise import REASON_CODES, normalise
from wirestream.normalise.repair import clean_line
from wirestream.settings import NormaliseSettings

from .conftest import FIXTURES, make_raw

SETTINGS = NormaliseSettings()
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_KEYS = [
    "uri", "guid", "id", "url", "version", "versioncreated", "versionCreated", "firstcreated",
    "pubstatus", "embargoed", "headline", "headlines", "title", "body", "text", "body_text",
    "body_html", "bodies", "description_text", "language", "lang", "subject", "subjects",
    "place", "person", "organisation", "byline", "by", "located", "associations", "published",
    "date", "updated", "tags", "keywords", "dateline", "$schema",
]  # fmt: skip
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=60)
    | st.sampled_from(["usable", "canceled", "2025-07-04T10:00:00Z", "3", "<p>Hi there.</p>"])
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["value", "role", "name", "code", "contenttype"]), inner,
                      max_size=4),
    max_leaves=12,
)  # fmt: skip
_DOCS = st.dictionaries(st.sampled_from(_KEYS), _JSON, max_size=10)


def _outcome(data: bytes) -> Article | None:
    try:
        article = normalise(make_raw(data), SETTINGS)
    except Rejection as exc:
        assert exc.reason in REASON_CODES
        assert exc.reason != "internal_error", exc.message
        return None
    Article.model_validate(article.model_dump())
    # what the Faust app does with it: JSON out and back in, unchanged
    assert Article.model_validate_json(article.model_dump_json()) == article
    assert article.body == "\n\n".join(b.text for b in article.blocks)
    for block in article.blocks:
        assert article.body[block.start : block.end] == block.text
    return article


@FAST
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_only_reject_cleanly(data: bytes) -> None:
    _outcome(data)


@FAST
@given(st.text(max_size=3000))
def test_arbitrary_text_only_rejects_cleanly(text: str) -> None:
    _outcome(text.encode("utf-8", "surrogatepass"))


@FAST
@given(_DOCS)
def test_json_with_confused_types_only_rejects_cleanly(doc: dict[str, object]) -> None:
    _outcome(orjson.dumps(doc))


@FAST
@given(_DOCS, st.sampled_from(["<p>", "<h2>", "<br>", "&amp;", "<script>x</script>", "\u202e"]))
def test_html_fragments_only_reject_cleanly(doc: dict[str, object], extra: str) -> None:
    _outcome(f"<div>{extra}{orjson.dumps(doc).decode()}{extra}</div>".encode())


def _render_json(article: Article) -> bytes:
    """Back to plain JSON. Subheads survive only as <h2>, so use HTML when there are any."""
    if any(b.kind is BlockKind.SUBHEAD for b in article.blocks):
        body_html = "".join(
            f"<h2>{html.escape(b.text)}</h2>" if b.kind is BlockKind.SUBHEAD
            else f"<p>{html.escape(b.text)}</p>"
            for b in article.blocks
        )  # fmt: skip
        return orjson.dumps({"headline": article.headline, "body_html": body_html})
    return orjson.dumps({"headline": article.headline, "body": article.body})


def _same(first: Article, second: Article) -> None:
    assert second.headline == first.headline
    assert second.body == first.body
    assert second.blocks == first.blocks


_WORD = st.text(alphabet=st.characters(categories=["Ll", "Lu"]), min_size=1, max_size=9)
_SENTENCE = st.lists(_WORD, min_size=4, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)
_SUBHEAD = st.lists(_WORD, min_size=1, max_size=3).map(lambda ws: " ".join(ws).capitalize())


@FAST
@given(
    st.lists(st.tuples(st.booleans(), _PARAGRAPH, _SUBHEAD), min_size=1, max_size=8),
    st.sampled_from(["", " date 2025-07-04 ", "LONDON (Reuters) - ", "MADRID, 4 jul (EFE) - "]),
)
def test_idempotent_on_generated_wire_text(parts: list[tuple[bool, str, str]], prefix: str) -> None:
    chunks: list[str] = []
    for with_subhead, paragraph, subhead in parts:
        if with_subhead and chunks:
            chunks.append(subhead)
        chunks.append(paragraph)
    text = prefix + "\n\n".join(chunks) + "\n"
    first = _outcome(text.encode())
    if first is None:
        return
    second = _outcome(_render_json(first))
    assert second is not None
    _same(first, second)


def _assert_idempotent(text: str) -> None:
    """Normalising our own output (as JSON) gives the same article, for any text we accept."""
    first = _outcome(text.encode("utf-8", "surrogatepass"))
    if first is None or not first.blocks:
        return
    second = _outcome(_render_json(first))
    assert second is not None
    _same(first, second)


@FAST
@given(st.text(min_size=1, max_size=1500))
def test_idempotent_on_arbitrary_accepted_text(text: str) -> None:
    _assert_idempotent(text)


@FAST
@given(st.text(max_size=400))
def test_clean_line_is_idempotent(text: str) -> None:
    once = clean_line(text)
    assert clean_line(once) == once


_NEWSML_SHELL = (
    '<?xml version="1.0"?><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g" '
    'version="1"><contentMeta><headline>{headline}</headline></contentMeta><contentSet>'
    "<inlineXML>{body}</inlineXML></contentSet></newsItem>"
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=3000),
    st.sampled_from(["div", "b", "span", "x-y", "p", "li", "section"]),
    st.sampled_from(["html", "newsml_body", "newsml_headline", "ninjs_html"]),
)
def test_deep_markup_only_rejects_cleanly(depth: int, tag: str, where: str) -> None:
    nested = f"<{tag}>" * depth + "Some text here." + f"</{tag}>" * depth
    if where == "html":
        data = nested.encode()
    elif where == "newsml_body":
        data = _NEWSML_SHELL.format(headline="Deep", body=nested).encode()
    elif where == "newsml_headline":
        data = _NEWSML_SHELL.format(headline=nested, body="<p>Body text.</p>").encode()
    else:
        data = orjson.dumps({"uri": "u", "headline": "Deep", "body_html": nested})
    _outcome(data)


_INLINE = st.sampled_from(["", "<b>", "</b>", "<i>x</i>", '<a href="/y">link</a>', "&amp;", "&nbsp;",
                           "&ldquo;", " ", "\n", "<span>s</span>", "<!-- c -->"])  # fmt: skip
_FRAGMENT_TEXT = st.lists(st.one_of(_INLINE, st.text(alphabet="abcXYZ é’«».", max_size=12)),
                          max_size=8).map("".join)  # fmt: skip


@FAST
@given(
    st.lists(st.tuples(st.sampled_from(["p", "h2", "h3", "h6"]), _FRAGMENT_TEXT), max_size=8),
    st.sampled_from(["{}", "<section>{}</section>", "<div><article>{}</article></div>"]),
)
def test_html_flat_fast_path_matches_full_walk(blocks: list[tuple[str, str]], wrapper: str) -> None:
    from selectolax.lexbor import LexborHTMLParser

    from wirestream.normalise.html import _flat_blocks, _walk

    markup = wrapper.format("".join(f"<{tag}>{text}</{tag}>" for tag, text in blocks))
    body = LexborHTMLParser(markup).body
    assert body is not None
    fast = _flat_blocks(body)
    if fast is not None:
        slow = _walk(LexborHTMLParser(markup).body, None)  # type: ignore[arg-type]
        assert [(b.kind, b.text) for b in fast] == [(b.kind, b.text) for b in slow]


# Block elements the parser lets sit inside a flat block: any of them in a heading, and in a <p>
# only inside table/marquee/applet/button/object (which send the whole body to the walk).
_NESTED_BLOCK = st.sampled_from(
    ["<div>{}</div>", "<p>{}</p>", "<section>{}</section>", "<ul><li>{}</li></ul>", "<blockquote>{}</blockquote>",
     "<table><tr><td>{}</td></tr></table>", "<marquee><div>{}</div></marquee>", "<applet><p>{}</p></applet>",
     "<button><div>{}</div></button>", "<h3>{}</h3>", "<b>{}</b>", "{}", "<pre>{}</pre>", "<hr>{}"]
)  # fmt: skip


@FAST
@given(
    st.lists(st.tuples(st.sampled_from(["p", "h2", "h4"]), _FRAGMENT_TEXT, _NESTED_BLOCK, _FRAGMENT_TEXT), max_size=6),
    st.sampled_from(["{}", "<div>{}</div>", "<!DOCTYPE html><html><body>{}</body></html>"]),
)
def test_html_fast_path_equals_walk_with_nested_blocks(blocks: list[tuple[str, str, str, str]], wrapper: str) -> None:
    """Whatever a flat block holds (``<h2><div>..</div></h2>`` included), html_blocks gives the
    walk's blocks: the fast path either matches it or hands over to it."""
    from selectolax.lexbor import LexborHTMLParser

    from wirestream.normalise.html import _walk, html_blocks

    markup = wrapper.format(
        "".join(f"<{tag}>{before}{nested.format(inner)}</{tag}>" for tag, before, nested, inner in blocks)
    )
    body = LexborHTMLParser(markup).body
    assert body is not None
    assert [(b.kind, b.text) for b in html_blocks(markup)] == [(b.kind, b.text) for b in _walk(body, None)]


@FAST
@given(st.text(max_size=400))
def test_repaired_document_lines_need_no_further_encoding_repair(text: str) -> None:
    """The shortcut taken for plain-text blocks gives what full cleaning would."""
    from wirestream.normalise.repair import clean_document, clean_repaired_line, lines_are_final

    document = clean_document(text)
    if not lines_are_final(document):
        return  # those lines go through clean_line again (see lines_are_final)
    for line in document.split("\n"):
        assert clean_repaired_line(line) == clean_line(line)


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.text(max_size=400))
@example("Â\x80Ä ")  # ftfy repairs "Â€Ä" alone but not "Â€Ä " (trailing space): not final
def test_plain_text_paragraphs_need_no_cleaning(text: str) -> None:
    """assemble skips cleaning paragraphs split out of a clean_document result when
    lines_are_final says so; then they really are what clean_line would make of them."""
    from wirestream.normalise.repair import clean_document, lines_are_final
    from wirestream.normalise.text import split_paragraphs

    document = clean_document(text)
    if not lines_are_final(document):
        return
    for block in split_paragraphs(document, repaired=True):
        assert clean_line(block.text) == block.text


@example("Â\x80Ä ")
@FAST
@given(st.text(max_size=400))
def test_mojibake_context_does_not_break_idempotence(text: str) -> None:
    _assert_idempotent(text)


_MOJIBAKE_ORACLE = (  # the single alternation the three searches in repair replaced
    rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92"
    rb"|\xcb[\x86\x9c]|\xe2(?:\x80[\x93\x94\x98-\x9e\xa0-\xa2\xa6\xb0\xb9\xba]|\x82\xac|\x84\xa2))"
    rb"|\xc2[\x80-\x9f]|\xef\xbf\xbd"
)


@FAST
@given(
    st.text(alphabet=st.sampled_from("aé Ã©Â\x80\x9f€™“”‘’–—ŒšŸŽƒˆ˜\ufffdÅ\u00a0\u00bf"), max_size=40)
    | st.text(max_size=80)
)
def test_mojibake_check_equals_the_single_regex(text: str) -> None:
    import re

    from wirestream.normalise.repair import _looks_mojibaked

    expected = re.search(_MOJIBAKE_ORACLE, text.encode("utf-8", "surrogatepass")) is not None
    assert _looks_mojibaked(text) is expected


_LINE_TEXT = st.text(max_size=80) | st.text(alphabet=" \n\t\u00a0é“”Ã©\u200bab", max_size=30)


@FAST
@given(st.lists(_LINE_TEXT, max_size=8))
def test_batch_line_cleaning_equals_line_by_line(texts: list[str]) -> None:
    """clean_lines' shared encoding check and its shortcuts give what clean_line gives."""
    from wirestream.normalise.repair import clean_lines

    assert clean_lines(texts) == [clean_line(text) for text in texts]


_WALK_MARKUP = st.sampled_from(["<BR>", "<Br/>", "<br>", "<Script>x</Script>", "<STYLE>p{}</STYLE>", "<b>",
                                "</b>", "<brx>", "<headx>h</headx>", "<Nav>n</Nav>", "<wbr>"])  # fmt: skip


@FAST
@given(st.lists(st.tuples(st.sampled_from(["p", "h2"]), st.lists(_WALK_MARKUP | _FRAGMENT_TEXT, max_size=5)),
                max_size=6))  # fmt: skip
def test_html_blocks_take_the_walk_whenever_it_matters(blocks: list[tuple[str, list[str]]]) -> None:
    """The case-insensitive pre-check decides between the flat path and the walk: same blocks."""
    from selectolax.lexbor import LexborHTMLParser

    from wirestream.normalise.html import _walk, html_blocks

    markup = "".join(f"<{tag}>{''.join(parts)}</{tag}>" for tag, parts in blocks)
    body = LexborHTMLParser(markup).body
    assert body is not None
    assert [(b.kind, b.text) for b in html_blocks(markup)] == [(b.kind, b.text) for b in _walk(body, None)]


@FAST
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                "</",
                "b",
                "B",
                "r",
                "R",
                "x",
                "1",
                "-",
                ">",
                " ",
                "é",
                "br",
                "sCRipt",
                "table",
                "tablex",
                "h2",
                "head",
                "wbr",
                "p",
                "nav",
                "svg",
                "audio",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_walk_pre_check_equals_the_plain_alternation(markup: str) -> None:
    import re
    import string

    from wirestream.normalise.html import _NEEDS_WALK, _WALK_TAGS

    oracle = re.compile("<(?:" + "|".join(_WALK_TAGS) + r")\b")
    folded = markup.translate(str.maketrans(string.ascii_uppercase, string.ascii_lowercase))  # HTML folds ASCII only
    assert (_NEEDS_WALK.search(markup) is None) is (oracle.search(folded) is None)


@FAST
@given(
    st.text(max_size=300)
    | st.text(alphabet=st.sampled_from("ab \n\r\té“Ã©Â\x80\u0301"), max_size=40)
    | st.text(alphabet=st.sampled_from("Aae \n\u0303\u0301\u00a9\u2000\u00a0\u200b"), max_size=40)  # NFC at work
)
@example("Â\x80Ä ")
@example("Franc\u0327ois A\u0303\u00a9 said")  # NFC composes a mojibake pair ("Ã©") out of plain text
def test_clean_document_final_equals_its_parts(text: str) -> None:
    from wirestream.normalise.repair import clean_document, clean_document_final, lines_are_final

    document = clean_document(text)
    assert clean_document_final(text) == (document, lines_are_final(document))


_BOILER_HEADS = st.sampled_from(
    ["", "(", "[", "( ", "\t", "Reporting by ", "REPORTING BY ", "Copyright ", "(c) ", "© ", "c) ",
     "Sign up ", "\u017fign up ", "Rédaction par ", "Mitarbeit:", "Iscriviti", "\u0130scriviti", "“", "«",
     "é", "Ré", "\u00a0", "\u2003", "-", "1", "R"]
)  # fmt: skip


@FAST
@given(_BOILER_HEADS, _BOILER_HEADS, st.text(max_size=60))
def test_boilerplate_shortcuts_agree_with_the_regexes(first: str, second: str, rest: str) -> None:
    from wirestream.normalise.boilerplate import _ANYWHERE, _LEADING, MAX_BOILERPLATE_CHARS, is_boilerplate

    text = first + second + rest
    expected = len(text) <= MAX_BOILERPLATE_CHARS and bool(_LEADING.match(text) or _ANYWHERE.search(text))
    assert is_boilerplate(text) is expected


_PARAGRAPHS = st.lists(
    st.tuples(_BOILER_HEADS, st.sampled_from(["", "All rights reserved.", "x" * 390, "Riproduzione riservata"]),
              st.text(max_size=30)).map("".join),
    max_size=6,
)  # fmt: skip


@FAST
@given(_PARAGRAPHS)
def test_boilerplate_flags_equal_one_by_one(texts: list[str]) -> None:
    """assemble's batched check (one rights-phrase scan per article) gives is_boilerplate's answers."""
    from wirestream.normalise.boilerplate import boilerplate_flags, is_boilerplate

    assert boilerplate_flags(texts) == [is_boilerplate(text) for text in texts]


_SEEDS = sorted(p.read_bytes() for p in FIXTURES.iterdir())
_SPLICES = st.sampled_from(
    [b"<", b"</p>", b"<br>", b"&amp;", b"&#xD800;", b'"', b"{", b"]", b",", b"\\u0000", b"\\ud800",
     b"\xc3", b"\xe2\x80\xae", b"\n\n", b"(Reuters) - ", b"<!DOCTYPE x>", b"<![CDATA[", b"null",
     b"1e999", b"\x00", b"\r"]
)  # fmt: skip


@FAST
@given(
    st.sampled_from(_SEEDS),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), _SPLICES), min_size=1, max_size=6),
)
def test_mutated_fixtures_only_reject_cleanly(seed: bytes, edits: list[tuple[float, int, bytes]]) -> None:
    data = bytearray(seed)
    for where, action, splice in edits:
        pos = int(where * len(data))
        if action == 0:
            del data[pos : pos + 7]
        elif action == 1:
            data[pos:pos] = splice
        elif action == 2:
            data = data[:pos]
        else:
            data[pos : pos + 1] = splice
    _outcome(bytes(data))


@FAST
@given(st.none() | st.text(alphabet=" ,.4Ja-DC\u00a0", max_size=12))
def test_dateline_extra_split_equals_the_general_form(extra: str | None) -> None:
    import re

    from wirestream.normalise.dateline import _date_and_region

    parts = [p.strip() for p in extra.split(",")] if extra else []
    digit = re.compile(r"\d")
    date_text = ", ".join(p for p in parts if digit.search(p)) or None
    region = ", ".join(p for p in parts if p and not digit.search(p))
    assert _date_and_region(extra) == (date_text, region)


def _story_id_by_suffixes(agency_id: str, version: int | None) -> str:
    """story_id_for as first written: every separator spelled out (the oracle for the fast one)."""
    import re

    if version is not None and agency_id.endswith(str(version)):
        for sep in (":", "/", ".", "-", "_", ":v", "/v", "-v", "_v", ".v"):
            suffix = f"{sep}{version}"
            if agency_id.endswith(suffix) and len(agency_id) > len(suffix):
                return agency_id[: -len(suffix)]
    match = re.search(r"[:/._-]v\d{1,9}$", agency_id, re.IGNORECASE)
    if match is not None and match.start() > 0:
        return agency_id[: match.start()]
    return agency_id


@FAST
@given(st.text(alphabet=":/._-vV0123x", max_size=10), st.none() | st.integers(0, 120))
def test_story_id_equals_the_spelled_out_suffixes(agency_id: str, version: int | None) -> None:
    from wirestream.normalise.ids import story_id_for

    assert story_id_for(agency_id, version) == _story_id_by_suffixes(agency_id, version)


# The edges of the plain-copy shortcut in repair.clean_lines_utf8: characters just inside and just
# outside what it allows (no-break space, soft hyphen, U+0280, U+2028-202F, combining accents,
# unassigned and private-use code points), controls, newlines and double spaces.
_SHORTCUT_EDGES = (
    "ab .\n\t\x7f\x1f\u00a0\u00a1\u00ac\u00ad\u00ae\u00e9\u027f\u0280\u0301\u2010\u2027\u2028\u2029\u202a"
    "\u202e\u202f\u2030\u203f\u2040\u20ac\u0378\ue000Ã©“”’"
)


@FAST
@given(st.lists(st.text(alphabet=_SHORTCUT_EDGES, max_size=25), min_size=1, max_size=6))
def test_plain_copy_shortcut_equals_line_by_line(texts: list[str]) -> None:
    from wirestream.normalise.repair import clean_lines_utf8

    cleaned, utf8 = clean_lines_utf8(texts)
    assert cleaned == [clean_line(text) for text in texts]
    if utf8 is not None:
        assert utf8 == "\n".join(cleaned).encode("utf-8")
