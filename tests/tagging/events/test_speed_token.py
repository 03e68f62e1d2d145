"""Token and Word became plain classes (native under mypyc) instead of NamedTuples: the behaviour
callers relied on must stay, and the engine's list[Word] helpers must take tokenize() output."""

from __future__ import annotations

from wirestream.tagging.events.engine import EventTagger, _find_matches, _purpose
from wirestream.tagging.events.text import Token, Word, tokenize, tokenize_words


def test_token_behaves_like_the_tuple_it_replaced() -> None:
    toks = tokenize("Russia's troops didn't attack.", "en")
    words, starts, ends = tokenize_words("Russia's troops didn't attack.", "en")
    assert [tuple(t) for t in toks] == [
        (s, e, w.low, w.lemma, w.cap) for w, s, e in zip(words, starts, ends, strict=True)
    ]
    first = toks[0]
    assert isinstance(first, Word)
    assert first == (0, 6, "russia", first.lemma, True)
    assert first == Token(*tuple(first))  # type: ignore[arg-type]
    assert hash(first) == hash(tuple(first))
    assert first != toks[1]
    start, end, low, _lemma, cap = first
    assert (start, end, low, cap) == (0, 6, "russia", True)


def test_engine_helpers_take_tokens_and_words_alike() -> None:
    lr = EventTagger.load().rules.languages["en"]
    text = "A regional trip aimed at pushing talks. Russia attacked Kyiv."
    toks = tokenize(text, "en")
    words = [Word.of(t) for t in toks]
    assert _purpose(toks, 5, lr.cues) == _purpose(words, 5, lr.cues)
    from_tokens = [(m.i0, m.i1, m.pattern.rule.id) for m in _find_matches(toks, lr)]
    from_words = [(m.i0, m.i1, m.pattern.rule.id) for m in _find_matches(words, lr, None, [t.start for t in toks])]
    assert from_tokens == from_words
    assert any(rid for _, _, rid in from_tokens)  # the attack is found, so the comparison is not vacuous
