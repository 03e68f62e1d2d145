"""The ASCII-mode tokenizer patterns (used on ASCII text, faster) find exactly the tokens of the
Unicode-mode patterns they stand for, including on the ASCII separators U+001C-U+001F that only
Unicode-mode ``\\s`` treats as whitespace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wirestream.tagging.events import text as T

# characters and fragments that exercise every branch of the patterns: numbers with separators,
# "n't" splits, possessives, hyphenated words, punctuation, the separators
_PIECES = st.sampled_from(
    ["a", "Z", "9", " ", ",", ".", "'", "-", "_", "\t", "\n", "n't", "'s", "4,000", "5.1", "didn't", "\x1c", "\x1f"]
)
_ASCII = st.lists(st.one_of(st.characters(max_codepoint=127), _PIECES), max_size=30).map("".join)
# the grouped reference patterns in ASCII mode (the service runs only the group-free ones)
_TOKEN_RE_DEFAULT_ASCII = T._ascii_variant(T._TOKEN_RE_DEFAULT)
_TOKEN_RE_ELISION_ASCII = T._ascii_variant(T._TOKEN_RE_ELISION)


@settings(max_examples=3000, deadline=None)
@given(_ASCII)
def test_ascii_variants_tokenise_alike(s: str) -> None:
    assert _TOKEN_RE_DEFAULT_ASCII.findall(s) == T._TOKEN_RE_DEFAULT.findall(s)
    assert _TOKEN_RE_ELISION_ASCII.findall(s) == T._TOKEN_RE_ELISION.findall(s)
    # the group-free patterns tokenize_words runs: one string per (whitespace, token) pair, and
    # stripping its leading whitespace gives the token
    for flat, grouped in (
        (T._TOKEN_FLAT_DEFAULT, T._TOKEN_RE_DEFAULT),
        (T._TOKEN_FLAT_DEFAULT_ASCII, T._TOKEN_RE_DEFAULT),
        (T._TOKEN_FLAT_ELISION, T._TOKEN_RE_ELISION),
        (T._TOKEN_FLAT_ELISION_ASCII, T._TOKEN_RE_ELISION),
    ):
        pairs = grouped.findall(s)
        pieces = flat.findall(s)
        assert pieces == [a + b for a, b in pairs]
        assert [p.lstrip() for p in pieces] == [b for _, b in pairs]


def test_separators_stay_whitespace() -> None:
    s = "Kyiv\x1csaid\x1f no"
    assert _TOKEN_RE_DEFAULT_ASCII.findall(s) == [("", "Kyiv"), ("\x1c", "said"), ("\x1f ", "no")]
    words, starts, ends = T.tokenize_words(s, "en")
    assert [w.low for w in words] == ["kyiv", "said", "no"]
    assert starts == [0, 5, 11] and ends == [4, 9, 13]


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.one_of(_PIECES, st.sampled_from(["it", "they", "he", "its", "our", "3-1", "20-30", "-"])), max_size=20
    ).map(" ".join)
)
def test_ascii_anaphor_and_score_patterns_match_alike(s: str) -> None:
    from wirestream.tagging.events import EventTagger
    from wirestream.tagging.events.engine import _SCORE, _SCORE_ASCII

    lr = EventTagger.load().rules.languages["en"]
    assert lr.anaphors is not None and lr.anaphors_ascii is not None
    low = s.lower()
    assert [m.span() for m in lr.anaphors_ascii.finditer(low)] == [m.span() for m in lr.anaphors.finditer(low)]
    assert _SCORE_ASCII.findall(s) == _SCORE.findall(s)
