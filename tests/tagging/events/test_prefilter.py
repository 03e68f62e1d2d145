"""The sentence prefilter only skips work: with it or without it, the matches are the same.

Sentences are generated from the rule data itself (every trigger of every language, in the
lemma form written in the data and in inflected forms simplemma knows), so a requirement that is
too strict for any rule fails here rather than silently losing events on real news.
"""

from __future__ import annotations

import dataclasses

import pytest

from wirestream.tagging.events import EventTagger
from wirestream.tagging.events.engine import _find_matches, _wanted_sentences
from wirestream.tagging.events.rules import GAP
from wirestream.tagging.events.text import inflection_map, sentence_spans, tokenize


def _matches(text: str, lang: str, lr: object) -> list[tuple[int, int, str]]:
    spans = sentence_spans(text, lang)
    wanted = _wanted_sentences(text, spans, lr)  # type: ignore[arg-type]
    out = []
    for (s, e), hits in zip(spans, wanted, strict=False):
        if hits is not None and not hits:
            continue
        toks = tokenize(text, lang, lr.cues.strip_prefixes, s, e)  # type: ignore[attr-defined]
        out += [(toks[m.i0].start, toks[m.i1].end, m.pattern.rule.id) for m in _find_matches(toks, lr, hits)]  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("lang", ["en", "es", "de", "fr", "it", "pt"])
def test_prefilter_keeps_every_trigger_match(lang: str) -> None:
    tagger = EventTagger.load()
    lr = tagger.rules.languages[lang]
    assert lr.prefilter is not None
    bare = dataclasses.replace(lr, prefilter=None, merged={})
    import yaml

    from wirestream.tagging.events.rules import DATA_DIR

    raw = yaml.safe_load((DATA_DIR / "rules.yaml").read_text(encoding="utf-8"))["rules"]
    words = {w for r in raw for t in (r["triggers"].get(lang) or ()) for w in str(t).split() if w != GAP}
    infl = inflection_map(lang, frozenset(w.lower() for w in words)) or {}
    checked = 0
    for r in raw:
        for trig in r["triggers"].get(lang) or ():
            parts = [w for w in str(trig).split() if w != GAP]
            variants = [" ".join(parts)]
            # the same trigger with each word inflected (first inflection simplemma knows)
            variants.append(" ".join(sorted(infl.get(w.lower(), {w}) - {w.lower()} or {w})[0] for w in parts))
            for v in variants:
                text = f"Alpha {v} Beta. Nothing here. Gamma {v.upper()[:1] + v[1:]} delta."
                assert _matches(text, lang, lr) == _matches(text, lang, bare), (lang, r["id"], v)
                checked += 1
    assert checked > 20


def test_requirement_hits_inside_a_word_do_not_count() -> None:
    import re

    from wirestream.tagging.events.text import satisfied

    req = ((re.compile("no"), re.compile("to")),)
    # "no" only inside "snow" / "know": nothing of "say no to" can be there
    assert not satisfied(req, "services would return to the snow, they know", 0, 44)
    assert satisfied(req, "they said no to the plan", 0, 24)
    # a form after a digit starts a token ("4,000km"), and "n't" follows its verb's last letter
    assert satisfied(((re.compile("km"),),), "a 4,000km border", 0, 16)
    assert satisfied(((re.compile("n't"),),), "they didn't", 0, 11)


def test_short_english_requirement_words_must_end_there() -> None:
    from wirestream.tagging.events.text import satisfied

    tagger = EventTagger.load()
    lr = tagger.rules.languages["en"]
    assert lr.prefilter is not None
    low = "officials said it was not clear how to proceed now."
    hits = [req for at, req in lr.prefilter.scan(low) if low.startswith("said", at)]
    assert hits and all(req is not None for req in hits)
    # "say no to" needs the word "no": "not" and "now" are no hit for it
    assert not any(satisfied(req, low, 0, len(low)) for req in hits)
    low = "hungary said no to the plan."
    hits = [req for at, req in lr.prefilter.scan(low) if low.startswith("said", at)]
    assert any(satisfied(req, low, 0, len(low)) for req in hits)


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_requirement_searches_hold_no_form_extending_an_open_ended_one(lang: str) -> None:
    """A form whose shorter prefix is also searched (without a word-end guard) adds nothing to
    where matches start, only alternation steps: the builder drops it ('suppo|support' -> 'suppo')."""
    lr = EventTagger.load().rules.languages[lang]
    assert lr.prefilter is not None
    patterns = {
        rx.pattern
        for _, req in lr.prefilter._auto.items()  # type: ignore[attr-defined]
        if req[1] is not None
        for alt in req[1]
        for rx in alt
    }
    assert patterns
    for pattern in patterns:
        forms = pattern.split("|")
        open_ended = [f for f in forms if not f.endswith(r"(?!\w)")]
        for f in forms:
            assert not any(f != k and f.startswith(k) for k in open_ended), (pattern, f)
