"""Sentences without actor mentions are skipped unless a pronoun or quote could give an event a
source; the pronoun search must find every pronoun token the tokenizer would produce."""

from __future__ import annotations

import pytest

from wirestream.tagging.events import EventTagger
from wirestream.tagging.events.text import tokenize

TRICKY = [
    "He said it would; they didn't. We hen't x",
    "4,000it and 5.1we, (our) «their» his-own-word my_x",
    "Il a dit qu'on partirait; nous, notre, leurs.",
    "Er sagte, wir und unsere Partner; sie.",
    "Él y ellos: nosotros, su y sus.",
]


@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "it", "pt"])
def test_anaphor_search_finds_every_pronoun_token(lang: str) -> None:
    lr = EventTagger.load().rules.languages.get(lang)
    if lr is None:
        pytest.skip(f"no rules for {lang}")
    c = lr.cues
    words = c.subject_pronouns | c.speaker_pronouns | c.possessive_pronouns
    for text in [*TRICKY, " ".join(sorted(words)), ",".join(w.upper() for w in sorted(words))]:
        low = text.lower()
        for tok in tokenize(text, lang, c.strip_prefixes):
            if tok.low in words:
                assert lr.anaphors is not None
                assert lr.anaphors.search(low, tok.start, tok.end) is not None, (text, tok)


def test_pronoun_sentence_without_mentions_is_still_read() -> None:
    """Negative control: a pattern that matches nothing would make this sentence be skipped."""
    lr = EventTagger.load().rules.languages["en"]
    assert lr.anaphors is not None
    assert lr.anaphors.search("later it condemned the attack.") is not None
    assert lr.anaphors.search("markets condemned nothing.") is None
