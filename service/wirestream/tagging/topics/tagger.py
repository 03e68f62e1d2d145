"""IPTC Media Topic (top level) tagging from events, actors, keywords and agency subjects.

Why this shape: downstream routing needs a coarse, stable subject for every article, including
the many that carry no political event at all (markets, sport, weather). Events and actor types
are strong evidence for politics and conflict; keyword lemmas cover everything else. Agency
subject codes are the agency's own editorial judgement, so IPTC ones are always passed through.
All knowledge lives in data/topics/topics.yaml; this module only scores.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from wirestream.models import ActorTag, Article, EventTag, Subject

from ..events.text import inflection_map, lemma

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "topics"
_MEDTOP_RE = re.compile(r"(?:medtop:|mediatopic/)(\d{8})\b")
_SUBJ_RE = re.compile(r"(?:subj:|subjectcode/)?(\d{8})\b")


class _Separators(dict[int, int | str | None]):
    """``str.translate`` table: every character that is not a letter or digit becomes a space.

    Filled on first sight of each character (``__missing__``), so a few hundred entries cover a
    language's text; a regex substitution doing the same costs ~300 µs per 2 KB article. Kept to
    ``MAX_ENTRIES``: input that walks through Unicode must not grow a worker's memory by the
    ~100 MB a table of every code point would take; past the cap a character is classified per call.
    A language's spelling folds (``fold`` in topics.yaml: Arabic hamza seats, short vowels) are
    seeded into the table, so keywords and text are folded alike at no extra cost.
    """

    MAX_ENTRIES = 1 << 16

    def __init__(self, fold: Mapping[str, str] | None = None) -> None:
        super().__init__({ord(k): (v or None) for k, v in (fold or {}).items()})

    def __missing__(self, code: int) -> int:
        value = code if chr(code).isalnum() else 32
        if len(self) < self.MAX_ENTRIES:
            self[code] = value
        return value


def _spaced(text: str, separators: _Separators) -> str:
    """Lower case, every non-word character a space, padded with a space each side.

    Keywords are stored in this form too (`` same sex ``), so an automaton match is always a
    whole-word match: no boundary check per hit, and no hits inside longer words ("ai" in "said")
    to iterate over and reject in Python.
    """
    return f" {text.lower().translate(separators)} "


@dataclass(frozen=True, slots=True)
class Attached:
    """How a language writes the article and one-letter particles onto the next word.

    Arabic writes "and", "so", "with", "like", "for" and the article as prefixes ("والحكومة",
    "بالبرلمان", "للحكومة"), so whole-word matching of "حكومة" misses most of its occurrences and
    there is no lemmatiser for Arabic in simplemma. A keyword written without the article also
    matches with it; one written with it ("الدوري": the league, not "periodic") only with it.
    ``contractions`` rewrite a particle + article join ("لال" -> "لل").
    """

    article: str
    particles: tuple[str, ...]
    contractions: Mapping[str, str]

    def forms(self, keyword: str) -> set[str]:
        """``keyword`` as it can be written with an article and particles attached to its first word."""
        bases = {keyword} if keyword.startswith(self.article) else {keyword, self.article + keyword}
        out = set(bases)
        for base in bases:
            for particle in self.particles:
                join = particle + base
                head = len(particle) + len(self.article)
                for old, new in self.contractions.items():
                    if old in join[:head]:
                        join = join[:head].replace(old, new, 1) + join[head:]
                out.add(join)
        return out


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """Keyword automaton for one language: spaced surface form -> (keyword id, topic codes)."""

    auto: Any  # ahocorasick.Automaton, built once and only read afterwards
    separators: _Separators
    parts: Any = None  # compounding languages: bare single-word forms, matched inside words too
    min_rest: int = 0  # letters the rest of a compound needs beside a part
    not_compounds: frozenset[str] = frozenset()  # words a part never counts in

    def hits(self, text: str) -> dict[str, set[int]]:
        """topic -> ids of the distinct keywords found as whole words in ``text``.

        In a compounding language a keyword also counts as the head or the tail of a longer word
        ("Warnstreik", "Hochwasserlage"): German writes most subject words as compounds, which
        whole-word matching never sees. The rest of the word must be at least ``min_rest`` letters,
        so an inflectional ending is no compound ("gewinnt" is no "Gewinn", "Zuschauern" no
        "Schauer"), and words listed in ``not_compounds`` ("Hunderte", "Brandenburg") never count.
        """
        found: dict[str, set[int]] = defaultdict(set)
        spaced = _spaced(text, self.separators)
        for _end, (kid, topics) in self.auto.iter(spaced):
            for t in topics:
                found[t].add(kid)
        if self.parts is not None:
            rest = self.min_rest
            for end, (kid, size, topics) in self.parts.iter(spaced):
                start = end - size + 1
                if spaced[start - 1] == " ":  # head: the word goes on after the part
                    if " " in spaced[end + 1 : end + 1 + rest]:
                        continue
                    stop = spaced.index(" ", end + 1)
                    word = spaced[start:stop]
                elif spaced[end + 1] == " ":  # tail: the word began before the part
                    if " " in spaced[max(0, start - rest) : start]:
                        continue
                    word = spaced[spaced.rindex(" ", 0, start) + 1 : end + 1]
                else:
                    continue
                if word in self.not_compounds:
                    continue
                for t in topics:
                    found[t].add(kid)
        return found


@dataclass(frozen=True, slots=True)
class TopicRules:
    version: str
    labels: Mapping[str, str]
    threshold: float
    fallback_threshold: float
    relative_threshold: float
    max_topics: int
    keyword_weight: float
    headline_boost: float
    event_weight: float
    actor_weight: float
    actor_cap: float
    by_type: Mapping[str, tuple[str, ...]]
    by_cameo: Mapping[str, tuple[str, ...]]
    by_actor_type: Mapping[str, tuple[str, ...]]
    keywords: Mapping[str, Mapping[str, tuple[str, ...]]]  # language -> keyword -> topics
    compound_languages: frozenset[str] = frozenset()
    compound_min_chars: int = 0
    compound_min_rest: int = 0
    not_compounds: Mapping[str, frozenset[str]] = field(default_factory=dict)
    infinitive_endings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exact: Mapping[str, frozenset[str]] = field(default_factory=dict)
    attached: Mapping[str, Attached] = field(default_factory=dict)
    fold: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def load_topic_rules(data_dir: Path = DATA_DIR) -> TopicRules:
    """Parse and check data/topics; raises ``ValueError`` on unknown topic codes."""

    version = (data_dir / "VERSION").read_text(encoding="utf-8").strip()
    raw = yaml.safe_load((data_dir / "topics.yaml").read_text(encoding="utf-8"))
    labels = {str(k): str(v) for k, v in raw["topics"].items()}

    def codes(values: Any, where: str) -> tuple[str, ...]:
        out = tuple(str(v) for v in values)
        for c in out:
            if c not in labels:
                raise ValueError(f"{where}: unknown topic {c}")
        return out

    by_type = {k: codes(v, f"events.by_type.{k}") for k, v in raw["events"]["by_type"].items()}
    by_cameo = {str(k): codes(v, f"events.by_cameo.{k}") for k, v in raw["events"]["by_cameo"].items()}
    by_actor = {k: codes(v, f"actors.{k}") for k, v in raw["actors"].items()}

    per_lang: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for topic, langs in raw["keywords"].items():
        codes([topic], "keywords")
        for lang, words in langs.items():
            for w in words:
                per_lang[lang][str(w).lower()].add(str(topic))
    keywords = {lang: {w: tuple(sorted(t)) for w, t in words.items()} for lang, words in per_lang.items()}
    return TopicRules(
        version=version,
        labels=labels,
        threshold=float(raw["threshold"]),
        fallback_threshold=float(raw.get("fallback_threshold", raw["threshold"])),
        relative_threshold=float(raw.get("relative_threshold", 0.0)),
        max_topics=int(raw["max_topics"]),
        keyword_weight=float(raw["keyword_weight"]),
        headline_boost=float(raw["headline_boost"]),
        event_weight=float(raw["event_weight"]),
        actor_weight=float(raw["actor_weight"]),
        actor_cap=float(raw["actor_cap"]),
        by_type=by_type,
        by_cameo=by_cameo,
        by_actor_type=by_actor,
        keywords=keywords,
        compound_languages=frozenset(str(x) for x in raw.get("compound_languages", [])),
        compound_min_chars=int(raw.get("compound_min_chars", 0)),
        compound_min_rest=int(raw.get("compound_min_rest", 0)),
        exact={str(lang): frozenset(str(w).lower() for w in words) for lang, words in (raw.get("exact") or {}).items()},
        infinitive_endings={
            str(lang): tuple(str(e) for e in ends) for lang, ends in (raw.get("infinitive_endings") or {}).items()
        },
        not_compounds={
            str(lang): frozenset(str(w).lower() for w in words)
            for lang, words in (raw.get("not_compounds") or {}).items()
        },
        attached={
            str(lang): Attached(
                article=str(spec["article"]),
                particles=tuple(str(p) for p in spec["particles"]),
                contractions={str(k): str(v) for k, v in spec.get("contractions", {}).items()},
            )
            for lang, spec in (raw.get("attached") or {}).items()
        },
        fold={str(lang): {str(k): str(v) for k, v in m.items()} for lang, m in (raw.get("fold") or {}).items()},
    )


def build_lexicon(lang: str, words: Mapping[str, tuple[str, ...]], rules: TopicRules) -> _Lexicon:
    """One language's keyword automaton, with every inflected form simplemma knows for each keyword.

    Built on first use of the language, not at load: inverting simplemma's dictionary loads it
    (~50 MB per language), and a worker that only ever sees English should not hold seven.
    The language's options come from ``rules`` (topics.yaml):
    ``compound_min_chars`` (compounding languages): single-word forms at least that long also
    match as the head or tail of a compound; shorter ones would hit inside unrelated words.
    ``compound_min_rest``, ``not_compounds``: see ``_Lexicon.hits``.
    ``infinitive_endings``: simplemma reads some nouns as forms of a verb ("Gewinn" -> "gewinnen",
    "partito" -> "partire", "IA" -> "ir"); the verb's forms ("gewinnt", "parte", "foi") are not the
    keyword. A keyword that does not end like an infinitive but whose lemma does keeps its own forms.
    ``exact``: keywords matched only as written, where simplemma's lemma is another word ("AI" ->
    "be", whose forms are "is" and "was") or its other forms have another sense ("camping" -> "camp").
    ``attached`` (Arabic): every form also with the article and particles written onto it;
    ``fold``: spelling variants folded in keywords and text alike.
    """
    import ahocorasick

    compound_min_chars = rules.compound_min_chars if lang in rules.compound_languages else 0
    attached = rules.attached.get(lang)
    exact = rules.exact.get(lang, frozenset())
    infinitive_endings = rules.infinitive_endings.get(lang, ())
    singles = frozenset(w for w in words if " " not in w and w not in exact)
    lemma_of = {w: lemma(lang, w) for w in singles}
    if infinitive_endings:
        lemma_of = {
            w: w if (lem != w and lem.endswith(infinitive_endings) and not w.endswith(infinitive_endings)) else lem
            for w, lem in lemma_of.items()
        }
    forms = inflection_map(lang, frozenset(lemma_of.values()))
    auto = ahocorasick.Automaton()
    parts = ahocorasick.Automaton()
    separators = _Separators(rules.fold.get(lang))
    for kid, (word, topics) in enumerate(sorted(words.items())):
        surface = {word}
        if word in lemma_of:
            surface |= forms.get(lemma_of[word], set())
        if attached is not None:
            surface = {f for form in surface for f in attached.forms(form)}
        for f in surface:
            key = _spaced(f, separators)
            if key in auto:  # first keyword wins a shared surface form
                continue
            auto.add_word(key, (kid, topics))
            if compound_min_chars and len(f) >= compound_min_chars and f.isalpha() and f not in parts:
                parts.add_word(f, (kid, len(f), topics))
    auto.make_automaton()
    if len(parts) == 0:
        return _Lexicon(auto, separators)
    parts.make_automaton()
    not_compounds = frozenset(w.translate(separators) for w in rules.not_compounds.get(lang, ()))
    return _Lexicon(auto, separators, parts, rules.compound_min_rest, not_compounds)


class TopicTagger:
    """Top-level IPTC Media Topics for an article (codes like ``medtop:16000000``)."""

    def __init__(self, rules: TopicRules) -> None:
        self._rules = rules
        self._lexicons: dict[str, _Lexicon | None] = {}  # built lazily, one per language seen
        # (CAMEO code or root, PLOVER type) -> topics: the prefix walk of _event_topics, once per
        # pair seen (bounded by the codes the event rules emit) instead of for each of the ~20
        # events of an article; it depends only on the rules, i.e. on the data version
        self._by_event: dict[tuple[str, str], tuple[str, ...]] = {}

    def _lexicon(self, lang: str) -> _Lexicon | None:
        if lang not in self._lexicons:
            words = self._rules.keywords.get(lang)
            self._lexicons[lang] = build_lexicon(lang, words, self._rules) if words else None
        return self._lexicons[lang]

    @classmethod
    def load(cls, data_dir: Path | None = None) -> TopicTagger:
        if data_dir is None:
            return _default_topic_tagger()
        return cls(load_topic_rules(data_dir))

    @property
    def version(self) -> str:
        return self._rules.version

    def scores(self, article: Article, actors: Sequence[ActorTag], events: Sequence[EventTag]) -> dict[str, float]:
        """Evidence score per topic (for debugging and tests; ``tag`` thresholds these)."""
        r = self._rules
        score: dict[str, float] = defaultdict(float)
        lex = self._lexicon((article.language or "en")[:2].lower())
        if lex is not None:
            for topic, kws in lex.hits(article.body).items():
                score[topic] += min(6.0, r.keyword_weight * len(kws))
            if article.headline:
                for topic, kws in lex.hits(article.headline).items():
                    score[topic] += r.keyword_weight * r.headline_boost * len(kws)
        ev_score: dict[str, float] = defaultdict(float)
        by_event = self._by_event
        for ev in events:
            if ev.negated:
                continue
            key = (ev.cameo_code or ev.cameo_root, ev.event_type)
            topics = by_event.get(key)
            if topics is None:
                topics = by_event[key] = self._event_topics(*key)
            weight = r.event_weight * ev.confidence
            for t in topics:
                ev_score[t] += weight
        for t, v in ev_score.items():
            score[t] += min(6.0, v)
        act_score: dict[str, float] = defaultdict(float)
        by_actor_type = r.by_actor_type
        for a in actors:
            # a StrEnum member is the str of its value (same hash, equal): no ``.value`` lookup
            for t in by_actor_type.get(a.type, ()):
                act_score[t] += r.actor_weight
        for t, v in act_score.items():
            score[t] += min(r.actor_cap, v)
        return dict(score)

    def tag(self, article: Article, actors: Sequence[ActorTag], events: Sequence[EventTag]) -> list[str]:
        """Derived topics (best first, at most ``max_topics``) then the agency's IPTC subjects."""
        r = self._rules
        sc = self.scores(article, actors, events)
        floor = max(r.threshold, r.relative_threshold * max(sc.values())) if sc else r.threshold
        ranked = sorted((t for t, v in sc.items() if v >= floor), key=lambda t: (-sc[t], t))
        out = ranked[: r.max_topics]
        if not out and sc:
            out = _sole_best(sc, r.fallback_threshold)
        for code in agency_topics(article.subjects):
            if code not in out:
                out.append(code)
        return out

    def _event_topics(self, code: str, event_type: str) -> tuple[str, ...]:
        """The topics of an event: its longest mapped CAMEO prefix, else its PLOVER type (memoised by the caller)."""
        for k in range(len(code), 1, -1):
            hit = self._rules.by_cameo.get(code[:k])
            if hit is not None:
                return hit
        return self._rules.by_type.get(event_type, ())


def _sole_best(scores: Mapping[str, float], floor: float) -> list[str]:
    """The one best-scoring topic when it reaches ``floor`` and no other ties it, else none.

    Why: a brief (a headline and a lead) rarely names three keywords of its subject, so the main
    threshold leaves it untagged; below that threshold weaker evidence is only trusted when it
    points one way.
    """
    best = max(scores.values())
    top = [t for t, v in scores.items() if v == best]
    return top if best >= floor and len(top) == 1 else []


def agency_topics(subjects: Sequence[Subject]) -> list[str]:
    """The agency's subjects that are IPTC codes, as ``medtop:`` codes.

    Media Topic codes pass through unchanged (any level). Legacy IPTC Subject Codes are mapped to
    their top-level Media Topic: the 17 top-level numbers were kept when Media Topics replaced
    Subject Codes, and a subject code's first two digits name its top-level branch.
    """
    out: list[str] = []
    for s in subjects:
        code = (s.code or "").strip()
        scheme = (s.scheme or "").lower()
        if not code:
            continue
        m = _MEDTOP_RE.search(code)
        if m is None and ("mediatopic" in scheme or "medtop" in scheme):
            m = re.fullmatch(r"(\d{8})", code)
        if m is not None:
            val = f"medtop:{m.group(1)}"
        else:
            sm = _SUBJ_RE.fullmatch(code) if ("subj" in code or "subject" in scheme) else None
            if sm is None or not 1 <= int(sm.group(1)[:2]) <= 17:
                continue
            val = f"medtop:{sm.group(1)[:2]}000000"
        if val not in out:
            out.append(val)
    return out


@cache
def _default_topic_tagger() -> TopicTagger:
    return TopicTagger(load_topic_rules(DATA_DIR))
