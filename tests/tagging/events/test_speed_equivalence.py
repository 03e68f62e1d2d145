"""The speed-ups in the event engine must not change what it computes.

Each test here pins a rewritten hot path to a plain reference written the obvious way (the code
it replaced), on generated text that exercises the edge cases (contractions, elision, numbers,
hyphens, curly quotes, non-Latin scripts).
"""

from __future__ import annotations

import random
import re

import pytest

from wirestream.tagging.events.text import lemma, tokenize

# the tokenizer's definition before the speed work: finditer over these, offsets from the match
_REF_DEFAULT = re.compile(r"\d+(?:[.,]\d+)+|\w+(?=n['’]t\b)|n['’]t\b|\w+(?:-\w+)*|['’]s\b|[^\w\s]")
_REF_ELISION = re.compile(r"\d+(?:[.,]\d+)+|\b\w{1,3}['’](?=\w)|\w+(?:-\w+)*|[^\w\s]")

_ALPHABET = "abdnstNTDé\u0301لا ’'-,.;:“”\"0123456789_ \n\t"


def _reference(
    text: str, lang: str, strip: tuple[str, ...], start: int = 0, end: int | None = None
) -> list[tuple[int, int, str, str, bool]]:
    rx = _REF_ELISION if lang in {"fr", "it"} else _REF_DEFAULT
    out = []
    for m in rx.finditer(text, start, len(text) if end is None else end):
        surf = m.group()
        low = surf.lower()
        if low == "n’t":
            low = "n't"
        lem = low
        if strip:
            for p in strip:
                if low.startswith(p) and len(low) - len(p) >= 3:
                    lem = low[len(p) :]
                    break
        else:
            lem = lemma(lang, surf)
        out.append((m.start(), m.end(), low, lem, surf[:1].isupper()))
    return out


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    fixed = [
        "Moscow didn't attack; it won’t, officials said. Russia's 4,000 troops withdrew 5.1 km.",
        "L'armée qu'il a envoyée n'a pas attaqué l’aéroport d'Alep.",
        "والهجوم على كييف",
        "cease-fire talks -- co-operation_with NATO’s “allies”",
        "   leading and trailing   ",
        "",
    ]
    return fixed + ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 40))) for _ in range(n)]


@pytest.mark.parametrize(("lang", "strip"), [("en", ()), ("fr", ()), ("ar", ("و", "ال"))])
def test_tokenize_matches_reference(lang: str, strip: tuple[str, ...]) -> None:
    for text in _texts(11, 3000):
        got = [tuple(t) for t in tokenize(text, lang, strip)]
        assert got == _reference(text, lang, strip), text
        # a sentence inside a longer text (the engine's use): offsets into the whole text
        if len(text) > 4:
            a, b = 2, len(text) - 1
            assert [tuple(t) for t in tokenize(text, lang, strip, a, b)] == _reference(text, lang, strip, a, b), text


def _reference_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """sentence_spans as first written: every segment split on blank lines, trimmed char by char."""
    from sentencex import segment

    spans = []
    pos = 0
    for seg in segment(lang, text):
        start, end = pos, pos + len(seg)
        pos = end
        cuts = [start]
        i = text.find("\n\n", start, end)
        while i >= 0:
            cuts += [i, i + 2]
            i = text.find("\n\n", i + 2, end)
        cuts.append(end)
        for s, e in zip(cuts[::2], cuts[1::2], strict=True):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    return spans


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_sentence_spans_match_reference(lang: str) -> None:
    from wirestream.tagging.events.text import sentence_spans

    rng = random.Random(5)
    words = ["Moscow", "said.", "Mr.", "Smith", "attacked", "\n\n", "\n", " ", "\u2003", "U.S.", "?", "“Yes.”", "3.5"]
    texts = _texts(12, 300) + [" ".join(rng.choice(words) for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    for text in texts:
        assert sentence_spans(text, lang) == _reference_spans(text, lang), text


def test_dedupe_returns_its_own_output_unchanged() -> None:
    """The engine skips a second _dedupe pass when no reading was added; that is only sound if
    deduplicating an already deduplicated list changes nothing (same events, same order)."""
    from wirestream.models import EventTag, PloverType, Span, TextField
    from wirestream.tagging.events.engine import _dedupe

    rng = random.Random(3)
    ids = ["RUS", "UKR", "GBR", "FRA"]
    span = Span(text="x", start=0, end=1, field=TextField.BODY)
    types = [PloverType.ASSAULT, PloverType.ACCUSE, PloverType.CONSULT]
    for _ in range(2000):
        cands = [
            EventTag(
                event_type=rng.choice(types),
                quad_class=4,
                cameo_root="19",
                source=rng.sample(ids, rng.randint(0, 2)),
                target=rng.sample(ids, rng.randint(0, 2)),
                trigger=span,
                sentence=span,
                confidence=rng.choice([0.5, 0.6, 0.7]),
                rule_id=f"r{k}",
            )
            for k in range(rng.randint(0, 6))
        ]
        once = _dedupe(cands)
        assert [e.rule_id for e in _dedupe(once)] == [e.rule_id for e in once]


def test_first_break_agrees_with_per_actor_scan() -> None:
    """One scan for the first clause boundary after a trigger answers, for every actor within
    reach, what a scan of the tokens between the trigger and that actor would."""
    from wirestream.tagging.events import EventTagger
    from wirestream.tagging.events.engine import _COMPLEMENT_WINDOW, _first_break

    cues = EventTagger.load().rules.languages["en"].cues
    rng = random.Random(9)
    plain = ["Russia", "and", ",", "to", "in", "attacked", "the", "Kyiv"]
    breaks = [";", "but", "said", "says", "while", "because"]  # sparse, so the first one lands anywhere
    for _ in range(3000):
        words = [rng.choice(breaks) if rng.random() < 0.1 else rng.choice(plain) for _ in range(rng.randint(1, 40))]
        toks = tokenize(" ".join(words), "en")
        i1 = rng.randrange(len(toks))
        brk = _first_break(toks, i1 + 1, i1 + _COMPLEMENT_WINDOW, cues)
        for j in range(i1 + 1, min(len(toks), i1 + _COMPLEMENT_WINDOW + 1)):
            crosses = any(
                t.low == ";" or (t.low in cues.clause_breaks and t.low not in cues.preps) or t.lemma in cues.reporting
                for t in toks[i1 + 1 : j]
            )
            assert (brk < j) == crosses


def test_blank_matches_the_substitution() -> None:
    """The prefilter's fast blanking equals the regex definition on ASCII and on any Unicode."""
    from wirestream.tagging.events.text import _NON_ALNUM, blank

    rng = random.Random(21)
    pool = (
        [chr(c) for c in range(128)]
        + list("éüßçñøœæ’‘“”«»„—–…·°€£¥§©®™\u00a0\u2003\u200b\u0301\u0308")
        + list("ДжΩλالعربيةهجوم中文한국어ไทย🙂𝔘")
        + [chr(rng.randrange(0x80, 0x3000)) for _ in range(200)]
    )
    ascii_pool = [chr(c) for c in range(128)]
    for k in range(4000):
        chars = ascii_pool if k % 2 else pool
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 80)))
        assert blank(text) == _NON_ALNUM.sub(" ", text), repr(text)
