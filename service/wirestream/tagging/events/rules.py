"""Loading the event rule set (data/events/*.yaml) into immutable, indexed structures.

Rules are data so that event knowledge can be reviewed and versioned without touching code; this
module only parses, checks and indexes them. Every structure built here is frozen: one loaded
:class:`RuleSet` is shared by all tagger calls (and threads) without locks.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from wirestream.models import PloverType

from .text import Prefilter, Requirement, known, lemma, strict_inflection_map

try:  # libyaml parses the rule files ~10x faster than the pure-Python loader
    _YAML_LOADER: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _YAML_LOADER = yaml.SafeLoader

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
GAP = "..."
DEFAULT_GAP = 4


@dataclass(frozen=True, slots=True)
class Rule:
    """One event rule: the event it codes and how to find its actors."""

    id: str
    plover: PloverType
    quad_class: int
    cameo: str
    target_preps: frozenset[str]  # abstract classes, resolved per language in Cues
    direct_object: bool
    reciprocal: bool
    requires: frozenset[str]
    window: int
    not_before: frozenset[str]
    not_after: frozenset[str]
    modality: str | None
    confidence: float
    gap: int
    frame: str | None = None  # "obligation": "X said Y must ..." -> source X, target Y
    #: names of context cue lists (Cues.contexts) whose presence in the sentence vetoes the rule:
    #: "strike", "attack", "beat", "shot" in a sentence about a match; "killing" in one about a storm
    context_veto: frozenset[str] = frozenset()
    #: the event the act is when several parties of different countries do it together: a
    #: military exercise alone is a show of force (MOBILIZE), held jointly it is military
    #: cooperation (PLOVER COOPERATE: "joint military games and maneuvers")
    joint_plover: PloverType | None = None
    joint_cameo: str | None = None
    joint_quad_class: int = 0
    #: the trigger is an event only with a target: "Xi hosts Putin" is a visit, "Brazil to host
    #: Copa America" or "Japan hosts Expo" is no PLOVER event (the object is no party)
    needs_target: bool = False
    #: a passive with no agent names its doer by place: "two Britons were arrested in Iran" (only
    #: a state arrests or sentences, so the country where it happened is the one that acted)
    place_doer: bool = False
    #: nouns that satisfy ``needs_target`` as the trigger's object ("host a summit", "host talks")
    object_nouns: frozenset[str] = frozenset()
    #: trigger words that match only as written, not as any form of their lemma: "drills" and
    #: "exercises" are military drills after "hold"/"stage", but their lemmas also match
    #: "drilling" (oil wells) and "exercise" (caution, a right)
    surface_forms: frozenset[str] = frozenset()
    #: abstract preposition classes (cues ``prep_classes``) a gapped trigger may not skip: in
    #: "doctors strike in Kenya over pay deal" the deal is what the strike is about, not what was
    #: struck ("strike ... deal"); the first word then stands alone (engine._gap_fallback)
    gap_stops: frozenset[str] = frozenset()
    #: per-trigger object vetoes, ``(trigger keys, objects, heads)``: the trigger is no event when
    #: the word right after it is one of ``objects`` and is the object itself, not a modifier of
    #: one of ``heads`` a few words on. "BP strikes gas", "the company struck oil" report a find;
    #: "drones struck oil depots" an attack. Unlike ``not_after`` it binds one trigger of the rule
    #: only, so "attack oil tankers" keeps its event
    object_vetoes: tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...] = ()
    #: the event the act is when its doer is a workforce (cues ``labour_doers``), as
    #: ``(plover, cameo, quad_class, trigger head lemmas)``: "Nurses begin strike", "a rail
    #: strike" are a labour action (CAMEO 143), "Israeli jets strike Gaza" an attack
    labour: tuple[PloverType, str, int, frozenset[str]] | None = None
    #: the event a trigger ending in "to" codes when an infinitive follows it, as ``(plover,
    #: cameo, quad_class)``: "a call to Moscow" is a phone call, "a call to end the war" a demand
    to_verb: tuple[PloverType, str, int] | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """A PLOVER re-coding of an event under a modality (see data/events/readings.yaml)."""

    name: str
    modalities: frozenset[str]
    sources: frozenset[PloverType]
    negated: bool
    to: PloverType
    quad_class: int
    cameo: dict[PloverType, str]


@dataclass(frozen=True, slots=True)
class Pattern:
    """A trigger: a sequence of elements, each a set of accepted keys (lemma or surface)."""

    elements: tuple[frozenset[str], ...]
    gaps: tuple[bool, ...]  # gaps[k]: tokens may be skipped before elements[k] (k >= 1)
    rule: Rule
    size: int  # len(elements), stored: it is read in the matching hot loop
    rest: tuple[frozenset[str], ...] = ()  # elements[1:], stored for the same reason
    #: words a gap does not count, nor any capitalised word (cues ``gap_adverbials``): the time and
    #: place adverbials Romance wire copy puts between a verb and its object ("firmaron este lunes
    #: en La Habana un acuerdo"); empty where the language lists none
    gap_free: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Cues:
    """Per-language grammatical cue words (see data/events/cues.yaml)."""

    lang: str
    negation: frozenset[str]
    negation_verbs: frozenset[str]
    modality: dict[str, str]
    passive_aux: frozenset[str]
    agent: frozenset[str]
    prep_classes: dict[str, frozenset[str]]
    preps: frozenset[str]
    subject_pronouns: frozenset[str]
    object_pronouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    possessive: frozenset[str]
    coordinators: frozenset[str]
    determiners: frozenset[str]
    clause_breaks: frozenset[str]
    reporting: frozenset[str]
    according: frozenset[str]
    light_verbs: frozenset[str]
    possessive_pronouns: frozenset[str]
    object_markers: frozenset[str]
    nominal_modifiers: frozenset[str]
    reduced_passive: frozenset[str]
    background: frozenset[str]
    verb_initial: bool
    infinitive: frozenset[str]
    nominal_prefixes: tuple[str, ...]
    strip_prefixes: tuple[str, ...]
    #: suffixes that turn an event noun into the noun for its participants ("protest-er",
    #: "demonstrat-or"): such a trigger names people, so it is read as a noun, never a verb
    agent_noun_suffixes: tuple[str, ...] = ()
    definite: frozenset[str] = frozenset()  # definite articles: "the bombing" is a known event
    conditional: frozenset[str] = frozenset()  # "if", "unless": the clause states a condition
    #: auxiliaries that open a conditional clause before its subject ("Should China invade ...")
    inversion: frozenset[str] = frozenset()
    #: free-choice determiners ("any attack on ... would"): the event noun names a kind of act
    nonspecific: frozenset[str] = frozenset()
    indefinite: frozenset[str] = frozenset()  # "a", "an": "a protester" is one unnamed person
    #: nouns of a place named by an "of" phrase ("in the town of Cizre"): the preposition before
    #: the noun governs the name, as in "in Cizre"
    place_heads: frozenset[str] = frozenset()
    #: verbs by which a party predicts an act ("warned that X would ..."); see engine._predicted
    prediction: frozenset[str] = frozenset()
    modal_auxiliaries: frozenset[str] = frozenset()  # "will", "would", "could" (see engine._predicted)
    #: participles that, after "be" and before an infinitive, describe the subject's resolve
    #: ("is committed to", "is determined to"): the subject acts, it is not a passive patient
    stative_participles: frozenset[str] = frozenset()
    #: negation verbs that deny an act rather than refuse it when a clause, a gerund or one of
    #: the denial_markers (accusation nouns, "having") follows them: "denied reports that ..."
    denial_verbs: frozenset[str] = frozenset()
    denial_markers: frozenset[str] = frozenset()
    #: "will withdraw ... unless ...": a future act made conditional on the other side's
    #: behaviour is an ultimatum, read as a threat
    ultimatum: frozenset[str] = frozenset()
    #: legal-form words that end a company's name ("Shell plc", "Strike Resources Ltd"): a
    #: capitalised trigger right before one is that name, resolved by the actor tagger or not
    name_suffixes: frozenset[str] = frozenset()
    #: nouns naming a work ("film", "series", "documentary"): a capitalised trigger in a title
    #: next to one ("Attack on Titan film") is part of the title, not an act
    work_nouns: frozenset[str] = frozenset()
    #: verbs that start an act ("a strike begins", "protests erupted"): an act that starts in a
    #: clause of circumstance ("... as a strike begins") is news, not background
    inception_verbs: frozenset[str] = frozenset()
    #: words that may sit inside a title between the trigger and the work noun ("of", "on")
    title_words: frozenset[str] = frozenset()
    #: nouns after a work noun that make it a place or a team ("film studio", "film crew")
    work_venues: frozenset[str] = frozenset()
    #: prepositions that introduce the reason for an act ("arrested over ...", "charged for her
    #: role in ..."): an event noun inside that phrase is its content, not separate news
    reason_preps: frozenset[str] = frozenset()
    #: "accused each other", "se acusaron mutuamente": word sequences (lower case) saying that the
    #: parties of a compound subject act on one another (see engine._reciprocal_marker)
    reciprocal: tuple[tuple[str, ...], ...] = ()
    wh_words: frozenset[str] = frozenset()  # "why", "how": questions that presuppose the event
    relative: frozenset[str] = frozenset()  # "which", "who": a relative clause is context
    relative_that: frozenset[str] = frozenset()  # "that": relative only when a verb follows
    #: purpose adjuncts: "in a bid to", ", seeking to", "aimed at" (see engine._purpose)
    purpose_nouns: frozenset[str] = frozenset()
    #: verbs of travel whose "for" phrase names what the travellers came to take part in:
    #: "negotiators returned to Geneva for talks", "flew to Cairo for a summit"
    travel_verbs: frozenset[str] = frozenset()
    #: "claimed responsibility for the bombing": the noun before "for" makes the subject the doer
    #: of the event noun after it, as a light verb does ("carried out the bombing")
    responsibility_nouns: frozenset[str] = frozenset()
    #: endings only nouns have ("accusat-ions", "agree-ment"): such a trigger is an event noun even
    #: with no article before it ("denied accusations by X that ...")
    nominal_suffixes: tuple[str, ...] = ()
    purpose_participles: frozenset[str] = frozenset()
    purpose_modifiers: frozenset[str] = frozenset()
    purpose_links: frozenset[str] = frozenset()  # "at" in "aimed at"; the infinitive marker counts too
    #: derived at load: any of these in a sentence means the clause checks may apply
    subordinators: frozenset[str] = frozenset()  # background | relative | relative_that
    #: every word the negation/modality scope walk before a trigger reacts to (as surface form
    #: or lemma); a token with neither form in it is stepped over without the per-list tests
    scope_words: frozenset[str] = frozenset()
    purpose_heads: frozenset[str] = frozenset()  # purpose nouns | participles | modifiers
    #: context name -> (single lower-cased words, consecutive word pairs, last words of the pairs)
    #: that mark a sentence as sport or natural-hazard copy, where the violent vocabulary is
    #: figurative or has no agent
    contexts: dict[str, tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]] = field(default_factory=dict)
    #: nouns whose "for"/"of" argument is proposed, not reported ("a proposal for talks")
    proposal_heads: frozenset[str] = frozenset()
    #: nouns naming no one who can act (storms, diseases, inflation): as a trigger's subject
    #: they mean there is no event ("Drought threatens harvest"); see engine._non_agent_doer
    non_agents: frozenset[str] = frozenset()
    #: market quantities ("prices", "shares", "oil"): the same, but only before a plain verb,
    #: since they also modify event nouns ("oil sanctions", "price protests")
    non_agent_quantities: frozenset[str] = frozenset()
    #: auxiliaries and adverbs stepped over between a subject and its verb ("has killed")
    subject_skip: frozenset[str] = frozenset()
    #: a workforce, by its members ("nurses", "miners", "union") or its sector as a noun modifier
    #: ("rail", "tube"): the doer of a labour action; see engine._labour_doer
    labour_doers: frozenset[str] = frozenset()
    #: words between a workforce and its strike ("begin", "call", "a", "24-hour"), stepped over
    labour_preamble: frozenset[str] = frozenset()
    #: words of a strike's length or kind only a labour strike has ("48-hour", "wildcat")
    labour_markers: frozenset[str] = frozenset()
    #: nouns of a measure aimed at someone ("sanctions", "embargo"): a country's *name* as their
    #: noun modifier names the target ("Russia sanctions"), not the doer; see engine._named_target
    target_adjuncts: frozenset[str] = frozenset()
    #: finite auxiliaries and modals of a verb-second language whose main verb then closes the
    #: clause ("Russland hat die Ukraine ... angegriffen"): the subject precedes the auxiliary, or
    #: comes first after it, and the noun between them and the verb is its object (engine._middle_field)
    final_verb_aux: frozenset[str] = frozenset()
    #: conjunctions that open a verb-final subordinate clause ("nachdem", "weil"): the clause's
    #: subject comes first after them, its object next to the verb (engine._middle_field)
    final_clause_openers: frozenset[str] = frozenset()
    #: adjectives follow their noun (es, fr, it, pt): a bare actor right after an event noun is its
    #: doer ("ataque israelense", "frappes russes"), as one right before it is in English
    postposed_adjectives: bool = False
    #: endings of the language's verb lemmas (infinitives): a trigger whose lemma has none is a noun
    verb_endings: tuple[str, ...] = ()
    #: present forms that are their verb only before an object ("libera tre ostaggi"; the adjective
    #: in "zona libera"), and the words that start one besides numbers and names (engine._object_follows)
    before_object: frozenset[str] = frozenset()
    object_starts: frozenset[str] = frozenset()

    def target_tokens(self, rule: Rule) -> frozenset[str]:
        out: set[str] = set()
        for cls in rule.target_preps:
            out |= self.prep_classes.get(cls, frozenset())
        return frozenset(out)


@dataclass(frozen=True, slots=True)
class LanguageRules:
    cues: Cues
    # plain dicts, not Mapping: the compiled build (mypyc) looks a dict up with a C call, a
    # Mapping through a Python method call (once per token in the matcher)
    index: dict[str, tuple[Pattern, ...]]  # key of first element -> patterns, longest first
    target_tokens: dict[str, frozenset[str]]  # rule id -> target preposition tokens
    prefilter: Prefilter | None = None  # None: scan every sentence (e.g. clitic languages)
    #: (lemma, surface) -> patterns of both keys, longest first; filled on first sight of a
    #: token whose lemma differs from its surface form (a cache: contents are derived, and a
    #: racing duplicate insert writes the same value)
    merged: dict[tuple[str, str], tuple[Pattern, ...] | None] = field(default_factory=dict, compare=False)
    #: any pronoun through which a sentence without actor mentions could still name a source
    #: (see :func:`anaphor_pattern`); searched in the lower-cased text before tokenising
    anaphors: re.Pattern[str] | None = None
    #: the same in ASCII mode, for ASCII text (same matches there; no Unicode database lookups)
    anaphors_ascii: re.Pattern[str] | None = None


class _LazyLanguages(Mapping[str, "LanguageRules"]):
    """Language -> rules, each built on first use (thread-safe) and immutable afterwards.

    Building a language loads its simplemma dictionary and inverts it for the prefilter, which
    is most of the load cost; a worker that only sees English never pays for the others.
    """

    __slots__ = ("_build", "_built", "_lock", "_names")

    def __init__(self, names: tuple[str, ...], build: Callable[[str], LanguageRules]) -> None:
        self._names = names
        self._build = build
        self._built: dict[str, LanguageRules] = {}
        self._lock = threading.Lock()

    def __getitem__(self, lang: str) -> LanguageRules:
        got = self._built.get(lang)
        if got is not None:
            return got
        if lang not in self._names:
            raise KeyError(lang)
        with self._lock:
            got = self._built.get(lang)
            if got is None:
                got = self._built[lang] = self._build(lang)
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, lang: object) -> bool:
        return lang in self._names


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=_YAML_LOADER)  # CSafeLoader/SafeLoader only


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: str
    rules: tuple[Rule, ...]
    languages: Mapping[str, LanguageRules]
    readings: tuple[Reading, ...] = ()


def _fs(values: Any, lang: str | None = None) -> frozenset[str]:
    """Lower-cased keys; with ``lang`` also their lemmas, so data may use any inflection."""
    out: set[str] = set()
    for v in values or ():
        low = str(v).lower()
        out.add(low)
        if lang is not None and " " not in low:
            out.add(lemma(lang, str(v)))
    return frozenset(out)


def _element_keys(word: str, lang: str, strip: tuple[str, ...]) -> frozenset[str]:
    low = word.lower()
    keys = {low, lemma(lang, word)}
    for p in strip:
        if low.startswith(p) and len(low) - len(p) >= 3:
            keys.add(low[len(p) :])
    return frozenset(keys)


def _regular_inflection_keys(triggers: list[str], lang: str) -> dict[str, frozenset[str]]:
    """Extra match keys for a rule's one-word English verb triggers: the lemmas simplemma gives
    their regular -ed/-ing forms when those are not the base form ("ask" also matches "aske",
    the lemma of "asked"), so the data need not list inflected surface forms.

    A rule that lists an inflected form itself as the first word of a longer trigger, without
    the same trigger in the base form ("talked with", but no "talk with"), restricts that form on
    purpose ("talked about inflation" is no meeting), so that form gets no extra key.
    """
    if lang != "en":
        return {}
    listed = set(triggers)
    multi = [t.split(" ", 1) for t in triggers if " " in t]
    out: dict[str, frozenset[str]] = {}
    # the words of longer triggers too: "cancel ... visit" must match British "cancelled" (lemma
    # "cancell"), as the one-word trigger "ask" matches "asked"
    words = dict.fromkeys([t for t in triggers if " " not in t] + [w for t in multi for w in " ".join(t).split(" ")])
    for t in words:
        if " " in t or not t.isalpha() or len(t) < 3:
            continue
        base = t.lower()
        if base.endswith("e"):
            forms = {base + "d", base[:-1] + "ing"}
        elif base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3] not in "aeiou":
            forms = {base + base[-1] + "ed", base + base[-1] + "ing"}  # "plan" -> "planned"
        else:
            forms = {base + "ed", base + "ing"}
        # and the -s form: simplemma gives "masses" -> "masse", so "mass ... troop" missed
        # "Venezuela masses troops"
        forms.add(base + "es" if base.endswith(("s", "sh", "ch", "x", "z")) else base + "s")
        # a form simplemma does not know comes back unchanged and is no key
        keys = {k for f in forms if (k := lemma(lang, f)) != f} - {base}
        keys = {k for k in keys if not any(lemma(lang, w) == k and f"{t} {rest}" not in listed for w, rest in multi)}
        if keys:
            out[base] = frozenset(keys)
    return out


def _german_t_form_keys(triggers: list[str], lang: str) -> dict[str, frozenset[str]]:
    """Extra match keys for a rule's one-word German verb triggers: the -t form ("verurteilt",
    "kritisiert", "besucht"), which is both the third person present and the participle of a weak
    verb with an inseparable prefix or in -ieren. simplemma leaves it unlemmatised, so "Deutschland
    verurteilt Angriff" and "hat Russland kritisiert" missed their verb. The form is added only
    where simplemma does not already give the infinitive."""
    if lang != "de":
        return {}
    out: dict[str, frozenset[str]] = {}
    for t in dict.fromkeys(w for trig in triggers for w in trig.split(" ")):
        if not t.isalpha() or not t.islower() or not t.endswith("en") or len(t) < 6:
            continue
        stem = t[:-2]
        # "verhaften" -> "verhaftet", "entwaffnen" -> "entwaffnet" (an -e- after t, d or a
        # consonant before m/n), else "verurteilt", "kritisiert"
        e = stem.endswith(("t", "d")) or (stem[-1] in "mn" and stem[-2] not in "aeioulrhäöü")
        form = stem + ("et" if e else "t")
        if lemma(lang, form) != t:
            out[t] = frozenset({form})
    return out


def _romance_present_keys(
    triggers: list[str], lang: str, endings: Mapping[str, list[str]], exceptions: frozenset[str]
) -> dict[str, frozenset[str]]:
    """Extra match keys for a rule's Romance verb triggers: the 3rd-person present forms of each
    infinitive (cues ``present_endings``: "condenar" -> "condena", "condenan") that simplemma reads
    as another word, mostly the verb's own noun ("condena", "amenaza", "accusa", "menace"). Headlines
    are written in that tense, so "Colombia condena ..." missed its verb. A form simplemma does not
    know (an irregular verb's regular guess, "destrue") is no key, nor one with a common sense of
    its own (cues ``present_exceptions``: "media", "libera", "livre"), which would turn ordinary
    nouns and adjectives into events. Forms simplemma already maps onto the infinitive add nothing."""
    if not endings:
        return {}
    out: dict[str, frozenset[str]] = {}
    for t in dict.fromkeys(w for trig in triggers for w in trig.split(" ")):
        if not t.isalpha() or not t.islower():
            continue
        for inf, forms in endings.items():
            if t.endswith(inf) and len(t) > len(inf) + 2:
                stem = t[: -len(inf)]
                keys = {
                    f for end in forms if (f := stem + end) not in exceptions and lemma(lang, f) != t and known(lang, f)
                }
                if keys:
                    out[t] = frozenset(keys)
                break
    return out


def _arabic_form_keys(
    triggers: list[str], prefixes: list[str], suffixes: list[str], accusative: str
) -> dict[str, frozenset[str]]:
    """Extra match keys for a rule's Arabic triggers, which are written as they stand (no
    lemmatiser): the other 3rd-person imperfect forms of a listed imperfect (cues ``imperfect``:
    "يدين" also "تدين", with the feminine subject most country names take, and the dual and plural
    "توقعان", "يتفقون"), and a one-word trigger's indefinite accusative ("هجوم" -> "هجوما", the
    object of "تشن هجوما"; a listed past verb gets its dual, "قتلا", the same act). The lists then
    hold one form per tense, as they held the past forms and bare nouns."""
    if not prefixes and not accusative:
        return {}
    out: dict[str, set[str]] = {}
    for trig in triggers:
        words = trig.split(" ")
        for w in dict.fromkeys(words):
            keys = out.setdefault(w, set())
            if prefixes and w[:1] == prefixes[0] and len(w) >= 3:
                keys.update(p + w[1:] + s for p in prefixes for s in suffixes)
            elif accusative and len(words) == 1 and len(w) >= 3 and not w.endswith(_AR_NO_ALIF):
                keys.add(w + accusative)
            keys.discard(w)
    return {w: frozenset(k) for w, k in out.items() if k}


#: endings that take no alif of the accusative: the feminine ة and plural ات, a final alif,
#: alif maqsura or hamza ("هدنةً", "محادثاتٍ")
_AR_NO_ALIF = ("ة", "ات", "ا", "ى", "ء")


def _compile(
    trigger: str,
    rule: Rule,
    lang: str,
    strip: tuple[str, ...],
    extra: Mapping[str, frozenset[str]] | None = None,
    gap_free: frozenset[str] = frozenset(),
) -> Pattern:
    from .text import tokenize  # local: tokenisation must match the engine's exactly

    elements: list[frozenset[str]] = []
    gaps: list[bool] = []
    pending_gap = False
    for part in trigger.split(" "):
        if not part:
            continue
        if part == GAP:
            pending_gap = True
            continue
        # a data word may itself be several tokens ("cease-fire" stays one, "d'accord" two)
        for tok in tokenize(part, lang):
            word = part[tok.start : tok.end]
            if word.lower() in rule.surface_forms:
                # the matcher tests a token's lemma and its lower-cased form against the keys,
                # so a key that is only the surface form matches that form alone
                elements.append(frozenset({word.lower()}))
                gaps.append(pending_gap)
                pending_gap = False
                continue
            keys = _element_keys(word, lang, strip)
            if extra and word.lower() in extra:  # "ask", and "ask" in "ask for ... help"
                keys |= extra[word.lower()]
            elements.append(keys)
            gaps.append(pending_gap)
            pending_gap = False
    if not elements:
        raise ValueError(f"rule {rule.id}: empty trigger {trigger!r}")
    return Pattern(tuple(elements), tuple(gaps), rule, len(elements), tuple(elements[1:]), gap_free)


def _alternative(
    raw: Mapping[str, Any], key: str, codes: Mapping[str, str], quads: Mapping[str, int]
) -> tuple[PloverType, str, int] | None:
    """A rule's other reading under ``key`` ("joint", "labour", "to_verb": the event the act is in
    that case) as ``(plover, cameo, quad_class)``, its CAMEO code checked against its PLOVER type."""
    alt = raw.get(key)
    if not alt:
        return None
    if codes.get(str(alt["cameo"])) != alt["plover"]:
        raise ValueError(f"rule {raw['id']}: {key} CAMEO {alt['cameo']} is not {alt['plover']}")
    return PloverType(alt["plover"]), str(alt["cameo"]), int(quads[alt["plover"]])


def _check_rule(raw: Mapping[str, Any], codes: Mapping[str, str]) -> None:
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid:
        raise ValueError(f"rule without id: {raw!r}")
    PloverType(raw["plover"])  # raises on unknown types
    cameo = str(raw["cameo"])
    if not (cameo.isdigit() and 2 <= len(cameo) <= 4 and 1 <= int(cameo[:2]) <= 20):
        raise ValueError(f"rule {rid}: bad CAMEO code {cameo!r}")
    mapped = codes.get(cameo)
    if mapped is not None and mapped != raw["plover"] and not raw.get("cameo_plover_override"):
        raise ValueError(f"rule {rid}: CAMEO {cameo} is {mapped} in the crosswalk, not {raw['plover']}")
    if not isinstance(raw.get("triggers"), dict) or not raw["triggers"]:
        raise ValueError(f"rule {rid}: no triggers")
    # languages compile lazily, so check the trigger syntax of all of them up front
    words: set[str] = set()
    for lang, trigs in raw["triggers"].items():
        for trig in trigs or ():
            if not str(trig).replace(GAP, "").strip():
                raise ValueError(f"rule {rid}: empty {lang} trigger {trig!r}")
            words.update(str(trig).lower().split(" "))
    for form in raw.get("surface_forms") or ():
        # a surface form no trigger uses would restrict nothing: most likely a typo
        if not isinstance(form, str) or form != form.lower() or " " in form or form not in words:
            raise ValueError(f"rule {rid}: surface form {form!r} is not a lower-case word of its triggers")
    for veto in raw.get("object_vetoes") or ():
        # a veto on a word no trigger uses would veto nothing: most likely a typo
        if not isinstance(veto, dict) or veto.get("trigger") not in words or not veto.get("objects"):
            raise ValueError(f"rule {rid}: object veto {veto!r} names no trigger word of the rule")


def _stem(key: str) -> str:
    """A prefix every inflection of ``key`` shares, as far as suffixing morphology goes: it
    stands in for the forms simplemma's rule-based fallbacks produce, which are not inverted."""
    return key if len(key) <= 5 else key[: max(5, len(key) - 3)]


_WORD_END = r"(?!\w)"


def _prefilter(lang: str, index: Mapping[str, tuple[Pattern, ...]], cues: Cues) -> Prefilter | None:
    if cues.strip_prefixes:
        return None  # clitics glue onto words; whole-word surface matching would miss them
    rest_keys = {k for pats in index.values() for p in pats for el in p.rest for k in el}
    infl = strict_inflection_map(lang, frozenset(index) | frozenset(rest_keys))
    if infl is None:
        return None
    searches: dict[frozenset[str], re.Pattern[str]] = {}

    def search(el: frozenset[str]) -> re.Pattern[str]:
        rx = searches.get(el)
        if rx is None:
            forms = {f for k in el for f in infl.get(k, set()) | {k, _stem(k)}}
            forms |= {f.replace("'", "\u2019") for f in forms if "'" in f}
            # a short English word must end there: "no" (of "say no to") is in most sentences
            # as the start of "not", "now" or "north", which made them all worth tokenising. In
            # English simplemma maps an unknown word to itself, so every form of these keys is
            # in the list and the search stays a superset of the token matcher
            short = lang == "en"
            # shortest first, and a form that extends an open-ended one (no word-end guard) is
            # dropped: wherever it matches, its prefix matches at the same offset, and
            # :func:`satisfied` reads only where a match starts. The stem makes most forms
            # redundant ('suppo|support|supports|...' is 'suppo'), and a literal search runs
            # many times faster than an alternation walked at every character
            kept: list[str] = []
            open_ended: list[str] = []
            for f in sorted(forms, key=lambda x: (len(x), x)):
                if not f or any(f.startswith(k) for k in open_ended):
                    continue
                if short and len(f) <= 3 and f.isalpha():
                    kept.append(re.escape(f) + _WORD_END)
                else:
                    kept.append(re.escape(f))
                    open_ended.append(f)
            rx = searches[el] = re.compile("|".join(kept))
        return rx

    forms: dict[str, Requirement] = {}
    alternatives: dict[str, list[tuple[re.Pattern[str], ...]]] = {}
    for key, pats in index.items():
        for form in infl.get(key, {key}):
            alts = alternatives.setdefault(form, [])
            for pat in pats:
                if pat.size == 1:
                    forms[form] = None  # fires on the word alone: no requirement
                else:
                    alts.append(tuple(search(el) for el in pat.rest))
    for form, alts in alternatives.items():
        if form not in forms:
            forms[form] = tuple(dict.fromkeys(alts))
    # trigger words only: the engine never reads reporting-verb hits, and "said" is in every
    # news sentence, so scanning for it cost a Python-level loop step per occurrence
    return Prefilter(forms) if forms else None


def load_rules(data_dir: Path = DATA_DIR) -> RuleSet:
    """Parse, check and index the rule set in ``data_dir``; raises ``ValueError`` if malformed."""
    version = (data_dir / "VERSION").read_text(encoding="utf-8").strip()
    crosswalk = json.loads((data_dir / "cameo_plover.json").read_text(encoding="utf-8"))
    codes: Mapping[str, str] = crosswalk["codes"]
    quads: Mapping[str, int] = crosswalk["plover_quad_class"]
    raw_rules = _yaml((data_dir / "rules.yaml").read_text(encoding="utf-8"))["rules"]
    raw_cues = _yaml((data_dir / "cues.yaml").read_text(encoding="utf-8"))["languages"]

    rules: list[Rule] = []
    seen: set[str] = set()
    for raw in raw_rules:
        _check_rule(raw, codes)
        if raw["id"] in seen:
            raise ValueError(f"duplicate rule id {raw['id']}")
        seen.add(raw["id"])
        plover = PloverType(raw["plover"])
        joint = _alternative(raw, "joint", codes, quads)
        labour = _alternative(raw, "labour", codes, quads)
        to_verb = _alternative(raw, "to_verb", codes, quads)
        rules.append(
            Rule(
                id=raw["id"],
                plover=plover,
                quad_class=int(quads[plover.value]),
                cameo=str(raw["cameo"]),
                target_preps=frozenset(raw.get("target_preps") or ()),
                direct_object=bool(raw.get("direct_object", False)),
                reciprocal=bool(raw.get("reciprocal", False)),
                requires=_fs(raw.get("requires"), "en"),
                window=int(raw.get("window", 12)),
                not_before=_fs(raw.get("not_before"), "en"),
                not_after=_fs(raw.get("not_after"), "en"),
                modality=raw.get("modality"),
                confidence=float(raw.get("confidence", 0.6)),
                gap=int(raw.get("gap", DEFAULT_GAP)),
                frame=raw.get("frame"),
                context_veto=frozenset(raw.get("context_veto") or ()),
                needs_target=bool(raw.get("needs_target", False)),
                place_doer=bool(raw.get("place_doer", False)),
                object_nouns=_fs(raw.get("object_nouns"), "en"),
                surface_forms=frozenset(raw.get("surface_forms") or ()),
                gap_stops=frozenset(raw.get("gap_stops") or ()),
                object_vetoes=tuple(
                    (_fs([v["trigger"]], "en"), _fs(v["objects"], "en"), _fs(v.get("heads"), "en"))
                    for v in raw.get("object_vetoes") or ()
                ),
                joint_plover=joint[0] if joint else None,
                joint_cameo=joint[1] if joint else None,
                joint_quad_class=joint[2] if joint else 0,
                labour=(*labour, _fs(raw["labour"]["triggers"], "en")) if labour else None,
                to_verb=to_verb,
            )
        )
    raw_readings = _yaml((data_dir / "readings.yaml").read_text(encoding="utf-8"))
    readings = []
    for rr in raw_readings["readings"]:
        to = PloverType(rr["to"])
        cameo = {PloverType(k): str(v) for k, v in rr["cameo"].items()}
        for code in cameo.values():
            if codes.get(code) != to.value:
                raise ValueError(f"reading {rr['name']}: CAMEO {code} is not {to.value}")
        readings.append(
            Reading(
                name=rr["name"],
                modalities=frozenset(rr["modalities"]),
                sources=frozenset(PloverType(x) for x in rr["from"]),
                negated=bool(rr["negated"]),
                to=to,
                quad_class=int(quads[to.value]),
                cameo=cameo,
            )
        )

    def build(lang: str) -> LanguageRules:
        c = raw_cues[lang]
        strip = tuple(c.get("strip_prefixes") or ())
        cues = Cues(
            lang=lang,
            negation=_fs(c.get("negation"), lang),
            negation_verbs=_fs(c.get("negation_verbs"), lang),
            modality={lemma(lang, k): v for k, v in (c.get("modality") or {}).items()}
            | {str(k).lower(): v for k, v in (c.get("modality") or {}).items()},
            passive_aux=_fs(c.get("passive_aux"), lang),
            agent=_fs(c.get("agent")),
            prep_classes={k: _fs(v) for k, v in (c.get("prep_classes") or {}).items()},
            preps=_fs(c.get("preps")),
            subject_pronouns=_fs(c.get("subject_pronouns")),
            object_pronouns=_fs(c.get("object_pronouns")),
            speaker_pronouns=_fs(c.get("speaker_pronouns")),
            possessive=_fs(c.get("possessive")),
            coordinators=_fs(c.get("coordinators")),
            determiners=_fs(c.get("determiners")),
            clause_breaks=_fs(c.get("clause_breaks")),
            reporting=_fs(c.get("reporting"), lang),
            according=_fs(c.get("according"), lang),
            light_verbs=_fs(c.get("light_verbs"), lang),
            possessive_pronouns=_fs(c.get("possessive_pronouns")),
            object_markers=_fs(c.get("object_markers")),
            nominal_modifiers=_fs(c.get("nominal_modifiers")),
            reduced_passive=_fs(c.get("reduced_passive")),
            background=_fs(c.get("background")),
            verb_initial=bool(c.get("verb_initial", False)),
            infinitive=_fs(c.get("infinitive")),
            nominal_prefixes=tuple(c.get("nominal_prefixes") or ()),
            strip_prefixes=strip,
            agent_noun_suffixes=tuple(c.get("agent_noun_suffixes") or ()),
            definite=_fs(c.get("definite")),
            conditional=_fs(c.get("conditional")),
            inversion=_fs(c.get("inversion")),
            nonspecific=_fs(c.get("nonspecific")),
            indefinite=_fs(c.get("indefinite")),
            place_heads=_fs(c.get("place_heads")),
            prediction=_fs(c.get("prediction"), lang),
            modal_auxiliaries=_fs(c.get("modal_auxiliaries")),
            stative_participles=_fs(c.get("stative_participles")),
            denial_verbs=_fs(c.get("denial_verbs"), lang),
            denial_markers=_fs(c.get("denial_markers"), lang),
            ultimatum=_fs(c.get("ultimatum")),
            name_suffixes=_fs(c.get("name_suffixes")),
            work_nouns=_fs(c.get("work_nouns")),
            inception_verbs=_fs(c.get("inception_verbs"), lang),
            title_words=_fs(c.get("title_words")),
            work_venues=_fs(c.get("work_venues")),
            reason_preps=_fs(c.get("reason_preps")),
            wh_words=_fs(c.get("wh_words")),
            relative=_fs(c.get("relative")),
            relative_that=_fs(c.get("relative_that")),
            purpose_nouns=_fs(c.get("purpose_nouns")),
            reciprocal=tuple(tuple(str(w).lower().split()) for w in c.get("reciprocal") or ()),
            travel_verbs=_fs(c.get("travel_verbs"), lang) | _fs(c.get("travel_verbs")),
            responsibility_nouns=_fs(c.get("responsibility_nouns")),
            nominal_suffixes=tuple(c.get("nominal_suffixes") or ()),
            purpose_participles=_fs(c.get("purpose_participles")),
            purpose_modifiers=_fs(c.get("purpose_modifiers")),
            purpose_links=_fs(c.get("purpose_links")),
            subordinators=_fs(c.get("background")) | _fs(c.get("relative")) | _fs(c.get("relative_that")),
            contexts={name: _context(words) for name, words in (c.get("contexts") or {}).items()},
            proposal_heads=_fs(c.get("proposal_heads")),
            non_agents=_fs(c.get("non_agents")),
            non_agent_quantities=_fs(c.get("non_agent_quantities")),
            subject_skip=_fs(c.get("subject_skip")),
            labour_doers=_fs(c.get("labour_doers"), lang),
            labour_preamble=_fs(c.get("labour_preamble"), lang) | _fs(c.get("labour_markers")),
            labour_markers=_fs(c.get("labour_markers")),
            target_adjuncts=_fs(c.get("target_adjuncts")),
            final_verb_aux=_fs(c.get("final_verb_aux"), lang),
            final_clause_openers=_fs(c.get("final_clause_openers")),
            postposed_adjectives=bool(c.get("postposed_adjectives", False)),
            verb_endings=tuple(str(x) for x in c.get("verb_endings") or ()),
            before_object=_fs(c.get("present_before_object")),
            object_starts=_fs(c.get("object_starts")),
            purpose_heads=_fs(c.get("purpose_nouns"))
            | _fs(c.get("purpose_participles"))
            | _fs(c.get("purpose_modifiers")),
        )
        cues = replace(
            cues,
            scope_words=frozenset({",", ";", ":"})
            | cues.conditional
            | cues.inversion
            | cues.clause_breaks
            | cues.reporting
            | cues.relative_that
            | cues.preps
            | cues.negation
            | cues.negation_verbs
            | frozenset(cues.modality),
        )
        present_endings = {str(k): [str(x) for x in v] for k, v in (c.get("present_endings") or {}).items()}
        present_exceptions = _fs(c.get("present_exceptions"))
        imperfect = c.get("imperfect") or {}
        imperfect_prefixes = [str(x) for x in imperfect.get("prefixes") or ()]
        imperfect_suffixes = [str(x) for x in imperfect.get("suffixes") or ()]
        accusative = str(c.get("accusative") or "")
        gap_free = _fs(c.get("gap_adverbials"))
        index: dict[str, list[Pattern]] = {}
        for rule, raw in zip(rules, raw_rules, strict=True):
            triggers = [str(t) for t in raw["triggers"].get(lang) or ()]
            # (each returns {} outside its language: English -ed/-ing lemmas, German -t forms,
            # Romance 3rd-person presents, Arabic imperfects and accusatives)
            extra = {
                **_regular_inflection_keys(triggers, lang),
                **_german_t_form_keys(triggers, lang),
                **_romance_present_keys(triggers, lang, present_endings, present_exceptions),
                **_arabic_form_keys(triggers, imperfect_prefixes, imperfect_suffixes, accusative),
            }
            for trig in triggers:
                # rule-level vetoes/requirements are written in English lemmas; for other
                # languages they simply never fire, which is the safe direction
                pat = _compile(trig, rule, lang, strip, extra, gap_free if GAP in trig else frozenset())
                for key in pat.elements[0]:
                    index.setdefault(key, []).append(pat)
        frozen_index = {k: tuple(sorted(v, key=_longest_first)) for k, v in index.items()}
        anaphors = anaphor_pattern(cues)
        return LanguageRules(
            cues=cues,
            index=frozen_index,
            target_tokens={r.id: cues.target_tokens(r) for r in rules},
            prefilter=_prefilter(lang, frozen_index, cues),
            anaphors=anaphors,
            anaphors_ascii=None if anaphors is None else re.compile(anaphors.pattern, re.ASCII),
        )

    languages = _LazyLanguages(tuple(raw_cues), build)
    return RuleSet(
        version=version,
        rules=tuple(rules),
        languages=languages,
        readings=tuple(readings),
    )


def _longest_first(p: Pattern) -> int:
    """Sort key: patterns with more elements first. A named function, not a lambda: mypyc
    compiles a lambda inside a dict comprehension into code that fails at run time."""
    return -p.size


def anaphor_pattern(cues: Cues) -> re.Pattern[str] | None:
    """Finds, in lower-cased text, every place a token could be one of the pronouns the engine
    resolves through discourse state (subject, speaker and possessive pronouns).

    A superset of the tokenizer's view: a token is preceded by a non-word character or by the
    digit ending a number token ("4,000it"), and followed by a non-word character or by "n't"
    (``\\w+(?=n't)`` splits "didn't"). ``None`` when the language lists no such pronoun.
    """
    words = cues.subject_pronouns | cues.speaker_pronouns | cues.possessive_pronouns
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(r"(?<![^\W\d])(?:" + alts + r")(?:(?!\w)|(?=n['’]t))")


def _context(words: list[str]) -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]:
    """Split a context cue list into single words and two-word phrases ("fourth quarter"), with
    the phrases' last words (rarer than first words such as "the") so that a sentence without any
    of them is never scanned for pairs."""
    singles = {w.lower() for w in words if " " not in w}
    pairs = {(a.lower(), b.lower()) for a, b in (w.split(" ", 1) for w in words if " " in w)}
    return frozenset(singles), frozenset(pairs), frozenset(b for _, b in pairs)
