"""Every case of the bad-input catalogue gives its expected outcome, quickly, and never a bug.

The budget per case is 100 ms; the assertion allows 1 s so CI noise cannot make it flaky (the
benchmark records the real maximum).
"""

from __future__ import annotations

import contextlib
import time

import pytest

from wirestream.errors import Rejection
from wirestream.models import Article
from wirestream.normalise import REASON_CODES, normalise
from wirestream.settings import NormaliseSettings

from .conftest import load_bad_inputs, make_raw

CATALOGUE = load_bad_inputs().CATALOGUE


def test_catalogue_shape() -> None:
    names = [case.name for case in CATALOGUE]
    assert len(names) >= 40
    assert len(set(names)) == len(names)
    for case in CATALOGUE:
        assert isinstance(case.data, bytes)
        assert case.expected_reason is None or case.expected_reason in REASON_CODES


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda c: c.name)
def test_bad_input_outcome(case) -> None:  # type: ignore[no-untyped-def]
    raw = make_raw(case.data)
    settings = NormaliseSettings()
    started = time.perf_counter()
    try:
        article = normalise(raw, settings)
        outcome = None
    except Rejection as exc:
        outcome = exc.reason
        assert exc.reason != "internal_error", exc.message
        assert len(exc.message) <= 300
    elapsed = time.perf_counter() - started
    assert outcome == case.expected_reason
    assert elapsed < 1.0, f"{case.name} took {elapsed * 1000:.0f} ms"
    if outcome is None:
        Article.model_validate(article.model_dump())
        assert Article.model_validate_json(article.model_dump_json()) == article
        for block in article.blocks:
            assert article.body[block.start : block.end] == block.text
        for bad in ("\u202e", "\u202a", "\u2066", "\u2069", "\x00", "\x01", "\x1b", "\u200b"):
            assert bad not in article.body and bad not in article.headline


def test_repairs_are_visible() -> None:
    by_name = {case.name: case for case in CATALOGUE}
    settings = NormaliseSettings()
    mojibake = normalise(make_raw(by_name["mojibake_text"].data), settings)
    assert "France’s leader said the talks were “useful”" in mojibake.body
    utf16 = normalise(make_raw(by_name["utf16_le_with_bom"].data), settings)
    assert utf16.headline == "Talks resume in Geneva"
    nul = normalise(make_raw(by_name["nul_bytes_sprinkled"].data), settings)
    assert "Friday" in nul.body
    rtl = normalise(make_raw(by_name["rtl_override_characters"].data), settings)
    assert rtl.headline == "Talks resume in Geneva"
    kill = normalise(make_raw(by_name["ninjs_canceled_without_body"].data), settings)
    assert kill.body == "" and kill.blocks == [] and kill.pubstatus.value == "canceled"
    latin1_xml = normalise(make_raw(by_name["xml_declared_latin1"].data), settings)
    assert latin1_xml.headline == "Plastique é treaty talks resume"
    emoji = normalise(make_raw(by_name["emoji_and_zwj"].data), settings)
    assert "\U0001f468\u200d\U0001f469\u200d\U0001f467" in emoji.headline  # ZWJ kept
    names = normalise(make_raw(by_name["ninjs_1000_short_mojibake_subject_names"].data), settings)
    assert len(names.subjects) == 1_000
    assert {s.name for s in names.subjects} == {"François Hollande’s party François H"}  # 40 characters as sent
    nfd = normalise(make_raw(by_name["ninjs_1000_long_nfd_subject_names"].data), settings)
    assert {s.name for s in nfd.subjects} == {("Café déclaré " * 20)[:200]}


def test_ftfy_gets_at_most_one_budget_per_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """The repair budget (limits.FTFY_MAX_CHARS) holds per article, whatever the fields: the
    characters handed to ftfy for one catalogue case, over every field, list item and fixed-point
    pass, never exceed it (1,000 subject names used to get a budget each: ~2 million characters)."""
    from wirestream.normalise import repair
    from wirestream.normalise.limits import FTFY_MAX_CHARS

    given = 0
    fix_encoding = repair.ftfy.fix_encoding

    def counting(text: str, config: object = None) -> str:
        nonlocal given
        given += len(text)
        return fix_encoding(text, config)  # type: ignore[arg-type]

    monkeypatch.setattr(repair.ftfy, "fix_encoding", counting)
    settings = NormaliseSettings()
    spent: dict[str, int] = {}
    for case in CATALOGUE:
        given = 0
        with contextlib.suppress(Rejection):
            normalise(make_raw(case.data), settings)
        spent[case.name] = given
    assert max(spent.values()) <= FTFY_MAX_CHARS, sorted(spent.items(), key=lambda item: -item[1])[:3]
    assert spent["ninjs_1000_short_mojibake_subject_names"] > 0  # the counter does see the repair


_CONTENT_TYPES = [None, "application/json", "application/ninjs+json; charset=utf-8",
                  "application/json; charset=latin-1", "text/plain", "text/html"]  # fmt: skip


@pytest.mark.parametrize("content_type", _CONTENT_TYPES)
def test_json_bytes_shortcut_changes_no_outcome(content_type: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every catalogue case and fixture, with and without the JSON-from-bytes shortcut: the same
    article or the same rejection reason (the shortcut only skips decoding to str)."""
    from wirestream.normalise import pipeline

    from .conftest import FIXTURES

    settings = NormaliseSettings()
    inputs = [case.data for case in CATALOGUE if len(case.data) < 200_000]
    inputs += [path.read_bytes() for path in sorted(FIXTURES.iterdir())]
    inputs += [b'{"uri": "u", "headline": "x", "body_text": "Text.\\u0000"}', b'{"a": 1}\x00', b'{"a":' + b"[" * 2000]

    def outcomes() -> list[object]:
        found: list[object] = []
        for data in inputs:
            try:
                found.append(pipeline.normalise(make_raw(data, content_type), settings).model_dump())
            except Rejection as exc:
                found.append(exc.reason)
        return found

    taken = 0
    shortcut = pipeline._json_object_from_bytes

    def counting(raw, settings):  # type: ignore[no-untyped-def]
        nonlocal taken
        result = shortcut(raw, settings)
        taken += result is not None
        return result

    monkeypatch.setattr(pipeline, "_json_object_from_bytes", counting)
    fast = outcomes()
    monkeypatch.setattr(pipeline, "_json_object_from_bytes", lambda raw, settings: None)
    assert outcomes() == fast
    if content_type is None or ("json" in content_type and "latin" not in content_type):
        assert taken > 10  # the shortcut did run on the JSON cases
    else:
        assert taken == 0


def test_mojibake_in_a_long_article_is_repaired_and_stays_repaired() -> None:
    """Over 50,000 characters the repair used to be skipped, and a second normalisation of the
    output repaired what fell under the limit (the derived headline, a shorter body): now a long
    article is repaired the first time, and normalising the result changes nothing."""
    import orjson

    settings = NormaliseSettings()
    by_name = {case.name: case for case in CATALOGUE}
    first = normalise(make_raw(by_name["mojibake_in_60kb_article"].data), settings)
    assert first.headline == "France’s leader said" and "â€" not in first.body
    html = "<p>Franceâ€™s leader said.</p>" + "<p>The talks resumed in the capital on Friday.</p>" * 1_300
    for data in (by_name["mojibake_in_60kb_article"].data, orjson.dumps({"uri": "u", "body_html": html})):
        once = normalise(make_raw(data), settings)
        again = normalise(make_raw(orjson.dumps({"headline": once.headline, "body": once.body})), settings)
        assert len(once.body) > 50_000
        assert (again.headline, again.body) == (once.headline, once.body)
