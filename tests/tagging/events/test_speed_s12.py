"""Session 12 speed steps of the event engine: each gives exactly what it replaced."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirestream.tagging.events import engine as E
from wirestream.tagging.events import text as T

# fragments that exercise every branch of the token patterns and the run splitting: several
# spaces in a row, other whitespace inside a run (newline, tab, no-break and thin spaces, the
# ASCII separators), "n't" and possessive splits, numbers with separators, quotes, hyphens
_PIECES = st.sampled_from(
    [
        "a", "Z", "9", " ", "  ", ",", ".", "'", "’", "-", "_", "\t", "\n", "\xa0", "\u2009", "\x1c", "\x1f",
        "n't", "n’t", "'s", "’s", "4,000", "5.1", "didn't", "can’t", "l'armée", "“", "”", "«", "é", "İ", "ß",
    ]
)  # fmt: skip
_TEXT = st.lists(st.one_of(st.characters(), _PIECES), max_size=40).map("".join)


def _as_tuples(out: tuple[list[T.Word], list[int], list[int]]) -> list[tuple[str, str, bool, int, int]]:
    words, starts, ends = out
    return [(w.low, w.lemma, w.cap, s, e) for w, s, e in zip(words, starts, ends, strict=True)]


@settings(max_examples=3000, deadline=None)
@given(_TEXT, st.integers(0, 45), st.integers(0, 45), st.sampled_from(["en", "de", "ar", "fr"]))
def test_run_tokenizer_matches_the_pattern(s: str, a: int, b: int, lang: str) -> None:
    strip = ("ال", "و") if lang == "ar" else ()
    start, end = min(a, b, len(s)), min(max(a, b), len(s))
    for lo, hi in ((0, None), (start, end)):
        assert _as_tuples(T.tokenize_words(s, lang, strip, lo, hi)) == _as_tuples(
            T._tokenize_pieces(s, lang, strip, lo, hi)
        )


def test_run_tokenizer_on_wire_copy() -> None:
    s = "Russia's troops  didn't attack Kyiv,\nofficials said.\xa0The U.S. sent 4,000 “rounds” on Monday."
    got = T.tokenize_words(s, "en", (), 9, len(s) - 3)
    assert _as_tuples(got) == _as_tuples(T._tokenize_pieces(s, "en", (), 9, len(s) - 3))
    assert [w.low for w in got[0]][:4] == ["troops", "did", "n't", "attack"]  # not vacuous


@settings(max_examples=500, deadline=None)
@given(st.floats(min_value=0.0, max_value=1.5, allow_nan=False))
def test_round3_is_round(x: float) -> None:
    assert E._round3(x) == round(x, 3)
    assert E._round3(x) == round(x, 3)  # the remembered answer too


def test_trusted_sets_what_model_construct_sets() -> None:
    from wirestream.models import Span, TextField

    values = {"text": "Kyiv", "start": 3, "end": 7, "field": TextField.BODY}
    got = E._trusted(Span, dict(values), E._SPAN_FIELDS)
    want = Span.model_construct(**values)  # type: ignore[arg-type]
    assert got == want and got.model_dump() == want.model_dump()
    assert got.__pydantic_fields_set__ == want.__pydantic_fields_set__
    assert got.__pydantic_extra__ is None and got.__pydantic_private__ is None


def _old_dedupe(cands: list[E.EventTag]) -> list[E.EventTag]:
    """``_dedupe`` as it was before session 12 (sorted with a key function)."""
    if len(cands) < 2:
        return list(cands)
    kept: list[E.EventTag] = []
    seen: list[tuple[object, set[str], set[str]]] = []
    for ev in sorted(cands, key=E._evidence_rank):
        if not any(t == ev.event_type and set(ev.source) <= s and set(ev.target) <= g for t, s, g in seen):
            kept.append(ev)
            seen.append((ev.event_type, set(ev.source), set(ev.target)))
    return kept


_ACTORS = st.lists(st.sampled_from(["RUS", "UKR", "USA"]), max_size=2, unique=True)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["ASSAULT", "ACCUSE"]), st.sampled_from([0.5, 0.75, 0.9]), _ACTORS, _ACTORS),
        max_size=6,
    )
)
def test_dedupe_keeps_what_it_kept(rows: list[tuple[str, float, list[str], list[str]]]) -> None:
    from wirestream.models import EventTag, PloverType, Span, TextField

    span = Span(text="x", start=0, end=1, field=TextField.BODY)
    cands = [
        EventTag(
            event_type=PloverType(t), quad_class=4, cameo_root="19", cameo_code="190", source=src, target=tgt,
            trigger=span, sentence=span, confidence=c, rule_id=f"r{k}",
        )
        for k, (t, c, src, tgt) in enumerate(rows)
    ]  # fmt: skip
    assert [e.rule_id for e in E._dedupe(cands)] == [e.rule_id for e in _old_dedupe(cands)]


def test_run_table_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(T, "_CHUNK_INFO_MAX", 3)
    monkeypatch.setattr(T, "_CHUNK_INFO", {})
    T.tokenize_words("one two three four five", "en")
    assert len(T._CHUNK_INFO[("en", ())]) == 5  # checked as a call starts
    words, _, _ = T.tokenize_words("six seven", "en")
    assert len(T._CHUNK_INFO[("en", ())]) == 2 and [w.low for w in words] == ["six", "seven"]
