"""Rule-driven event tagger: PLOVER/CAMEO events with source/target actors, negation, modality.

The engine is deliberately shallow (no parser): news wire prose is formulaic enough that a few
positional heuristics over lemmas and actor mentions recover who-did-what-to-whom for most
sentences, at tens of microseconds per article. The heuristics, in order of trust:

* passive voice ("Y was attacked by X"): the subject is the target, the ``by`` phrase the source;
* possessive / adjectival actors on a nominal trigger ("X's strikes", "Russian air strikes");
* pronoun subjects ("as it condemned them") resolve to the sentence subject, and first-person
  pronouns inside quotes ("We are clear ...") to the speaker of the quote, tracked across
  sentences ("A Downing Street spokesman added: ...");
* otherwise the nearest actor before the trigger that is not the object of a preposition is the
  source; the target is the object inside a gapped trigger ("expelled two Somali diplomats"), the
  direct object or the object of a rule-specific preposition, then the author of the object noun
  ("rejected calls by Minsk") or the first actor of the complement ("demanded that X ...").

Several events in one sentence are ranked by confidence: the act embedded under a promise, a
request or a protest ranks below or replaces its governing verb ("offered to return to talks"),
background and subordinate clauses ("after Israel struck ...") and arguments of another event
("condemned the attack") rank below the main clause, and a noun naming the same act with its doer
("killed in a Russian air strike") ranks with it.

Negated events are kept with ``negated=True`` (never as plain positives); modality comes from cue
words in a short window before the trigger or from the rule itself ("threaten", "call for"):
``future``, ``intent``, ``possible``, ``request``, ``threat``; and from the sentence around it:
``condition`` ("if", "Should X attack"), ``proposed`` / ``planned`` (the content of a proposal or of
a host's plan), ``denied``, ``predicted`` (another country's forecast of the act: "X will attack,
Y warned") and ``alleged`` (the content of an accusation: "accused X of shelling"). The PLOVER
readings (data/events/readings.yaml) apply to the modalities they list, so a predicted or alleged
act is never read as its doer's threat or intention.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any, Final, TypeVar, cast

from pydantic import BaseModel

from wirestream.models import ActorTag, ActorType, Article, EventTag, PloverType, Span, TextField

from .rules import DATA_DIR, Cues, LanguageRules, Pattern, Rule, RuleSet, load_rules
from .text import Lexeme, Token, Word, satisfied, sentence_spans, tokenize_words

_M = TypeVar("_M", bound=BaseModel)
_OPEN_QUOTES = frozenset("“«„")
_CLOSE_QUOTES = frozenset("”»")
_STRAIGHT_QUOTES = frozenset('"')
_ANY_QUOTE = re.compile("[" + re.escape("".join(sorted(_OPEN_QUOTES | _CLOSE_QUOTES | _STRAIGHT_QUOTES))) + "]")
_PUNCT_BREAKS = frozenset({";", ":"})
_SPEECH_TYPES = frozenset({PloverType.ACCUSE, PloverType.REQUEST, PloverType.REJECT, PloverType.THREATEN})
_EMBEDDABLE = frozenset(
    {
        PloverType.CONCEDE,
        PloverType.RETREAT,
        PloverType.CONSULT,
        PloverType.SUPPORT,
        PloverType.COOPERATE,
        PloverType.AID,
    }
)
#: modality of an event its source denied ("denied striking"): negated, and never a refusal
DENIED = "denied"
_ARGUMENT_REACH = 5  # words from an event to an event noun that is its argument ("support for the protests")
_MENTION_SLACK = 4  # extra words a multi-word actor name in between may take
_REASON_REACH = 14  # tokens from an event to an event noun in its reason phrase ("for her role in")
_PLACE = ActorType.PLACE
_HEADLINE: Final = TextField.HEADLINE  # Final: a C static when compiled, not an enum attribute lookup
_CONCEDE: Final = PloverType.CONCEDE
#: CAMEO roles of state institutions ("the embassy" ---GOV, "parliament" ---LEG); see _Group.stateless
_STATE_ROLES = frozenset({"GOV", "LEG"})
#: CAMEO roles of people who act for an institution: "a government spokesman", "a soldier" speak
#: or act for a state even unnamed, so they are never read as a private individual (_Group.individual)
_OFFICIAL_ROLES = frozenset({"GOV", "LEG", "MIL", "COP", "JUD", "SPY"})
_COMPANY = ActorType.COMPANY
_NO_CONTEXT: tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]] = (
    frozenset(),
    frozenset(),
    frozenset(),
)
_SCORE = re.compile(r"(?<![\w-])(\d{1,3})-(\d{1,3})(?![\w-])")
_SCORE_ASCII = re.compile(_SCORE.pattern, re.ASCII)
_NOUNS_CAPITALISED = frozenset({"de"})
#: English auxiliaries that stand between a subject and its verb ("Russia has accused"); a word
#: list of the English plumbing, like the tokenizer's, not event knowledge
_AUXILIARIES = frozenset({"have", "do"})
_ULTIMATUM_REACH = 16  # tokens after a future act in which "unless" makes it an ultimatum
_MODAL_WINDOW = 8  # "will provide nearly 25,000 tons of emergency food aid"
_SOURCE_WINDOW = 25
_TARGET_WINDOW = 10
_COMPLEMENT_WINDOW = 14


class _Group:
    """Adjacent actor mentions read as one (compound) participant: "Britain and France".

    Never mutated after construction; compared by identity only. A plain slotted class, not a
    dataclass: the compiled build (mypyc) makes it a native class whose constructor and fields
    are C code, where a dataclass's generated ``__init__`` stays interpreted Python (groups are
    built for every sentence with a trigger).
    """

    __slots__ = (
        "actor_ids",
        "countries",
        "firm",
        "in_quote",
        "individual",
        "modifier",
        "place",
        "possessive",
        "prep",
        "reporter",
        "stateless",
        "t0",
        "t1",
    )

    def __init__(
        self,
        t0: int,
        t1: int,
        actor_ids: tuple[str, ...],
        countries: frozenset[str],
        prep: str | None,
        possessive: bool,
        in_quote: bool,
        reporter: bool,
        modifier: bool,
        place: bool = False,
        stateless: bool = False,
        individual: bool = False,
        firm: bool = False,
    ) -> None:
        self.t0 = t0  # first token index (sentence-local)
        self.t1 = t1  # last token index, inclusive
        self.actor_ids = actor_ids
        self.countries = countries
        self.prep = prep  # governing preposition token, if any
        self.possessive = possessive
        self.in_quote = in_quote
        self.reporter = reporter  # "according to X", "X said"
        self.modifier = modifier  # adjectival use before another noun ("the continued Russia strikes")
        self.place = place  # every actor is a place (a city, a region): a source only as a metonym
        #: every actor is a state institution of no known country ("the embassy", "parliament"):
        #: as a target it says nothing about whom the act was aimed at
        self.stateless = stateless
        #: one unnamed private person ("a protester"): an indefinite article before a single actor
        #: of no country, no name of its own and no official role; no party to a PLOVER event
        self.individual = individual
        #: every actor is a named company ("Shell", "Chevron"; not the generic "the company")
        self.firm = firm


class _Discourse:
    """Per-article state threaded through sentences in order (local to one ``tag`` call).

    Sentences without a trigger match only matter here, as the latest speaker or subject, and
    most events never ask for either. So such sentences are queued unread and analysed on the
    first read, newest first, stopping at the first that sets the value: the state is exactly
    what reading every sentence in order would give, without tokenising most of them.
    """

    __slots__ = ("_analyse", "_pending_speaker", "_pending_subject", "_speaker", "_subject", "last_targets")

    def __init__(self, analyse: Callable[[list[object]], tuple[_Group | None, _Group | None]]) -> None:
        self._analyse = analyse  # pending entry -> (speaker it sets, subject it sets)
        self._speaker: _Group | None = None
        self._subject: _Group | None = None
        self._pending_speaker: list[list[object]] = []
        self._pending_subject: list[list[object]] = []
        self.last_targets: dict[frozenset[str], tuple[str, ...]] = {}

    def defer(self, entry: list[object]) -> None:
        """Queue a sentence read only for discourse state (``entry`` caches its analysis)."""
        self._pending_speaker.append(entry)
        self._pending_subject.append(entry)

    def _newest(self, pending: list[list[object]], slot: int) -> _Group | None:
        """The newest queued sentence's speaker (slot 0) or subject (slot 1), analysing no further back."""
        for entry in reversed(pending):
            found = self._analyse(entry)[slot]
            if found is not None:
                return found
        return None

    @property
    def speaker(self) -> _Group | None:
        if self._pending_speaker:
            self._speaker = self._newest(self._pending_speaker, 0) or self._speaker
            self._pending_speaker = []
        return self._speaker

    @speaker.setter
    def speaker(self, value: _Group | None) -> None:
        self._speaker = value
        self._pending_speaker = []  # set by a later sentence than any queued one

    @property
    def subject(self) -> _Group | None:
        if self._pending_subject:
            self._subject = self._newest(self._pending_subject, 1) or self._subject
            self._pending_subject = []
        return self._subject

    @subject.setter
    def subject(self, value: _Group | None) -> None:
        self._subject = value
        self._pending_subject = []


class _Match:
    """A trigger found at tokens ``[i0, i1]``; never mutated (a plain slotted class: native when
    compiled, see :class:`_Group`)."""

    __slots__ = ("i0", "i1", "pattern")

    def __init__(self, i0: int, i1: int, pattern: Pattern) -> None:
        self.i0 = i0
        self.i1 = i1
        self.pattern = pattern


class EventTagger:
    """Tags PLOVER events in an article, given the actor tags of that article."""

    def __init__(self, rules: RuleSet, drop_unattributed: bool = True) -> None:
        self._rules = rules
        self._drop_unattributed = drop_unattributed

    @classmethod
    def load(cls, data_dir: Path | None = None) -> EventTagger:
        """The tagger for the packaged rule set (loaded once, then shared) or for ``data_dir``."""
        if data_dir is None:
            return _default_tagger()
        return cls(load_rules(data_dir))

    @property
    def version(self) -> str:
        return self._rules.version

    @property
    def rules(self) -> RuleSet:
        return self._rules

    def tag(self, article: Article, actors: Sequence[ActorTag]) -> list[EventTag]:
        """Events in the headline and body, in text order (headline first)."""
        lang = (article.language or "en")[:2].lower()
        lrules = self._rules.languages.get(lang)
        if lrules is None:
            return []
        events: list[EventTag] = []
        # one walk over the actor tags for both fields: reading a pydantic model's attributes is
        # a slow generic lookup, and an article's tags hold dozens of mentions
        by_field = _mentions_by_field(actors)
        # each field's sentences are split once: the tagger walks them and the article-wide sport
        # check (asked in most articles, by any meeting) counts over them; sentence splitting is
        # one of the costliest steps per article
        fields = [
            (fld, text, sentence_spans(text, lang))
            for fld, text in ((TextField.HEADLINE, article.headline), (TextField.BODY, article.body))
            if text
        ]
        sport = _SportCopy(tuple((text, spans) for _, text, spans in fields), lrules.cues, actors)
        for fld, text, spans in fields:
            events.extend(self._tag_field(text, spans, fld, lang, lrules, actors, by_field.get(fld, []), sport))
        return events

    def tag_text(
        self,
        text: str,
        actors: Sequence[ActorTag],
        lang: str = "en",
        fld: TextField = TextField.BODY,
    ) -> list[EventTag]:
        """Tag one piece of text (mentions must point into it with ``field=fld``)."""
        lrules = self._rules.languages.get(lang)
        if lrules is None:
            return []
        spans = sentence_spans(text, lang)
        sport = _SportCopy(((text, spans),), lrules.cues, actors)
        mentions = _mentions_by_field(actors).get(fld, [])
        return self._tag_field(text, spans, fld, lang, lrules, actors, mentions, sport)

    # ------------------------------------------------------------------ per field

    def _tag_field(
        self,
        text: str,
        spans: list[tuple[int, int]],
        fld: TextField,
        lang: str,
        lr: LanguageRules,
        actors: Sequence[ActorTag],
        mentions: list[tuple[int, int, ActorTag]],
        sport: _SportCopy,
    ) -> list[EventTag]:
        """``spans``: :func:`sentence_spans` of ``text``; ``mentions``: :func:`_mentions_by_field`
        of ``actors`` for ``fld``; ``sport``: whether the whole article is sport copy, asked only
        when a sport-vetoed rule fires."""
        cues = lr.cues
        low = text.lower()
        wanted = _wanted_sentences(text, spans, lr, low)
        if not wanted:
            return []
        ascii_text = text.isascii()
        m_starts = [m[0] for m in mentions]
        strip = cues.strip_prefixes

        def analyse(entry: list[object]) -> tuple[_Group | None, _Group | None]:
            # entry: [start, end, mentions, (words, starts) or None, cached result or None]
            if entry[4] is None:
                s0, s1, ments, done = entry[0], entry[1], entry[2], entry[3]
                assert isinstance(s0, int) and isinstance(s1, int) and isinstance(ments, list)
                if isinstance(done, tuple):
                    toks, starts = done
                else:
                    toks, starts, _ = tokenize_words(text, lang, strip, s0, s1)
                if not toks:
                    entry[4] = (None, None)
                else:
                    inq = _quote_mask(toks) if _has_quote(text, ascii_text, s0, s1) else [False] * len(toks)
                    groups = _groups(toks, ments, inq, cues, [], starts)
                    entry[4] = (_speaker_of(toks, groups, inq, cues), _first_subject(groups))
            return entry[4]  # type: ignore[return-value]

        disc = _Discourse(analyse)
        out: list[EventTag] = []
        # sentences after the last candidate only feed discourse state that nothing reads
        last = max(k for k, h in enumerate(wanted) if h is None or h)
        # bare sentences are skipped on a search of the lower-cased text: not when case mapping
        # changed its length (offsets would drift)
        skip_bare = self._drop_unattributed and len(low) == len(text)
        # ASCII mode reads a table where Unicode mode consults the database per character; on
        # ASCII text the pattern (\w, \W, \d only) matches the same
        anaphors = lr.anaphors_ascii if ascii_text else lr.anaphors
        for (s_start, s_end), hits in zip(spans[: last + 1], wanted[: last + 1], strict=True):
            has_trigger = hits is None or bool(hits)
            lo = bisect_left(m_starts, s_start)
            hi = bisect_left(m_starts, s_end, lo)
            sent_mentions = mentions[lo:hi]
            if sent_mentions and sent_mentions[-1][1] > s_end:  # a mention running past the sentence
                sent_mentions = [m for m in sent_mentions if m[1] <= s_end]
            if not has_trigger:
                if sent_mentions:
                    disc.defer([s_start, s_end, sent_mentions, None, None])
                continue
            quoted = _has_quote(text, ascii_text, s_start, s_end)
            # no actor in the sentence: an event's source could then only come from discourse
            # state through a pronoun, or from the speaker of a quote, and its target only from
            # a source; without either, every event would be dropped as unattributed and the
            # sentence sets no discourse state, so it need not even be tokenised
            if (
                not sent_mentions
                and skip_bare
                and not (quoted or (anaphors is not None and anaphors.search(low, s_start, s_end)))
            ):
                continue
            stoks, starts, ends = tokenize_words(text, lang, strip, s_start, s_end)
            if not stoks:
                continue
            # a yes/no question asserts nothing ("Will Moscow retaliate?"); a wh-question
            # presupposes its event ("Why did Moscow retaliate?") and is read as usual
            question = (stoks[-1].low == "?" or (len(stoks) > 1 and stoks[-2].low == "?")) and not (
                stoks[0].low in cues.wh_words or (len(stoks) > 1 and stoks[1].low in cues.wh_words)
            )
            matches = [] if question else _find_matches(stoks, lr, hits, starts)
            if not matches:
                if sent_mentions:
                    disc.defer([s_start, s_end, sent_mentions, (stoks, starts), None])
                continue
            inq = _quote_mask(stoks) if quoted else [False] * len(stoks)
            groups = _groups(stoks, sent_mentions, inq, cues, matches, starts)
            speaker = _speaker_of(stoks, groups, inq, cues)
            if speaker is not None:
                disc.speaker = speaker
            sentence = _span(text[s_start:s_end], s_start, s_end, fld)
            out.extend(
                self._sentence_events(
                    text, fld, stoks, starts, ends, groups, inq, matches, cues, lr, disc, sentence, sport
                )
            )
            subj = _first_subject(groups)
            if subj is not None:
                disc.subject = subj
        if any(ev.rule_id.endswith(_RECIPROCAL) for ev in out):
            out = _split_reciprocal(out, actors)
        if out and self._drop_unattributed:
            companies = {a.actor_id for a in actors if a.type is _COMPANY}
            if companies:
                # unnamed market participants ("investors", "traders") carry no country
                market = {a.actor_id for a in actors if a.type is _COMPANY and a.country is None}
                out = [
                    ev
                    for ev in out
                    if not _business_only(ev, companies)
                    and not _market_move(ev, market)
                    and not _divestment(ev, companies)
                ]
        return out

    def _sentence_events(
        self,
        text: str,
        fld: TextField,
        toks: list[Word],
        starts: list[int],
        ends: list[int],
        groups: list[_Group],
        inq: list[bool],
        matches: list[_Match],
        cues: Cues,
        lr: LanguageRules,
        disc: _Discourse,
        sentence: Span,
        sport: _SportCopy,
    ) -> list[EventTag]:
        pairs: list[tuple[_Match, EventTag]] = []
        headline = fld is _HEADLINE
        party = headline and any(g.countries and not g.individual for g in groups)
        speech_at: list[int] = []
        trigger_ends = [(m.i1, m.pattern.rule.plover) for m in matches]
        in_mention = {q for g in groups for q in range(g.t0, g.t1 + 1)}
        requests: list[tuple[int, EventTag]] = []
        orphans: list[tuple[_Match, EventTag]] = []
        # which clause checks can apply at all: one pass here instead of one scan per event
        lows = {t.low for t in toks}
        marks = (
            not lows.isdisjoint(cues.subordinators),
            not lows.isdisjoint(cues.purpose_heads),
            not lows.isdisjoint(cues.ultimatum),
            not lows.isdisjoint(cues.proposal_heads),
        )
        # a non-agent subject needs a non-agent word in the sentence: most political sentences have none
        non_agent = not lows.isdisjoint(cues.non_agents) or not lows.isdisjoint(cues.non_agent_quantities)
        vetoed: dict[str, bool] = {}  # context name -> present in this sentence (computed on demand)
        veto_of: dict[frozenset[str], bool] = {}  # a rule's context_veto -> vetoed in this sentence
        for m in matches:
            if m.pattern.rule.gap_stops and m.i1 > m.i0 + 1:
                alt = _gap_fallback(m, toks, cues, lr)
                if alt is None:
                    continue
                m = alt
            cv = m.pattern.rule.context_veto
            if cv:
                hit = veto_of.get(cv)
                if hit is None:
                    hit = veto_of[cv] = _in_context(cv, toks, lows, cues, vetoed, text, sentence.start, sentence.end)
                if (
                    not hit
                    and _SPORT in cv
                    and sport()
                    and not sport.official(_subject_group(toks, m.i0, groups, in_mention, cues))
                ):
                    # "Salah struck in the 12th minute", "his side attacked with real purpose" in a
                    # match report: the article's other sentences say it is sport. A player is a
                    # person of a country, so a named subject does not make it an attack; one who
                    # acts for a state does ("Prime Minister Sharif met Modi" after the final)
                    continue
                if hit and not (
                    _HAZARD in cv
                    and _actor_subject(toks, m.i0, groups, in_mention, cues)
                    and not _in_context(cv - _HAZARD_ONLY, toks, lows, cues, vetoed, text, sentence.start, sentence.end)
                ):
                    continue
            if non_agent and _non_agent_doer(toks, m.i0, m.pattern.rule.plover, groups, in_mention, cues, headline):
                continue
            if cues.before_object and toks[m.i0].low in cues.before_object and not _object_follows(toks, m.i1, cues):
                continue  # "zona libera", "libera circolazione": the adjective, not "libera tre ostaggi"
            if cues.name_suffixes and toks[m.i0].cap and _company_name(toks, m.i1, cues):
                continue  # "Shell plc to sell ...": the trigger is a company's name
            if cues.work_nouns and toks[m.i0].cap and _work_title(toks, m.i0, m.i1, cues):
                continue  # "Attack on Titan film tops ...": the trigger is a word of a work's title
            if m.i0 in in_mention and (
                (m.i0 == m.i1 and _agent_noun(toks[m.i0].lemma, cues, lr)) or _in_name(toks, m, groups)
            ):
                # "protesters", "demonstrators" tagged as actors: the word names a participant;
                # the event it implies is coded from the clause's own verb, if there is one
                continue
            trigger = (starts[m.i0], ends[m.i1])
            built = _build_event(
                text,
                fld,
                toks,
                trigger,
                groups,
                inq,
                m,
                cues,
                lr,
                disc,
                sentence,
                speech_at,
                trigger_ends,
                in_mention,
                marks,
            )
            if built is None:
                continue
            ev, clause_verb = built
            if not ev.target and m.pattern.rule.needs_target and not _has_object(toks, m.i1, m.pattern.rule):
                continue
            if (
                cues.reciprocal
                and len(ev.source) > 1
                and not ev.target
                and not m.pattern.rule.reciprocal
                and _reciprocal_marker(toks, m.i0, m.i1, cues)
            ):
                # "Israel and Hamas accused each other": marked here, split by side in _tag_field
                ev = _copy(ev, {"rule_id": ev.rule_id + _RECIPROCAL})
            if m.pattern.rule.plover in _SPEECH_TYPES:
                speech_at.append(m.i1)
                if ev.event_type is PloverType.REQUEST:
                    requests.append((m.i1, ev))
            elif requests:
                ev = _requested(ev, m, requests, toks, cues)
            # PLOVER events need someone who acts; without a named one, material conflict ("Kyiv
            # was shelled") is kept with just its victim, and any act a main-clause verb asserts
            # against a known party with an unknown doer (``clause_verb``, see _build_event);
            # "officials accused of ..." is dropped. A headline states its story's news, so there an
            # asserted act stands with no named doer when the headline names a party of known
            # country at all ("Curfew imposed in Kenya after clashes"): the body names the doer.
            # A headline naming no such party is most often no political news ("Shares strike
            # record high", "Virus attacks immune cells")
            if (
                ev.source
                or (clause_verb and (ev.target or (headline and party)))
                or (ev.target and ev.quad_class == 4)
                or not self._drop_unattributed
            ):
                pairs.append((m, ev))
            elif ev.event_type in _EMBEDDABLE:
                orphans.append((m, ev))  # may still take the source of a promise governing it
        if orphans or len(pairs) > 1:
            pairs = _adopted(pairs, orphans, toks, cues)
        if len(pairs) > 1:
            pairs = _protest_demands(pairs, toks, cues)
            pairs = _alleged(pairs, toks, cues)
        if pairs and cues.modal_auxiliaries:
            pairs = _predicted(pairs, toks, groups, inq, cues)
        if len(pairs) > 1:
            pairs = _dropped_plans(pairs, toks, cues)
            pairs = _rejected_acts(pairs, toks, cues)
        kept = _dedupe(_embedded(pairs, toks, cues))
        # kept is already deduplicated (and _dedupe of its own output returns it unchanged), so
        # only a reading added to it needs another pass
        readings = _readings(kept, self._rules, headline)
        events = sorted(_dedupe(kept + readings) if readings else kept, key=_trigger_start)
        for ev in events:
            if ev.source and ev.target and ev.event_type in _TARGETED_TYPES:
                disc.last_targets[frozenset(ev.source)] = tuple(ev.target)
        return events


#: acts whose target a later pronoun may name ("... accused Moscow; it denied ..."). Members, not
#: their ``.value`` strings: an enum's ``value`` is a Python-level property, read per event
#: (1.5 % of the compiled event tagger, session 12); a StrEnum member hashes and compares as its value
_TARGETED_TYPES: Final = frozenset(
    {
        PloverType.ACCUSE,
        PloverType.REQUEST,
        PloverType.THREATEN,
        PloverType.REJECT,
        PloverType.ASSAULT,
        PloverType.COERCE,
        PloverType.SANCTION,
    }
)

_REQUEST_REACH = 14
#: modality of a future or possible act asserted by a party on the other side ("Ukraine warned
#: that Russia would attack"): a prediction, which earns its doer no threat reading
PREDICTED = "predicted"
_PREDICTABLE = frozenset({"future", "possible", "intent"})


def _by_auxiliary(toks: list[Word], i0: int, cues: Cues) -> bool:
    """Whether the nearest modality cue before ``toks[i0]`` (within the clause) is a modal
    auxiliary ("would attack") rather than a verb of the doer's own ("offered to hand over")."""
    for k in range(i0 - 1, max(-1, i0 - _MODAL_WINDOW), -1):
        t = toks[k]
        if t.low in cues.modal_auxiliaries:
            # "announced that he will withdraw", "said it would retaliate": a pronoun subject
            # refers back to the one speaking, whose own announcement this is
            prev = toks[k - 1].low if k > 0 else ""
            return prev not in cues.subject_pronouns and prev not in cues.speaker_pronouns
        if t.lemma in cues.modality or t.low in cues.modality or t.low in _CLAUSE_PUNCT:
            return False
    return False


#: modality of an act that is the content of an accusation ("accused Russia of shelling a
#: hospital"): reported as alleged, not as fact
ALLEGED = "alleged"
_ALLEGATION_REACH = 6  # "accused the Russian army's commanders of": from the verb to "of"/"that"
_ALLEGED_REACH = 8  # from "of"/"that" to the alleged act ("of deliberately and repeatedly shelling")


def _alleged(pairs: list[tuple[_Match, EventTag]], toks: list[Word], cues: Cues) -> list[tuple[_Match, EventTag]]:
    """ "Ukraine accused Russia of shelling a hospital", "accusations that Iran supplied drones":
    an act in the "of" or "that" complement of an accusation is what is alleged, not something
    the sentence reports as fact. It keeps its actors and gets the modality :data:`ALLEGED` (no
    PLOVER reading), unless it already has a modality of its own."""
    of_words = cues.prep_classes.get("of", frozenset()) | cues.relative_that
    out = list(pairs)
    for ma, ea in pairs:
        if ea.event_type is not PloverType.ACCUSE or ea.negated:
            continue
        link = -1
        for k in range(ma.i1 + 1, min(len(toks), ma.i1 + 1 + _ALLEGATION_REACH)):
            low = toks[k].low
            if low in of_words:
                link = k
                break
            if low in _CLAUSE_PUNCT or low in cues.clause_breaks:
                break
        if link < 0:
            continue
        for j, (mb, eb) in enumerate(out):
            if mb is ma or eb.modality is not None or not 0 < mb.i0 - link <= _ALLEGED_REACH:
                continue
            if any(t.low in _CLAUSE_PUNCT or t.low in cues.clause_breaks for t in toks[link + 1 : mb.i0]):
                continue
            out[j] = (mb, _copy(eb, {"modality": ALLEGED}))
    return out


def _predicted(
    pairs: list[tuple[_Match, EventTag]], toks: list[Word], groups: list[_Group], inq: list[bool], cues: Cues
) -> list[tuple[_Match, EventTag]]:
    """ "Russia will invade Ukraine within days, the United States warned", "Kyiv fears Moscow
    could strike again": a future or possible act that another country predicts is its
    prediction, not the doer's announcement. PLOVER's THREATEN needs the threatener to speak, so
    such an act gets the modality :data:`PREDICTED` (no threat or intent reading) and keeps its
    actors. Only an act marked by a modal auxiliary counts ("would invade"): one marked by the
    doer's own verb ("offered to", "have sworn to") is the doer's, whoever reports it. The
    predictor is the subject of a prediction verb outside quotes (before it, or right after it:
    "..., the United States warned"); a plain reporting verb is not enough ("Russia will attack,
    Kyiv said" is coded as Russia's threat in the PLOVER gold), and a predictor with no country,
    or of the doer's country, changes nothing."""
    if not any(ev.modality in _PREDICTABLE and ev.source for _, ev in pairs):
        return pairs
    asserters: list[_Group] = []
    for k, t in enumerate(toks):
        if inq[k] or (t.lemma not in cues.prediction and t.low not in cues.prediction):
            continue
        for g in reversed(groups):
            if g.t1 < k and k - g.t1 <= 4 and g.prep is None and not g.in_quote:
                asserters.append(g)
                break
        else:
            for g in groups:
                if g.t0 > k and g.t0 - k <= 3 and not g.in_quote:
                    asserters.append(g)
                    break
    asserters = [g for g in asserters if g.countries]
    if not asserters:
        return pairs
    out: list[tuple[_Match, EventTag]] = []
    for m, ev in pairs:
        if ev.modality in _PREDICTABLE and ev.source and _by_auxiliary(toks, m.i0, cues):
            src = set(ev.source)
            doer: set[str] = set()
            for g in groups:
                if src.intersection(g.actor_ids):
                    doer.update(g.countries)
            if doer and any(src.isdisjoint(g.actor_ids) and g.countries.isdisjoint(doer) for g in asserters):
                ev = _copy(ev, {"modality": PREDICTED})
        out.append((m, ev))
    return out


def _in_context(
    names: frozenset[str],
    toks: list[Word],
    lows: set[str],
    cues: Cues,
    seen: dict[str, bool],
    text: str,
    start: int,
    end: int,
) -> bool:
    """Whether the sentence is sport or natural-hazard copy (any of ``names``), by its cue words.

    Why: "a late strike gave Arsenal a 2-1 win", "the Lakers shot 52 percent", "a storm battered
    the coast, killing two" use the vocabulary of attacks with no attacker. A sport sentence is
    also recognised by a score ("3-1": winner first, so not a range such as "20-30").
    """
    for name in names:
        hit = seen.get(name)
        if hit is None:
            words, pairs, tails = cues.contexts.get(name, _NO_CONTEXT)
            hit = not lows.isdisjoint(words)
            if not hit and not lows.isdisjoint(tails):
                hit = any((toks[k].low, toks[k + 1].low) in pairs for k in range(len(toks) - 1))
            if not hit and name == "sport":
                hit = _has_score(text, start, end)
            seen[name] = hit
        if hit:
            return True
    return False


def _has_score(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a match score ("3-1", "2-2"): winner first, so a range
    such as "20-30" is none. Shared by the sentence-level and the article-wide sport check."""
    # a score has a hyphen: most sentences are ruled out by one C scan for it
    if text.find("-", start, end) < 0:
        return False
    score = _SCORE_ASCII if text.isascii() else _SCORE  # same matches on ASCII text
    return any(int(m[1]) >= int(m[2]) for m in score.finditer(text, start, end))


_HAZARD: Final = "hazard"
_SPORT: Final = "sport"
_SPORT_ARTICLE: Final = "sport_article"  # match words counted over a whole article only


class _SportCopy:
    """Whether an article is sport copy as a whole, worked out once and only when asked.

    Why: a match report uses the words of conflict in sentences that name no sport ("Salah
    struck in the 12th minute", "his side attacked with real purpose", "Gakpo sealed the win");
    the sentence-level sport context misses them. An article is sport when one of its sentences
    is sport by the sentence-level cues (``contexts.sport``, a score such as "3-1") and match
    words (those or ``contexts.sport_article``: "scored", "penalty") occur in at least
    :data:`_SPORT_SENTENCES` sentences making up at least :data:`_SPORT_SHARE` of the article;
    a war story that mentions one football match in passing stays political.
    """

    __slots__ = ("_actors", "_cues", "_officials", "_result", "_texts")

    def __init__(
        self, texts: tuple[tuple[str, list[tuple[int, int]]], ...], cues: Cues, actors: Sequence[ActorTag]
    ) -> None:
        """``texts``: the article's fields, each with its :func:`sentence_spans` (split once by
        the caller, which walks the same sentences); ``actors``: the article's actor tags."""
        self._texts = texts
        self._cues = cues
        self._actors = actors
        self._result: bool | None = None
        self._officials: frozenset[str] | None = None

    def official(self, subject: _Group | None) -> bool:
        """Whether ``subject`` names one who acts for a state (a CAMEO official role: "Prime
        Minister Shehbaz Sharif", "the army"). Why: the article-wide sport reading is for the
        players and clubs of a match report, who are people and places of a country; a head of
        government meeting another after the final is politics in any story. A country's name is
        no official here: national teams go by it ("Pakistan will meet India in the final")."""
        if subject is None:
            return False
        if self._officials is None:
            self._officials = frozenset(a.actor_id for a in self._actors if a.role in _OFFICIAL_ROLES)
        return not self._officials.isdisjoint(subject.actor_ids)

    def __call__(self) -> bool:
        if self._result is None:
            self._result = self._count()
        return self._result

    def _count(self) -> bool:
        strict = _sport_words(self._cues.contexts.get(_SPORT, _NO_CONTEXT))
        if strict is None:
            return False
        loose = _sport_words(self._cues.contexts.get(_SPORT_ARTICLE, _NO_CONTEXT))
        total = hits = 0
        sure = False
        for text, spans in self._texts:
            low = text.lower()
            if len(low) != len(text):  # a case mapping that changes lengths ("İ"): offsets would shift
                strict_at: list[tuple[int, int]] | None = None
                loose_at: list[tuple[int, int]] | None = None
            else:
                strict_at = strict.starts(low)
                loose_at = loose.starts(low) if loose is not None else []
            for s0, s1 in spans:
                total += 1
                if strict.within(strict_at, text, s0, s1) or _has_score(text, s0, s1):
                    sure = True
                    hits += 1
                elif loose is not None and loose.within(loose_at, text, s0, s1):
                    hits += 1
        return sure and hits >= _SPORT_SENTENCES and hits >= _SPORT_SHARE * total


_SPORT_SENTENCES = 2
_SPORT_SHARE = 1 / 3


@cache
def _sport_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """One pattern for a language's sport words and phrases: whole words, any case."""
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


class _SportWords:
    """A language's sport words for :class:`_SportCopy`, found with one automaton pass per field.

    Why not :func:`_sport_pattern` on every sentence: the article-wide check reads every sentence of
    every article that asks (most, on mixed copy), and a case-blind alternation of ~100 words tries
    each position of the text (≈ 200 µs for a 2 KB article, more than the rest of the event stage
    compiled); even splitting the text into words costs ≈ 60 µs. An Aho-Corasick automaton over the
    lower-cased field reports the few places where an entry occurs, and those whose neighbours are
    no word character or hyphen are the pattern's whole-word matches: the same answers.
    """

    __slots__ = ("_auto", "_pattern")

    def __init__(self, words: frozenset[str]) -> None:
        import ahocorasick

        self._pattern = _sport_pattern(words)  # for the rare field whose lower-casing changes its length
        auto = ahocorasick.Automaton()
        for w in words:
            low = w.lower()
            auto.add_word(low, len(low))
        auto.make_automaton()
        self._auto: Any = auto

    def starts(self, low: str) -> list[tuple[int, int]]:
        """Sorted (start, end) of the whole-word occurrences of any entry in lower-cased ``low``."""
        out: list[tuple[int, int]] = []
        n = len(low)
        for last, size in self._auto.iter(low):
            start = last - size + 1
            if start > 0 and _word_char(low[start - 1]):
                continue
            if last + 1 < n and _word_char(low[last + 1]):
                continue
            out.append((start, last + 1))
        out.sort()
        return out

    def within(self, found: list[tuple[int, int]] | None, text: str, s0: int, s1: int) -> bool:
        """Whether one of :meth:`starts`' occurrences lies in ``text[s0:s1]`` (``None``: ask the pattern)."""
        if found is None:
            return self._pattern.search(text, s0, s1) is not None
        for i in range(bisect_left(found, (s0, 0)), len(found)):
            start, end = found[i]
            if start >= s1:
                return False
            if end <= s1:
                return True
        return False


def _word_char(c: str) -> bool:
    """What ``[\\w-]`` matches: the boundary of :func:`_sport_pattern`."""
    return c.isalnum() or c == "_" or c == "-"


@cache
def _sport_words(context: tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str]]) -> _SportWords | None:
    """:class:`_SportWords` of a context cue list (``Cues.contexts``: words, two-part phrases, their
    tails), built once per list (the lists are frozen with the rule set); ``None`` when it is empty."""
    words, pairs, _ = context
    if not words and not pairs:
        return None
    return _SportWords(words | frozenset(" ".join(p) for p in pairs))


_HAZARD_ONLY = frozenset({_HAZARD})
_SUBJECT_NOUNS = 2  # plain words between an actor and its verb: "Russian (attack) drones struck"


def _actor_subject(toks: list[Word], i0: int, groups: list[_Group], in_mention: set[int], cues: Cues) -> bool:
    """Whether an actor is the subject of the trigger at ``toks[i0]``: "Russia attacked ...",
    "Russian drones attacked ...", "Gunmen have killed ...".

    Why: the hazard context ("a storm", "floods") marks a sentence whose violent verbs may have
    no agent ("a storm killed three"), but a sentence can report an attack and mention the
    weather ("Russia attacked the grid during a storm"). A named doer in the subject position
    settles it; without one the sentence-level veto stands. A plain noun or two between the
    actor and the verb are taken as the head it modifies ("Russian drones"); a preposition,
    punctuation or a determiner between them ends the search ("Floods in Kenya killed").
    """
    return _subject_group(toks, i0, groups, in_mention, cues) is not None


def _subject_group(toks: list[Word], i0: int, groups: list[_Group], in_mention: set[int], cues: Cues) -> _Group | None:
    """The actor group that is the subject of the trigger at ``toks[i0]``, by the reading of
    :func:`_actor_subject`, or None."""
    k = i0 - 1
    plain = 0
    while k >= 0:
        w = toks[k]
        if k in in_mention:
            g = _group_ending(groups, k)
            return g if g is not None and g.prep is None and not g.possessive and not g.place else None
        if w.low in cues.subject_skip or (len(w.low) > 4 and w.low.endswith("ly") and not w.cap):
            if w.lemma in cues.passive_aux and plain == 0 and i0 - k == 1 and toks[i0].low.endswith("ed"):
                return None  # "was attacked": the subject is the target
            k -= 1
            continue
        if plain >= _SUBJECT_NOUNS or not w.low.isalpha() or w.low in cues.preps or w.low in cues.determiners:
            return None
        if w.low in cues.non_agents or w.low in cues.non_agent_quantities:
            return None
        plain += 1
        k -= 1
    return None


#: acts mostly named by nouns: after a force noun ("pandemic talks", "flood protests") a trigger
#: in -s is the head of a compound noun, not a verb with that noun as its subject
_NOMINAL_ACTS = frozenset(
    {
        PloverType.CONSULT,
        PloverType.PROTEST,
        PloverType.SANCTION,
        PloverType.AID,
        PloverType.COOPERATE,
        PloverType.SUPPORT,
        PloverType.AGREE,
    }
)
_NON_AGENT_REACH = 6  # tokens stepped over back from a trigger to its subject


def _non_agent_doer(
    toks: list[Word],
    i0: int,
    plover: PloverType,
    groups: list[_Group],
    in_mention: set[int],
    cues: Cues,
    headline: bool,
) -> bool:
    """Whether the trigger at ``toks[i0]`` has a subject that cannot act: a natural force, a
    disease or a market quantity (cues ``non_agents`` / ``non_agent_quantities``).

    Why: news uses the verbs of attack, threat and retreat for storms, epidemics and markets
    ("Storm batters coast", "Drought threatens harvest", "Bird flu strikes farms", "A cholera
    outbreak has killed 300", "Copper prices retreat", "Stocks in Mumbai retreated"). No one acts
    there, so there is no PLOVER event, whatever party the sentence names as place or victim.
    Only the subject position counts, found by stepping back over auxiliaries, adverbs and a
    prepositional phrase naming an actor ("Stocks in Mumbai"); an actor found first is the
    subject, and a passive ("Oil was seized") keeps its event. A participle after a comma
    ("..., killing dozens") takes the subject of the clause before it.
    """
    t = toks[i0]
    if t.low in cues.non_agent_quantities and _quantity_subject(toks, i0, groups, cues):
        return True
    if t.low in cues.non_agents:
        # the trigger word is itself the force, opening the clause: "Storm batters Philippines coast"
        k = i0 - 1
        while k >= 0 and (toks[k].low in cues.determiners or toks[k].low in cues.nominal_modifiers):
            k -= 1
        if k < 0 or toks[k].low in _CLAUSE_PUNCT:
            return True
    k = i0 - 1
    crossed = passive = False
    while k >= 0 and i0 - k <= _NON_AGENT_REACH:
        w = toks[k]
        if w.low in cues.subject_skip or (len(w.low) > 4 and w.low.endswith("ly") and not w.cap):
            passive = passive or w.lemma in cues.passive_aux
            crossed = True
            k -= 1
            continue
        if k not in in_mention:
            break
        g = _group_ending(groups, k)
        if g is None:
            break
        if g.prep is None:
            return False  # an actor is the subject
        # "Stocks in Mumbai retreated": step over the prepositional phrase to its head noun
        j = g.t0 - 1
        while j >= 0 and toks[j].low not in cues.preps and g.t0 - j <= 3:
            j -= 1
        if j < 0 or toks[j].low not in cues.preps:
            return False
        k = j - 1
        crossed = True
    if k < 0:
        return False
    w = toks[k]
    low = t.low
    if w.low == "," and low.endswith("ing"):
        # "Measles outbreak spreads in Nigeria, killing dozens": the clause's subject comes first
        for j in range(k):
            if j in in_mention:
                g = _group_starting(groups, j)
                if g is not None and g.prep is None:
                    return False
            if toks[j].low in cues.non_agents:
                return True
            if toks[j].low in _CLAUSE_PUNCT:
                return False
        return False
    if passive and not low.endswith("ing"):
        return False
    if w.low in cues.non_agents:
        if not crossed and headline and low.endswith("ed"):
            return False  # a headline's bare participle is a passive: "Oil tanker seized"
        # "pandemic talks", "flood protests": a compound noun, not a subject and its verb
        return crossed or not low.endswith("s") or plover not in _NOMINAL_ACTS
    if w.low in cues.non_agent_quantities:
        if crossed or low.endswith("ing"):
            return True
        if low.endswith("ed"):
            return not headline
        # a plural subject with the verb's base form: "Copper prices retreat", "Shares rally"
        return w.low != w.lemma and low == t.lemma
    return False


def _quantity_subject(toks: list[Word], i0: int, groups: list[_Group], cues: Cues) -> bool:
    """Whether a trigger that is also a market quantity ("demand") is the subject of the next
    verb, after a bare singular modifier: "China demand cools", "US demand weakens", "fuel demand
    rose". A singular subject would need "demands" for the verb ("China demands ..."), and a
    possessive marks the act ("China's demand that ..."), so neither is read this way."""
    t = toks[i0]
    if t.low != t.lemma or i0 == 0 or i0 + 1 >= len(toks):
        return False
    prev, nxt = toks[i0 - 1], toks[i0 + 1]
    g = _group_ending(groups, i0 - 1)
    if g is not None:
        if g.possessive or len(g.actor_ids) > 1:
            return False  # "China's demand", "Britain and France demand"
    elif prev.low != prev.lemma or not prev.low.isalpha() or prev.low in cues.subject_skip:
        return False  # "Farmers demand ...", "will demand"
    elif prev.low in cues.infinitive or prev.low in cues.modal_auxiliaries or prev.low in cues.determiners:
        return False
    return (
        nxt.low != nxt.lemma
        and nxt.low.isalpha()
        and not nxt.cap
        and nxt.low not in cues.subject_skip
        and nxt.low.endswith(("s", "ed"))
    )


_OBJECT_REACH = 5  # tokens after a trigger searched for its object noun ("host the annual EU summit")


def _has_object(toks: list[Word], i1: int, rule: Rule) -> bool:
    """Whether one of ``rule.object_nouns`` follows the trigger in its clause ("will host a
    meeting between ..."): such a rule is an event with that object even with no actor target."""
    for k in range(i1 + 1, min(len(toks), i1 + 1 + _OBJECT_REACH)):
        t = toks[k]
        if t.low in _CLAUSE_PUNCT:
            return False
        if t.lemma in rule.object_nouns or t.low in rule.object_nouns:
            return True
    return False


def _object_vetoed(toks: list[Word], i0: int, i1: int, rule: Rule, cues: Cues) -> bool:
    """Whether a per-trigger object veto of ``rule`` (see :attr:`Rule.object_vetoes`) applies:
    the head of the noun phrase after the trigger is a vetoed object ("fight the government's new
    plans", "blaming weak demand": a modifier before the head says nothing of what is fought), or
    the word right after the trigger is one ("struck oil") and no head noun it would modify
    follows before the phrase ends ("struck oil and gas facilities" is an attack)."""
    if i1 + 1 >= len(toks):
        return False
    trig = toks[i0]
    at = i1 + 1
    if toks[at].low in cues.determiners and at + 1 < len(toks):
        at += 1  # "struck a note of caution"
    obj = toks[at]
    head = _phrase_head(toks, at, cues)
    for keys, objects, heads in rule.object_vetoes:
        if trig.lemma not in keys and trig.low not in keys:
            continue
        if head is not None and (head.lemma in objects or head.low in objects):
            return True  # "fight the government's plans", "blaming weak demand in China"
        if obj.lemma not in objects and obj.low not in objects:
            continue
        for t in toks[at + 1 : at + 4]:
            if t.lemma in heads or t.low in heads:
                return False
            if t.low in _CLAUSE_PUNCT or t.low in cues.preps or t.low in cues.clause_breaks:
                break
        return True
    return False


def _phrase_head(toks: list[Word], at: int, cues: Cues) -> Word | None:
    """The last word of the noun phrase that starts at ``at``, or None when it does not end
    within a few words. English puts the head last ("weak demand", "the government's plans",
    "inflation and corruption"), so an object veto judges that word, not a modifier before it;
    the phrase ends at a clause mark, a preposition or a clause break ("demand in China")."""
    last: Word | None = None
    for t in toks[at : at + _HEAD_REACH + 1]:
        if t.low in _CLAUSE_PUNCT or t.low in _PHRASE_ENDS or t.low in cues.preps or t.low in cues.clause_breaks:
            return last
        last = t
    return last if at + _HEAD_REACH + 1 >= len(toks) else None


_HEAD_REACH = 6  # words a noun phrase after a trigger may run to its head ("the government's new plans")
_PHRASE_ENDS = frozenset({".", "!", "?", "that"})


def _company_name(toks: list[Word], i1: int, cues: Cues) -> bool:
    """Whether a legal-form word closes a name through the trigger ending at ``i1``: "Shell plc",
    "Strike Resources Ltd" (up to two more capitalised words between)."""
    n = len(toks)
    k = i1 + 1
    while k < n and k <= i1 + 3:
        t = toks[k]
        if t.low in cues.name_suffixes:
            return True
        if not t.cap:
            return False
        k += 1
    return False


_TITLE_REACH = 5  # "Invasion of the Body Snatchers remake": title words between trigger and work noun
_QUOTE_MARKS = frozenset({"'", '"', "“", "”", "‘", "’", "«", "»"})


def _work_title(toks: list[Word], i0: int, i1: int, cues: Cues) -> bool:
    """Whether a capitalised trigger is a word of the title of a work: "Attack on Titan film tops
    the box office", "Invasion of Poland documentary wins award", "the series 'Strike Back'".

    Why: a film, series, game or book named after an attack, an invasion or a siege is no act of
    anyone's. Cue: a work noun ("film", "series", "documentary" ...) right after a run of title
    words (capitalised words, digits, quotes, "of"/"on"/"the" ...) that the trigger opens, or
    right before the trigger. The trigger must open the sentence or follow a quote or "the", so a
    verb before a work noun ("Russia Bans Film") is not read as a title, and a work noun naming
    a place or a team ("film studio", "film crew": ``work_venues``) keeps the attack on it.
    "Attack on Kharkiv kills five" has no work noun: its attack stands.
    """
    before = toks[i0 - 1].low if i0 > 0 else ""
    if before and before not in _QUOTE_MARKS and before not in cues.definite and before not in cues.work_nouns:
        return False
    n = len(toks)
    k = i1 + 1
    while k < n and k <= i1 + _TITLE_REACH:
        t = toks[k]
        if t.low in cues.work_nouns and k > i1 + 1:
            return k + 1 >= n or toks[k + 1].low not in cues.work_venues
        if not (t.cap or t.low in cues.title_words or t.low in _QUOTE_MARKS or t.low.isdigit()):
            break
        k += 1
    for k in range(i0 - 1, max(-1, i0 - 4), -1):
        t = toks[k]
        if t.low in cues.work_nouns:
            return True
        if t.low not in _QUOTE_MARKS and t.low not in cues.definite:
            break
    return False


def _in_name(toks: list[Word], m: _Match, groups: list[_Group]) -> bool:
    """Whether the trigger is a capitalised word of an actor's name: "Shell plc", "Rapid Support
    Forces", "Popular Mobilization Forces" are no shelling, support or mobilisation.

    Why: a name the actor tagger resolved is the better reading of those words. Only a name
    counts: a capitalised trigger that is not the first word of the sentence, or one the name
    runs on past ("Shell plc"); a single sentence-initial word ("Protesters ...", "Militia ...")
    may be a common noun that merely starts the sentence, and keeps its event, unless the name is
    a named company's.
    """
    if not toks[m.i0].cap:
        return False
    for g in groups:
        if g.t0 <= m.i0 and m.i1 <= g.t1:
            if _title_case(toks):
                # every word is capitalised ("Argentina Militia Members Called into Action"):
                # only a name that starts with the trigger and runs on past it is one
                return g.t0 == m.i0 and g.t1 > m.i1
            # a sentence-initial word that is a named company's whole name ("Shell exits
            # Nigeria") is the name too: common nouns resolve to generic actors, not to a firm
            return m.i0 > 0 or g.t1 > m.i1 or g.firm
    return False


def _title_case(toks: list[Word]) -> bool:
    """Whether every longer word is capitalised (a title-case headline): case then tells no
    name from a common noun. Short words are skipped ("into", "of" stay lower case there)."""
    return all(t.cap or len(t.low) <= 4 or not t.low.isalpha() for t in toks)


def _group_ending(groups: list[_Group], k: int) -> _Group | None:
    for g in groups:
        if g.t0 <= k <= g.t1:
            return g
    return None


def _group_starting(groups: list[_Group], k: int) -> _Group | None:
    for g in groups:
        if g.t0 == k:
            return g
    return None


def _has_quote(text: str, ascii_text: bool, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a quotation mark. In ASCII text the only one is the
    straight double quote, which ``str.find`` finds several times faster than the character
    class search."""
    if ascii_text:
        return text.find('"', start, end) >= 0
    return _ANY_QUOTE.search(text, start, end) is not None


def _business_only(ev: EventTag, companies: set[str]) -> bool:
    """Whether nobody but companies takes part: commerce, not a PLOVER event.

    "Unilever rejected a takeover bid", "Shell struck a deal to sell its unit", "the battle for
    market share pushed smaller firms to the brink": the vocabulary of diplomacy and war with
    businesses on every side. A company as the target of a state ("China fined Apple") keeps its
    event; so does one of a named attacker.
    """
    if not ev.source and not ev.target:
        return False
    return all(a in companies for a in ev.source) and all(a in companies for a in ev.target)


#: the vocabulary of deals and withdrawals, which market participants share with states
_COMMERCE = frozenset(
    {
        PloverType.RETREAT,
        PloverType.AGREE,
        PloverType.COOPERATE,
        PloverType.SUPPORT,
        PloverType.REJECT,
        PloverType.CONCEDE,
    }
)


def _market_move(ev: EventTag, market: set[str]) -> bool:
    """Whether unnamed market participants are the only doers of a commercial act: "foreign
    investors pull out of India", "traders back the rupee" move money, not a PLOVER event; the
    country is where the market is, not a party. Their protests and demands stay events
    ("Market traders protest over new levy"), as does any act of a named company (see
    :func:`_business_only` for company-on-company acts)."""
    return bool(ev.source) and ev.event_type in _COMMERCE and all(a in market for a in ev.source)


def _divestment(ev: EventTag, companies: set[str]) -> bool:
    """Whether companies alone withdraw: "Chevron pulls out of Myanmar", "Shell exits Nigeria's
    onshore fields" move capital. PLOVER RETREAT is a party's withdrawal of forces, release of
    prisoners, easing of a blockade; no company does those, and the country left is where the
    business was, not a party to an act (see :func:`_market_move` for unnamed investors)."""
    return ev.event_type is PloverType.RETREAT and bool(ev.source) and all(a in companies for a in ev.source)


def _trigger_start(ev: EventTag) -> int:
    return ev.trigger.start


def _requested(ev: EventTag, m: _Match, requests: list[tuple[int, EventTag]], toks: list[Word], cues: Cues) -> EventTag:
    """ "X urged Y to agree", "X called on Y to withdraw": the act is only asked for, and by Y.

    An act in the infinitive complement of a request is not reported as done: it keeps the
    ``request`` modality, the request's addressee becomes its source (the requester is not the
    one who would act), and it ranks below the request itself.
    """
    for end, req in reversed(requests):
        if not 0 < m.i0 - end <= _REQUEST_REACH:
            continue
        between = toks[end + 1 : m.i0]
        if not any(t.low in cues.infinitive for t in between):
            return ev
        if any(t.low in _CLAUSE_PUNCT or (t.low in cues.clause_breaks and t.low not in cues.preps) for t in between):
            return ev
        source = list(req.target)
        return _copy(
            ev,
            {
                "source": source,
                "target": [x for x in ev.target if x not in source],
                "modality": "request",
                "confidence": round(max(0.05, min(ev.confidence, req.confidence - 0.1)), 3),
            },
        )
    return ev


def _embedded(pairs: list[tuple[_Match, EventTag]], toks: list[Word], cues: Cues) -> list[EventTag]:
    """ "X agreed to withdraw / promised to lift the curfew": the embedded act is the event.

    PLOVER codes a promised concession or withdrawal as CONCEDE and a promised cooperative act
    through that act (re-read as AGREE), so the governing AGREE verb is demoted and the embedded
    event inherits the intention modality. The act may sit a few words into the infinitive
    clause ("offered to return to six-party talks"), never past a clause boundary.

    A promised accusation or request ("pledged to investigate the killings") is no act of its
    own yet and has no PLOVER reading as an intention: the promise stays the event and the
    embedded act ranks below it.
    """
    out = [ev for _, ev in pairs]
    for a, (ma, ea) in enumerate(pairs):
        if ea.event_type is not PloverType.AGREE:
            continue
        for b, (mb, eb) in enumerate(pairs):
            gap = mb.i0 - ma.i1
            if not 0 < gap <= _EMBED_REACH:
                continue
            if gap > 3 and not _in_infinitive(toks, ma.i1, mb.i0, cues):
                continue
            if eb.event_type in _EMBEDDABLE:
                out[a] = _copy(out[a], {"confidence": round(max(0.05, out[a].confidence - 0.25), 3)})
                if out[b].modality is None:
                    out[b] = _copy(out[b], {"modality": "intent"})
                break
            if eb.event_type in _PROMISED_SPEECH and _in_infinitive(toks, ma.i1, mb.i0, cues):
                out[b] = _copy(out[b], {"confidence": round(max(0.05, min(eb.confidence, ea.confidence) - 0.1), 3)})
                break
    return out


_EMBED_REACH = 6  # "offered to return to six-party talks"
_ADJUNCT_REACH = 4  # words of an adjunct between a promise verb and its "to" ("in principle on Monday")


def _adopted(
    pairs: list[tuple[_Match, EventTag]], orphans: list[tuple[_Match, EventTag]], toks: list[Word], cues: Cues
) -> list[tuple[_Match, EventTag]]:
    """ "The mayor of Aleppo promised to end the curfew": an act in the infinitive clause of a
    promise is the promiser's. When the act found no source of its own (here the subject is a
    place in an "of" phrase, which only the promise verb right after it takes), it takes the
    promise's source, with the confidence a found source gives. ``orphans`` are such acts the
    tagger would otherwise drop as unattributed; sourceless acts already in ``pairs`` (the
    tagger keeping unattributed events) are adopted the same way."""
    promises = [(m, ev) for m, ev in pairs if ev.event_type is PloverType.AGREE and ev.source and not ev.negated]
    if not promises:
        return pairs
    out = [p for p in pairs if p[1].source or p[1].event_type not in _EMBEDDABLE]
    for mb, eb in [p for p in pairs if not p[1].source and p[1].event_type in _EMBEDDABLE] + orphans:
        for ma, ea in promises:
            gap = mb.i0 - ma.i1
            if 0 < gap <= _EMBED_REACH and (gap <= 3 or _in_infinitive(toks, ma.i1, mb.i0, cues)):
                src = list(ea.source)
                eb = _copy(
                    eb,
                    {
                        "source": src,
                        "target": [x for x in eb.target if x not in src],
                        "confidence": round(max(0.05, min(0.99, eb.confidence + 0.25)), 3),
                    },
                )
                out.append((mb, eb))
                break
        else:
            if eb.source or eb in [ev for _, ev in pairs]:
                out.append((mb, eb))  # a sourceless pair the tagger keeps stays as it was
    out.sort(key=lambda p: p[0].i0)
    return out


_PROMISED_SPEECH = frozenset({PloverType.ACCUSE, PloverType.REQUEST})


def _in_infinitive(toks: list[Word], end: int, i0: int, cues: Cues) -> bool:
    """Whether ``toks[i0]`` lies in the infinitive clause right after the verb ending at ``end``:
    "to" closing the verb, right after it or after a short adjunct ("agreed on Monday to provide
    aid", "agreed in principle to"), and no clause boundary up to ``i0``."""
    for k in range(end, min(i0, end + _ADJUNCT_REACH + 2)):
        if toks[k].low in cues.infinitive:
            break
    else:
        return False
    for t in toks[end + 1 : i0]:
        if t.low in _CLAUSE_PUNCT or t.low in cues.clause_breaks or t.lemma in cues.reporting:
            return False
    return True


_DEMAND_REACH = 8
_PARTICIPLE_REACH = 14  # tokens from a protest to ", accusing ..." (the clause's phrases between)
_PLAN_REACH = 4  # "suspended plans to impose a curfew": from the plan noun to the planned act


def _dropped_plans(pairs: list[tuple[_Match, EventTag]], toks: list[Word], cues: Cues) -> list[tuple[_Match, EventTag]]:
    """ "suspended plans to impose a curfew", "shelved a proposal to expel the diplomats": the act
    of a plan its party gives up (a CONCEDE whose trigger ends on the plan's noun) is one that
    will not happen, so it is kept negated (never a plain positive, nor its doer's threat); the
    concession is the news."""
    out: list[tuple[_Match, EventTag]] | None = None
    for ma, ea in pairs:
        if ea.event_type is not _CONCEDE or ea.negated or toks[ma.i1].low not in cues.proposal_heads:
            continue
        if out is None:
            out = list(pairs)
        for j, (mb, eb) in enumerate(out):
            if mb is ma or eb.negated or not 0 < mb.i0 - ma.i1 <= _PLAN_REACH:
                continue
            if _in_infinitive(toks, ma.i1, mb.i0, cues):
                out[j] = (mb, _copy(eb, {"negated": True}))
    return pairs if out is None else out


#: acts a party can reject or oppose as a proposal ("opposes new sanctions", "rejected the
#: ceasefire", "turned down the aid"); an attack or an accusation named after a rejection has
#: most often happened ("rejected the accusations"), so those are left to the other checks
_PROPOSABLE = frozenset(
    {
        PloverType.SANCTION,
        PloverType.COERCE,
        PloverType.AID,
        PloverType.CONSULT,
        PloverType.AGREE,
        PloverType.SUPPORT,
        PloverType.COOPERATE,
        PloverType.RETREAT,
        PloverType.CONCEDE,
        PloverType.MOBILIZE,
    }
)
_REJECT_REACH = 4  # "opposes new EU sanctions on ...", "rejected the proposed ceasefire"


def _rejected_acts(pairs: list[tuple[_Match, EventTag]], toks: list[Word], cues: Cues) -> list[tuple[_Match, EventTag]]:
    """ "Hungary opposes new sanctions on Russia", "Israel rejected the ceasefire": an act named as
    the object of a rejection is a proposal the sentence reports rejected. It did not happen, and
    it is not the rejecter's: it keeps no source, takes the modality "proposed" and ranks below
    the rejection. An infinitive ("refused to withdraw") is the refusal reading's, not this.

    The same holds for an act the rejection negated when another party proposed it ("Venezuela
    rejects US call for new election": the election is the US's proposal, negated by "rejects"):
    left with its source, the refusal reading would make the proposer a rejecter too."""
    out: list[tuple[_Match, EventTag]] | None = None
    request_at = [m for m, e in pairs if e.event_type is PloverType.REQUEST]
    for ma, ea in pairs:
        if ea.event_type is not PloverType.REJECT or ea.negated:
            continue
        for j, (mb, eb) in enumerate(pairs):
            if mb is ma or eb.modality is not None or eb.event_type not in _PROPOSABLE:
                continue
            if eb.negated and (not eb.source or eb.source == ea.source):
                continue
            if not 0 < mb.i0 - ma.i1 <= 2 * _REJECT_REACH:
                continue
            # "rejects Kyiv's demand for a troop withdrawal", "spurned the call to reinstate":
            # under a request or proposal noun the act is that noun's content, its infinitive too
            heads = [
                k
                for k in range(ma.i1 + 1, mb.i0)
                if toks[k].low in cues.proposal_heads or any(r.i0 == k for r in request_at)
            ]
            if not heads and mb.i0 - ma.i1 > _REJECT_REACH:
                continue
            if any(
                t.low in _CLAUSE_PUNCT
                or t.low in cues.clause_breaks
                or (t.low in cues.infinitive and not heads)
                or t.lemma in cues.reporting
                for t in toks[ma.i1 + 1 : mb.i0]
            ):
                continue
            if out is None:
                out = list(pairs)
            out[j] = (
                mb,
                _copy(
                    eb,
                    {
                        "modality": "proposed",
                        "source": [],
                        "confidence": round(max(0.05, min(eb.confidence, ea.confidence) - 0.2), 3),
                    },
                ),
            )
    return pairs if out is None else out


#: acts through which a demand is pressed: a protest, and the material pressure of a blockade, a
#: sanction, a deployment or an attack ("would blockade the capital to demand ...", "froze their
#: assets, demanding ..."): the act is the news, the demand its purpose
_PRESSURE = frozenset(
    {PloverType.PROTEST, PloverType.COERCE, PloverType.SANCTION, PloverType.MOBILIZE, PloverType.ASSAULT}
)


def _protest_demands(
    pairs: list[tuple[_Match, EventTag]], toks: list[Word], cues: Cues
) -> list[tuple[_Match, EventTag]]:
    """ "Thousands rallied in the capital, calling for ...", "went on strike to press their demands".

    A demand or complaint voiced through a protest is what the protest is about: the PROTEST is
    the event, and the REQUEST or ACCUSE that follows it in a participle clause, after a comma or
    as its purpose (infinitive: "blocked roads to protest against the trade deal") ranks below it,
    the way an embedded act ranks below its governing verb. It inherits the protesters as its
    source when it has none, and always when it is a participle after a comma (", accusing it of
    ..."), whose subject is the protest's. A demand so ranked carries the protest on: "marched ...
    to protest against the government of X, accusing it of ..." voices the accusation through the
    march however long the purpose clause between them.
    """
    protests = [(m, ev) for m, ev in pairs if ev.event_type in _PRESSURE and not ev.negated]
    if not protests:
        return pairs
    out = list(pairs)
    for j in sorted(range(len(pairs)), key=lambda k: pairs[k][0].i0):
        mr, er = pairs[j]
        if er.event_type is not PloverType.REQUEST and er.event_type is not PloverType.ACCUSE:
            continue
        # ", accusing it of ...": a participle after a comma takes the clause's subject, however
        # long the clause's place, time and target phrases ("rallied in X on Monday against ...")
        participle = toks[mr.i0].low.endswith("ing") and mr.i0 > 0 and toks[mr.i0 - 1].low == ","
        reach = _PARTICIPLE_REACH if participle else _DEMAND_REACH
        for mp, ep in protests:
            gap = mr.i0 - mp.i1
            if not 0 < gap <= reach:
                continue
            between = toks[mp.i1 + 1 : mr.i0]
            linked = toks[mr.i0].low.endswith("ing") or any(t.low == "," or t.low in cues.infinitive for t in between)
            if not linked or any(t.low in {";", ":"} or t.low in cues.clause_breaks for t in between):
                continue
            update: dict[str, object] = {"confidence": round(max(0.05, min(er.confidence, ep.confidence) - 0.25), 3)}
            if ep.source and (not er.source or participle):
                update["source"] = list(ep.source)
                if participle and ep.target and set(er.target) & set(ep.source):
                    # "Sudan expelled French diplomats, accusing them of ...": the pronoun is the
                    # protest's object; the one actor it was given is now the source
                    update["target"] = list(ep.target)
            out[j] = (mr, _copy(er, update))
            protests.append((mr, ep))  # the demand continues the protest for a later participle
            break
    return out


def _readings(events: list[EventTag], rules: RuleSet, headline: bool = False) -> list[EventTag]:
    """PLOVER re-codings of future/intended/refused actions (data/events/readings.yaml).

    In the body an intention needs someone named who intends. A headline keeps acts with no named
    doer (see ``_sentence_events``) and leaves the doer to the body, so its "to"-future ("Troops to
    withdraw from border town") is read like a named party's: someone announced it."""
    out: list[EventTag] = []
    for ev in events:
        # a reciprocal act (marked for _split_reciprocal, which runs later) is a base event and is
        # read as one: "X and Y vowed to attack each other" threatens as "X vowed to attack Y" does;
        # its reading keeps the mark last, so each side's reading is split too
        rid = ev.rule_id
        mark = _RECIPROCAL if rid.endswith(_RECIPROCAL) else ""
        if mark:
            rid = rid[: -len(mark)]
        if "+" in rid:
            continue
        if not ev.source and not headline:
            continue
        for rd in rules.readings:
            if ev.event_type not in rd.sources or ev.negated != rd.negated:
                continue
            if rd.negated and ev.modality == DENIED:
                continue  # "denied supplying drones": says it did not happen, refuses nothing
            if not rd.negated and ev.modality not in rd.modalities:
                continue
            code = rd.cameo[ev.event_type]
            out.append(
                _copy(
                    ev,
                    {
                        "event_type": rd.to,
                        "quad_class": rd.quad_class,
                        "cameo_root": code[:2],
                        "cameo_code": code,
                        "negated": False,
                        "rule_id": f"{rid}+{rd.name}{mark}",
                        "confidence": _round3(min(0.99, ev.confidence + 0.02)),
                    },
                )
            )
            break
    return out


def _dedupe(cands: list[EventTag]) -> list[EventTag]:
    """Within a sentence, drop an event when another of the same type covers its actors.

    "Some drones were fired at Ukraine in the strikes" yields two ASSAULT triggers; the surer one
    subsumes the other when it names the same actors or more. Confidence comes first: it already
    carries the demotions (an embedding verb, a speech act, background), so a demoted reading with
    an extra actor must not displace a sure one ("Japan promised Kenya it would hold talks": the
    AGREE read from the promised talks outranks the promise verb's own AGREE). An event naming
    actors the surer one lacks is kept next to it.
    """
    if len(cands) < 2:
        return list(cands)
    # sorted(cands, key=_evidence_rank) without a call per event; the index keeps ties in order
    ranked = sorted([(-ev.confidence, -(len(ev.source) + len(ev.target)), k) for k, ev in enumerate(cands)])
    cands = [cands[r[2]] for r in ranked]
    kept: list[EventTag] = []
    seen: list[tuple[PloverType, set[str], set[str]]] = []
    for ev in cands:
        typ = ev.event_type
        src: set[str] | None = None
        tgt: set[str] = set()
        for k_typ, k_src, k_tgt in seen:
            if k_typ == typ:  # actor sets are built only when an event of its type is kept
                if src is None:
                    src, tgt = set(ev.source), set(ev.target)
                if src <= k_src and tgt <= k_tgt:
                    break
        else:
            kept.append(ev)
            seen.append((typ, set(ev.source), set(ev.target)) if src is None else (typ, src, tgt))
    return kept


def _evidence_rank(ev: EventTag) -> tuple[float, int]:
    """Sort key: higher confidence first, then more actors."""
    return -ev.confidence, -(len(ev.source) + len(ev.target))


@cache
def _default_tagger() -> EventTagger:
    return EventTagger(load_rules(DATA_DIR))


# ---------------------------------------------------------------------- matching


def _wanted_sentences(
    text: str, spans: list[tuple[int, int]], lr: LanguageRules, low: str | None = None
) -> list[list[int] | None]:
    """Per sentence, the offsets where a trigger may start (``None``: anywhere); ``[]`` when the
    whole field has no candidate.

    Sentences without a candidate are still read when they carry actor mentions (they update
    who is speaking and the running subject), but they are never matched against rules.
    """
    if lr.prefilter is None:
        return [None] * len(spans)
    if low is None:
        low = text.lower()
    if len(low) != len(text):  # rare case-mapping length changes: offsets would drift
        return [None] * len(spans)
    scanned = lr.prefilter.scan(low)
    if not scanned:
        return []
    scanned.sort(key=itemgetter(0))
    out: list[list[int] | None] = []
    k = 0
    n = len(scanned)
    found = False
    for s, e in spans:
        while k < n and scanned[k][0] < s:
            k += 1
        sent: list[int] = []
        while k < n and scanned[k][0] < e:
            at, req = scanned[k]
            k += 1
            # a trigger's further words follow its first: search from the hit on
            if req is None or satisfied(req, low, at, e):
                sent.append(at)
        out.append(sent)
        found = found or bool(sent)
    return out if found else []


def _find_matches(
    given: Sequence[Lexeme], lr: LanguageRules, hits: list[int] | None = None, starts: list[int] | None = None
) -> list[_Match]:
    """Non-overlapping trigger matches, longest pattern first at each position.

    ``hits``: character offsets where the prefilter saw a trigger's first word (any inflection
    simplemma's dictionary knows); only tokens starting there are tried. ``None``: try all.
    """
    if starts is None:  # callers without offsets pass Token lists (from tokenize)
        toks_in = cast(Sequence[Token], given)
        starts = [t.start for t in toks_in]
        tokens = [Word.of(t) for t in toks_in]
    else:
        tokens = cast(list[Word], given)
    index = lr.index
    cands: list[_Match] = []
    n = len(tokens)
    present: set[str] | None = None  # every key after the first position tried, built on first need
    merged = lr.merged
    if hits is None:
        positions: Sequence[int] = range(n)
    else:
        positions = []
        for h in hits:
            i = bisect_left(starts, h)
            if i < n and starts[i] == h:
                positions.append(i)
    for i in positions:
        tok = tokens[i]
        if tok.low == tok.lemma:
            pats = index.get(tok.lemma)
        else:
            key = (tok.lemma, tok.low)
            pats = merged.get(key)
            if pats is None and key not in merged:
                a, b = index.get(tok.lemma, ()), index.get(tok.low, ())
                both = tuple(sorted(a + b, key=lambda p: -p.size)) if a and b else (a or b)
                pats = merged[key] = both or None
        if not pats:
            continue
        for pat in pats:
            if pat.size > 1:
                if present is None:
                    # a pattern's further elements follow its first (``_match_at`` reads only
                    # tokens after ``i``), and positions ascend (``range`` or the prefilter's
                    # sorted hits): the keys after the first position tried are enough (2.6 % of
                    # the compiled tagger for all of them)
                    after = tokens[i + 1 :]
                    present = {t.lemma for t in after}
                    present.update([t.low for t in after])
                # cheap set test before the positional walk: every element must occur somewhere
                for el in pat.rest:
                    if el.isdisjoint(present):
                        break
                else:
                    end = _match_at(tokens, i, n, pat)
                    if end >= 0:
                        cands.append(_Match(i, end, pat))
                        break
                continue
            # a one-word pattern matches wherever its key is (what _match_at would return)
            cands.append(_Match(i, i, pat))
            break  # patterns are sorted longest first; the first hit is the best here
    if len(cands) < 2:
        return cands
    # most sentences' candidates do not overlap: when they come in ascending start order, each
    # would be chosen below (nothing chosen covers another's tokens), in this order
    for k in range(1, len(cands)):
        if cands[k].i0 <= cands[k - 1].i1:
            break
    else:
        return cands
    # resolve overlaps: prefer more elements, then earlier start
    cands.sort(key=lambda m: (-m.pattern.size, m.i0))
    taken: set[int] = set()
    chosen: list[_Match] = []
    for m in cands:
        span = range(m.i0, m.i1 + 1)
        if m.i0 in taken or m.i1 in taken:
            continue
        chosen.append(m)
        taken.update(span if m.pattern.size > 1 and m.i1 - m.i0 < 8 else (m.i0, m.i1))
    chosen.sort(key=lambda m: m.i0)
    return chosen


def _match_at(tokens: list[Word], i: int, n: int, pat: Pattern) -> int:
    """Index of the last token of ``pat`` matched from token ``i``, or -1."""
    pos = i
    gap = pat.rule.gap
    for k in range(1, pat.size):
        keys = pat.elements[k]
        if pat.gaps[k]:
            lim = min(n, pos + 2 + gap)
            if pat.gap_free:
                pos = _free_gap_end(tokens, pos, lim, n, keys, pat.gap_free)
                if pos < 0:
                    return -1
                continue
            for q in range(pos + 1, lim):
                tq = tokens[q]
                if tq.low in _PUNCT_BREAKS or tq.low == ".":
                    return -1
                if tq.lemma in keys or tq.low in keys:
                    pos = q
                    break
            else:
                return -1
        else:
            if pos + 1 >= n:
                return -1
            tq = tokens[pos + 1]
            if tq.lemma in keys or tq.low in keys:
                pos += 1
            else:
                return -1
    return pos


def _free_gap_end(tokens: list[Word], pos: int, lim: int, n: int, keys: frozenset[str], free: frozenset[str]) -> int:
    """:func:`_match_at`'s gap walk for a pattern with ``gap_free`` words: index of the token after
    ``pos`` that holds one of ``keys``, or -1. A time or place adverbial or a capitalised word
    ("firmaron este lunes en La Habana un acuerdo") does not count against the gap. A function of
    its own so that the languages without such words keep the plain loop."""
    q = pos + 1
    while q < lim:
        tq = tokens[q]
        if tq.low in _PUNCT_BREAKS or tq.low == ".":
            return -1
        if tq.lemma in keys or tq.low in keys:
            return q
        if (tq.cap or tq.low in free) and lim < n:
            lim += 1
        q += 1
    return -1


# ---------------------------------------------------------------------- actors in a sentence


def _mentions_by_field(actors: Sequence[ActorTag]) -> dict[TextField, list[tuple[int, int, ActorTag]]]:
    """Per field, its mentions as ``(start, end, actor)`` in text order, each nested mention
    dropped (the longer one around it is the better reading)."""
    by_field: dict[TextField, list[tuple[int, int, ActorTag]]] = {}
    for a in actors:
        for m in a.mentions:
            rows = by_field.get(m.field)
            if rows is None:
                rows = by_field[m.field] = []
            rows.append((m.start, m.end, a))
    for fld, out in by_field.items():
        out.sort(key=lambda x: (x[0], -x[1]))
        pruned: list[tuple[int, int, ActorTag]] = []
        for row in out:
            if pruned and row[0] < pruned[-1][1]:
                continue
            pruned.append(row)
        by_field[fld] = pruned
    return by_field


def _quote_mask(toks: list[Word]) -> list[bool]:
    """True for tokens inside quotation marks (a sentence may start inside an open quote)."""
    mask = [False] * len(toks)
    first_close = next((k for k, t in enumerate(toks) if t.low in _CLOSE_QUOTES or t.low in _OPEN_QUOTES), None)
    inside = first_close is not None and toks[first_close].low in _CLOSE_QUOTES
    for k, t in enumerate(toks):
        c = t.low
        if c in _OPEN_QUOTES:
            inside = True
        elif c in _CLOSE_QUOTES:
            inside = False
        elif c in _STRAIGHT_QUOTES:
            inside = not inside
        else:
            mask[k] = inside
    return mask


def _groups(
    toks: list[Word],
    mentions: list[tuple[int, int, ActorTag]],
    inq: list[bool],
    cues: Cues,
    matches: list[_Match],
    starts: list[int],
) -> list[_Group]:
    """Actor mentions of the sentence as participant groups with their syntactic clues
    (``starts``: the tokens' start offsets)."""
    if not mentions:
        return []
    spans: list[tuple[int, int, list[ActorTag]]] = []
    for m0, m1, actor in mentions:
        a = bisect_left(starts, m0)
        b = bisect_left(starts, m1, a)  # tokens [a, b) lie inside the mention
        if a < b:
            spans.append((a, b - 1, [actor]))
    if not spans:
        return []
    trigger_starts = {m.i0 for m in matches}
    # a modal of obligation ("the Sudanese government must ...") is a verb: the actor before it is
    # its subject, never a noun modifier of it as before a nominal trigger ("Russian strikes")
    noun_heads = {m.i0 for m in matches if m.pattern.rule.frame is None}
    coordinators, determiners = cues.coordinators, cues.determiners
    # merge coordinated mentions ("Britain and France") and same-country title chains; each
    # test below is only evaluated when the ones before it did not already merge the pair
    merged: list[tuple[int, int, list[ActorTag]]] = [spans[0]]
    for a, b, acts in spans[1:]:
        pa, pb, pacts = merged[-1]
        gap = a - pb - 1  # tokens between the two mentions
        join = False
        if gap > 0:
            # coordination: only coordinators and determiners between, at least one coordinator;
            # an indefinite article opens an apposition, not a list member ("Pakistan, a U.S.
            # ally, ...": "Britain, France and the United States" has none)
            coord = False
            comma_only = True
            for k in range(pb + 1, a):
                low = toks[k].low
                if low in coordinators:
                    coord = True
                    comma_only = comma_only and low == ","
                elif low not in determiners or low in cues.indefinite:
                    coord = False
                    break
            if (
                coord
                and comma_only
                and (
                    (b + 1 < len(toks) and toks[b + 1].lemma in cues.reporting)
                    or any(toks[k].lemma in cues.according for k in range(max(0, pa - 3), pa))
                )
            ):
                # "... on a school in Gaza, Palestinian officials said", "According to Kyiv's air
                # force, Russia launched ...": the comma ends a clause and one side is the
                # reporter, not a member of a list
                coord = False
            join = coord
        if not join and gap <= 3:
            # a title chain of capitalised words (no trigger among them) within one country;
            # with nothing between, two mentions of one country are one participant too
            for k in range(pb + 1, a):
                if not toks[k].cap or k in trigger_starts:
                    break
            else:
                join = {x.country for x in pacts} == {x.country for x in acts}
        if not join and gap <= 2 and a not in trigger_starts and _no_country(acts) and _all_have_country(pacts):
            # "Iraq's interim government", "Israeli intelligence officials": a role actor
            # without a country takes the country mention that qualifies it (not when the
            # role word starts a trigger: "Germany Expands Intelligence Sharing")
            join = True
            for k in range(pb + 1, a):
                t = toks[k]
                low = t.low
                if (
                    not (low in cues.possessive or low.isalpha())
                    or low in cues.preps
                    or low in coordinators
                    or low in cues.clause_breaks
                    or low in cues.relative_that  # "claims from Ukraine that its troops ..."
                    or t.lemma in cues.reporting  # "Kenya's minister told journalists": two parties
                    or k in trigger_starts
                ):
                    join = False
                    break
        if join:
            merged[-1] = (pa, b, pacts + acts)
        else:
            merged.append((a, b, acts))
    groups: list[_Group] = []
    n = len(toks)
    for a, b, acts in merged:
        prep = _governing_prep(toks, a, cues)
        nxt = toks[b + 1] if b + 1 < n else None
        poss = nxt is not None and nxt.low in cues.possessive
        reporter = nxt is not None and nxt.lemma in cues.reporting and not poss
        if not reporter:
            for k in range(max(0, a - 3), a):
                if toks[k].lemma in cues.according:
                    reporter = True
                    break
        if not reporter and not poss:
            reporter = _attribution_phrase(toks, a, b, cues)
        if not reporter and a > 0 and all(x.role == "MED" for x in acts):
            reporter = _press_addressee(toks, a, cues)
        modifier = False
        if (b + 1) in noun_heads and a > 0:
            prev = toks[a - 1]
            modifier = (
                not prev.cap
                and prev.low not in coordinators
                and prev.lemma not in cues.reporting
                and prev.low not in cues.clause_breaks
                and prev.low != "that"
            )
        ids: list[str] = []
        countries: set[str] = set()
        place = True
        stateless = True
        firm = True
        for x in acts:
            # each pydantic attribute read once: a generic lookup, and groups are built per sentence
            aid = x.actor_id
            typ = x.type
            if typ is not _COMPANY or aid.startswith("---"):
                firm = False
            if aid not in ids:
                ids.append(aid)
            if x.country:
                countries.add(x.country)
                stateless = False
            elif x.role not in _STATE_ROLES:
                stateless = False
            if typ is not _PLACE:
                place = False
        groups.append(
            _Group(
                t0=a,
                t1=b,
                actor_ids=tuple(ids),
                countries=frozenset(countries),
                prep=prep,
                possessive=poss,
                in_quote=inq[a],
                reporter=reporter,
                modifier=modifier,
                place=place,
                stateless=stateless,
                firm=firm,
                individual=(
                    a > 0
                    and toks[a - 1].low in cues.indefinite
                    and len(acts) == 1
                    and not countries
                    and acts[0].actor_id.startswith("---")
                    and acts[0].role not in _OFFICIAL_ROLES
                ),
            )
        )
    return groups


_RECIPROCAL = "+reciprocal"


def _reciprocal_marker(toks: list[Word], i0: int, i1: int, cues: Cues) -> bool:
    """Whether a reciprocal phrase ("each other", "mutuamente", "sich gegenseitig") stands next to
    the trigger ``toks[i0..i1]``: a few words before it (fr "se sont mutuellement accusés"),
    inside it (de "warfen sich gegenseitig vor") or right after it ("accused each other")."""
    lo = max(0, i0 - 3)
    hi = min(len(toks), i1 + 4)
    for k in range(lo, hi):
        for seq in cues.reciprocal:
            if k + len(seq) <= hi and all(toks[k + q].low == w for q, w in enumerate(seq)):
                return True
    return False


def _split_reciprocal(events: list[EventTag], actors: Sequence[ActorTag]) -> list[EventTag]:
    """Each reciprocal event (see :data:`_RECIPROCAL`) as one event per side of its compound
    source, aimed at the other sides: "Israel and Hamas accused each other" is Israel accusing
    Hamas and Hamas accusing Israel. A side is the source's actors of one country ("France's
    Macron and Germany's Scholz"), or one actor of none; a source of one side stays as it was."""
    country = {a.actor_id: a.country for a in actors}
    out: list[EventTag] = []
    for ev in events:
        if not ev.rule_id.endswith(_RECIPROCAL):
            out.append(ev)
            continue
        sides: dict[str, list[str]] = {}
        for aid in ev.source:
            sides.setdefault(country.get(aid) or aid, []).append(aid)
        rid = ev.rule_id[: -len(_RECIPROCAL)]
        if len(sides) < 2:
            out.append(_copy(ev, {"rule_id": rid}))
            continue
        for key, side in sides.items():
            others = [aid for k2, ids in sides.items() if k2 != key for aid in ids]
            out.append(_copy(ev, {"source": side, "target": others, "rule_id": rid + _RECIPROCAL}))
    return out


def _coordinated_predicate(toks: list[Word], i0: int, cues: Cues) -> bool:
    """Whether the verb at ``i0`` is the second of two predicates joined by a conjunction ("...
    and offered", "... and later urged", "... and offered to host"): a word conjunction, not a
    comma, right before it (past adverbs such as "later", "then", "also", and past the verb
    whose infinitive it is)."""
    k = i0 - 1
    if k >= 1 and toks[k].low in cues.infinitive and toks[k - 1].low.isalpha() and not toks[k - 1].cap:
        k -= 2  # "... and offered to host talks": the verb governing the infinitive
    while k >= 0 and k >= i0 - 5 and (toks[k].low.endswith("ly") or toks[k].low in _SEQUENCE_ADVERBS):
        k -= 1
    return k > 0 and toks[k].low.isalpha() and toks[k].low in cues.coordinators


def _before_first_object(before: list[_Group], toks: list[Word], cues: Cues) -> list[_Group]:
    """``before`` cut at the first object of a verb that follows a possible subject: in
    "Erdogan hosted Ukraine's President Zelenskiy ... and offered", "Ukraine's" is the object of
    "hosted" and the names after it belong to that object, not to a new subject."""
    subject_seen = False
    for n, g in enumerate(before):
        if _object_position(toks, g.t0, cues):
            if subject_seen:
                return before[:n]
        elif g.prep is None:
            subject_seen = True
    return before


_SEQUENCE_ADVERBS = frozenset({"later", "then", "also", "subsequently", "afterwards", "again"})


def _compound_modifier(t: Word, cues: Cues) -> bool:
    """Whether ``t`` is a lower-case hyphenated compound ("two-day", "high-level", "closed-door",
    "48-hour"): before a noun in a language whose adjectives precede it, such a word is an
    adjective, so "after a two-day meeting" is background as "after a meeting" is."""
    low = t.low
    return (
        not cues.postposed_adjectives
        and not t.cap
        and 0 < low.find("-") < len(low) - 1
        and low.replace("-", "").isalnum()
    )


def _press_addressee(toks: list[Word], a: int, cues: Cues) -> bool:
    """Whether the media mention starting at ``a`` is whom a statement was made to: "told
    reporters in Abuja", "said to journalists". The press there hears the news; it is no party
    to an event of the sentence (a meeting, talks), so it is read like a reporter."""
    k = a - 1
    if k >= 0 and toks[k].low in cues.determiners:
        k -= 1
    if k >= 0 and toks[k].low in cues.prep_classes.get("to", ()):
        k -= 1  # "said to reporters"
    return k >= 0 and toks[k].lemma in cues.reporting


def _attribution_phrase(toks: list[Word], a: int, b: int, cues: Cues) -> bool:
    """Whether the mention ``toks[a..b]`` qualifies the head noun of a clause-opening reporter:
    "..., Thai military sources said", "..., a Saudi-owned weekly reports", "Gaza health officials
    said". A few lower-case words (the reporting noun) lie between it and the reporting verb, and
    the phrase opens the sentence or follows a comma: the actor says who reports the event, and is
    no target of it. A mention right before the verb is a reporter already (``_groups``)."""
    k = a - 1
    while k >= 0 and toks[k].low in cues.determiners:
        k -= 1
    if k >= 0 and toks[k].low != ",":
        return False
    return _reaches_report(toks, b, cues)


def _reaches_report(toks: list[Word], b: int, cues: Cues) -> bool:
    """Whether one to three lower-case words after ``toks[b]`` (a noun phrase's head: "sources",
    "weekly", "health officials") lead to a reporting verb."""
    n = len(toks)
    for q in range(b + 1, min(n, b + 5)):
        t = toks[q]
        if t.lemma in cues.reporting:
            return q > b + 1
        low = t.low.lstrip("-")
        if (
            not low.replace("-", "").isalpha()
            or t.cap
            or low in cues.preps
            or low in cues.coordinators
            or low in cues.clause_breaks
            or low in cues.relative_that
            or low in cues.determiners
        ):
            return False
    return False


# Loops, not all(<generator>): mypyc (1.x) compiles all() over these optional-str tests to code that
# reads an uninitialised variable (gcc -Werror stops the optional compiled build, setup.py).
def _no_country(acts: list[ActorTag]) -> bool:
    for x in acts:  # noqa: SIM110
        if x.country is not None:
            return False
    return True


def _all_have_country(acts: list[ActorTag]) -> bool:
    for x in acts:  # noqa: SIM110
        if not x.country:
            return False
    return True


def _governing_prep(toks: list[Word], a: int, cues: Cues) -> str | None:
    """The preposition governing a mention, skipping determiners and capitalised titles.

    A title stands after the determiner ("by the French President X"), never before it: a
    capitalised word before a skipped determiner ends another phrase ("said on Monday the rebels
    had shelled ...": "the rebels" are the subject, not governed by "on")."""
    k = a - 1
    steps = 0
    det = toks[a].low in cues.determiners  # a mention may start with its article ("the rebels")
    while k >= 0 and steps < 4:
        t = toks[k]
        if t.low in cues.preps:
            if cues.place_heads and k >= 2 and t.low in cues.prep_classes.get("of", ()):
                outer = _place_head_prep(toks, k - 1, cues)
                if outer is not None:
                    return outer
            return t.low
        if t.low in cues.clause_breaks:
            return None
        if det and t.cap and t.low not in cues.determiners and t.low not in cues.possessive:
            return None
        if t.low in cues.determiners:
            det = True
        if t.low in cues.determiners or (t.cap and k > 0) or t.low in cues.possessive:
            k -= 1
            steps += 1
            continue
        return None
    return None


def _place_head_prep(toks: list[Word], h: int, cues: Cues) -> str | None:
    """The preposition before a place noun at ``h`` that an "of" phrase names ("in the northern
    town of Cizre"): the name is that preposition's object, as in "in Cizre". None when the noun
    is no place noun or no preposition stands before it (past its article and lower-case
    adjectives): "the mayor of Kyiv" is governed by "of"."""
    if toks[h].low not in cues.place_heads:
        return None
    k = h - 1
    while k >= 0 and h - k <= 4:
        t = toks[k]
        if t.low in cues.preps:
            return t.low
        if t.low in cues.determiners or (t.low.isalpha() and not t.cap):
            k -= 1
            continue
        return None
    return None


def _first_subject(groups: list[_Group]) -> _Group | None:
    for g in groups:
        if g.prep is None and not g.modifier and not g.in_quote:
            return g
    return None


def _speaker_of(toks: list[Word], groups: list[_Group], inq: list[bool], cues: Cues) -> _Group | None:
    """Who is speaking in this sentence, if it says, so "we"/"our" in later quotes can be attributed."""
    reporting = cues.reporting
    for k, t in enumerate(toks):
        if t.lemma not in reporting or inq[k]:
            continue
        for g in reversed(groups):  # subject before the verb: "A Downing Street spokesman added"
            if g.t1 < k and k - g.t1 <= 4 and g.prep is None and not g.in_quote:
                return g
        for g in groups:  # "..., said Smith" / "according to Smith"
            if g.t0 > k and g.t0 - k <= 3 and not g.in_quote:
                return g
    return None


# ---------------------------------------------------------------------- one event


def _build_event(
    text: str,
    fld: TextField,
    toks: list[Word],
    trigger: tuple[int, int],  # character offsets of the matched trigger
    groups: list[_Group],
    inq: list[bool],
    m: _Match,
    cues: Cues,
    lr: LanguageRules,
    disc: _Discourse,
    sentence: Span,
    speech_at: list[int],
    trigger_ends: list[tuple[int, PloverType]],
    in_mention: set[int],
    marks: tuple[bool, bool, bool, bool] = (True, True, True, True),
) -> tuple[EventTag, bool] | None:
    """The event a trigger match codes (None when vetoed), and whether a main-clause verb asserts it
    in the active voice against a known party, so that it stands even with no named doer."""
    rule: Rule = m.pattern.rule
    i0, i1 = m.i0, m.i1
    n = len(toks)
    # ---- vetoes
    if (
        i0 > 0
        and fld is TextField.BODY
        and toks[i0].cap
        and toks[i0 - 1].low.isalnum()
        and cues.lang not in _NOUNS_CAPITALISED
    ):
        # a capitalised trigger after a word is part of a name: "fined Shell over a spill",
        # "Royal Dutch Shell shares", "the Tet Offensive" (headlines are title case,
        # and German capitalises every noun, so neither is read this way)
        return None
    if rule.not_before:
        for k in range(i0 - 1, max(-1, i0 - 3), -1):
            if k in in_mention:
                # "Market traders protest": the word before an actor qualifies the actor, not
                # the trigger ("market protest" would be a market rally)
                break
            if k < i0 - 1 and toks[i0 - 1].cap and not toks[i0].cap:
                # "France on Tuesday backed ...": the word before a name or a day belongs to it
                break
            t = toks[k]
            if t.lemma in rule.not_before or t.low in rule.not_before:
                return None
    if rule.not_after:
        for t in toks[i1 + 1 : i1 + 4]:
            if t.lemma in rule.not_after or t.low in rule.not_after:
                return None
    if rule.object_vetoes and _object_vetoed(toks, i0, i1, rule, cues):
        return None
    if i1 > i0 + 1 and True in m.pattern.gaps and _gap_crosses_clause(toks, m, cues):
        return None  # "halts shelling as talks begin": the talks are not what is halted
    if rule.requires:
        for t in toks[max(0, i0 - rule.window) : i0]:
            if t.lemma in rule.requires:
                break
        else:
            return None

    # ---- negation and modality: a short window before the trigger, within the clause
    negated = False
    neg_verb = -1  # index of a negating verb ("denied", "refused") in the window
    modality: str | None = None
    cue_modality = cues.modality
    scope_words = cues.scope_words
    for k in range(i0 - 1, max(-1, i0 - _MODAL_WINDOW), -1):
        if k in in_mention:
            # an actor's name is neither a cue nor a boundary: "No 10" is no negation, and the
            # lemma 'state' of "the United States" is no reporting verb ending the scope
            continue
        t = toks[k]
        low, lem = t.low, t.lemma
        if low not in scope_words and lem not in scope_words:
            continue  # no test below can fire on this word (most words)
        if low in cues.conditional or (low in cues.inversion and _inverted(toks, k, cues, in_mention)):
            # "if Moscow attacks", "asked whether Kyiv would retreat": a condition or an open
            # question, not a report; and not a threat by its subject either (the threat reading
            # takes "possible", which "could"/"may" give), so it has a modality of its own.
            # "Should Moscow attack ..." states the same condition by inversion
            modality = modality or "condition"
            break
        if low in {",", ";", ":"} or low in cues.clause_breaks or lem in cues.reporting:
            if lem in cues.denial_markers:
                # "denied reports that it had ...": the report is the object of a denial
                for q in range(k - 1, max(-1, k - 3), -1):
                    if toks[q].lemma in cues.denial_verbs:
                        negated, neg_verb = True, q
                        break
                    if toks[q].low not in cues.determiners:
                        break
            break  # scope ends at the clause boundary and at "said" (the speech act's own verb)
        if low in cues.relative_that and not negated:
            q = _denied_report(toks, k, cues, in_mention)
            if q >= 0:
                negated, neg_verb = True, q
                break
        if k < i0 - 1 and low in cues.preps and low not in cues.prep_classes.get("of", ()):
            nxt = toks[k + 1]
            if not (low in cues.infinitive and nxt.low == nxt.lemma and not nxt.cap and nxt.low.isalpha()):
                # "will prevent it from defending against Russian air strikes": a preposition
                # between the modal and the trigger puts the trigger outside the modal's scope;
                # an infinitive does not ("prepared to resume shelling", "plans to launch")
                break
        if low in cues.negation or lem in cues.negation or lem in cues.negation_verbs:
            negated = True
            if lem in cues.negation_verbs and neg_verb < 0:
                neg_verb = k
        if modality is None:
            modality = cue_modality.get(lem) or cue_modality.get(low)
    if rule.modality:
        modality = rule.modality
    elif (
        modality is None
        and fld is _HEADLINE
        and i0 >= 2
        and toks[i0 - 1].low in cues.infinitive
        and (i0 - 2) in in_mention
        and not negated
    ):
        # "Sudan to withdraw troops", "Rebels to free hostages": a headline's "X to do Y" is an
        # announced future act (only right after a party's name: "Troops begin to withdraw" has
        # a verb of its own before "to")
        modality = "future"
    elif modality is None and marks[3] and i0 >= 2:
        # "a proposal for talks between X and Y", "plans for a summit": the event is the content
        # of a proposal, not something that happened
        k = i0 - 1
        while k > 0 and (toks[k].low in cues.determiners or toks[k].low in cues.nominal_modifiers):
            k -= 1
        if k > 0 and toks[k].low in ("for", "of") and toks[k - 1].low in cues.proposal_heads:
            modality = "proposed"
    if (
        negated
        and neg_verb >= 0
        and (toks[i0].lemma in cues.denial_markers or toks[i0].low in cues.denial_markers)
        and i1 + 1 < n
        and toks[i1 + 1].low in cues.agent
        and all(t.low in cues.determiners or (t.low.isalpha() and not t.cap) for t in toks[neg_verb + 1 : i0])
    ):
        # "denied / rejected (the) accusations by X": what is denied is their content; that X
        # made them is what the sentence reports (without their author they stay negated: the
        # denier would otherwise be read as their source)
        negated, neg_verb = False, -1
    if neg_verb >= 0 and toks[neg_verb].lemma in cues.denial_verbs and _denial(toks, neg_verb, i0, cues):
        modality = DENIED
    elif (modality == "future" or modality == "intent") and marks[2] and not negated:
        # "will withdraw from the treaty unless Washington halts the tests": an ultimatum
        for t in toks[i1 + 1 : i1 + 1 + _ULTIMATUM_REACH]:
            if t.low in cues.ultimatum:
                modality = "threat"
                break
            if t.low == ";" or t.low in cues.clause_breaks:
                break

    trig = toks[i0]
    prev = toks[i0 - 1] if i0 > 0 else None
    # ---- voice and nominal use
    passive = False
    k = i0 - 1
    while k >= 0 and k >= i0 - 3 and (toks[k].low.endswith("ly") or toks[k].low in cues.negation):
        k -= 1
    # "raises", "pushes": a present-tense -s form is inflected but never a participle
    participle = (
        trig.low != trig.lemma
        and not trig.low.endswith("ing")
        and trig.low != trig.lemma + "s"
        and trig.low != trig.lemma + "es"
    )
    if k >= 0 and toks[k].lemma in cues.passive_aux and participle:
        # "is committed to supporting Ukraine": a participle of resolve before an infinitive
        # says what the subject means to do, so the subject stays the source
        passive = not (trig.low in cues.stative_participles and i0 + 1 < n and toks[i0 + 1].low in cues.infinitive)
    elif (
        participle
        and rule.direct_object
        and i1 + 1 < n
        and (toks[i1 + 1].low in cues.agent or toks[i1 + 1].low in cues.reduced_passive)
        and prev is not None
        and prev.low not in cues.determiners
    ):
        passive = True  # reduced relative: "officials accused of ...", "a town shelled by ..."
    # nominal use: a determiner/preposition before the trigger, past numbers and adjectives
    k = i0 - 1
    while k >= 0 and k >= i0 - 3 and (toks[k].low.isdigit() or toks[k].low in cues.nominal_modifiers):
        k -= 1
    if k >= 2 and _compound_modifier(toks[k], cues):
        # "told reporters after a two-day meeting": a noun in a background phrase, as "after a
        # meeting" is (only there: "went on a 24-hour strike" keeps its verb reading)
        bk = k - 1
        while bk >= 2 and _compound_modifier(toks[bk], cues):
            bk -= 1
        if toks[bk].low in cues.determiners and toks[bk - 1].low in cues.background:
            k = bk
    before_tok = toks[k] if k >= 0 else None
    before_k = k
    nominal = (
        (bool(cues.nominal_prefixes) and trig.low.startswith(cues.nominal_prefixes))
        or (
            # "denied accusations by X": an event noun named with its author, no article needed
            bool(cues.nominal_suffixes)
            and i0 == i1
            and trig.low.endswith(cues.nominal_suffixes)
            and i1 + 1 < n
            and toks[i1 + 1].low in cues.agent
        )
    ) or (
        before_tok is not None
        and (
            before_tok.low in cues.determiners
            or before_tok.low in cues.possessive
            # a gerund after a preposition keeps its clause subject ("the process of
            # withdrawing"), and so does an infinitive ("agrees to remove restrictions")
            or (
                before_tok.low in cues.preps
                and not trig.low.endswith("ing")
                and not (before_tok.low in cues.infinitive and trig.low == trig.lemma)
            )
        )
    )
    if not negated and before_tok is not None and before_tok.low in cues.nonspecific:
        # "any attack on a member state would ...", "every strike on a hospital is a war crime":
        # a kind of act under a free-choice determiner, not one the sentence reports
        return None
    if (
        nominal
        and i0 == i1
        and trig.low.endswith("ed")
        and trig.low != trig.lemma
        and before_tok is not None
        and before_tok.low not in cues.infinitive
        and i1 + 1 < n
        and (i1 + 1) not in in_mention
        and toks[i1 + 1].low.isalpha()
        and not toks[i1 + 1].cap
        and toks[i1 + 1].low not in cues.preps
        and toks[i1 + 1].low not in cues.agent
        and toks[i1 + 1].low not in cues.coordinators
    ):
        # "in occupied regions", "the banned party": a participle used as an adjective describes
        # a state of its noun, not an act reported here
        return None
    if not nominal and cues.agent_noun_suffixes and m.pattern.size == 1 and _agent_noun(trig.lemma, cues, lr):
        nominal = True  # "police dispersed demonstrators": the trigger is the object, not a verb
    if nominal and before_tok is not None and before_tok is not prev:
        prev = before_tok  # possessive pronouns are looked for before the modifiers
    light = False
    if nominal:
        # "held a phone call", "launched an attack": the light verb makes the clause verbal
        for k in range(i0 - 1, max(-1, i0 - 5), -1):
            if toks[k].lemma in cues.light_verbs:
                light = True
                break
            if toks[k].low in cues.preps or toks[k].low in {",", ";"}:
                # "claimed responsibility for the bombing": its subject is the bomber; "denied /
                # has not claimed responsibility for ...": the act stands, with no doer named
                light = (
                    k > 0 and toks[k - 1].low in cues.responsibility_nouns and not _negated_before(toks, k - 1, cues)
                )
                break
        if not light and cues.travel_verbs:
            light = _travel_purpose(toks, i0, cues)

    trigger_in_quote = inq[i0]
    confidence = rule.confidence
    source: _Group | None = None
    target_ids: tuple[str, ...] = ()
    target_group: _Group | None = None
    resolved = False

    before: list[_Group] = []
    after: list[_Group] = []
    # the first clause boundary after the trigger, looked for only as far as a target or a
    # complement may lie, and only when some actor follows the trigger
    brk = _first_break(toks, i1 + 1, i1 + _COMPLEMENT_WINDOW, cues) if groups and groups[-1].t0 > i1 else n
    for g in groups:
        if g.t1 < i0:
            if i0 - g.t1 <= _SOURCE_WINDOW:
                before.append(g)
        elif g.t0 > i1 and g.t0 - i1 <= _TARGET_WINDOW and brk >= g.t0:
            after.append(g)  # the window is cut at clause boundaries after the trigger
    agent: _Group | None = None
    for g in after:
        if g.prep in cues.agent:
            agent = g
            break

    poss: _Group | None = None
    # adjacent actor before the trigger: "Russian air strikes", "(against) Russia strikes"
    modifier: _Group | None = None
    for g in reversed(before):
        if modifier is None and i0 - g.t1 == 1:
            modifier = g
        if poss is None and g.possessive and 0 < i0 - g.t1 <= 4:
            for q in range(g.t1 + 2, i0):
                if toks[q].cap or (toks[q].low in cues.coordinators and toks[q].low.isalpha()):
                    break  # "praised Saudi Arabia's support and struck a deal": another verb
            else:
                poss = g
        if poss is not None and (modifier is not None or i0 - g.t1 > 1):
            break
    if cues.verb_initial:
        # head-initial noun phrases: the possessor follows the noun ("هجوم روسيا", Russia's attack)
        modifier = next((g for g in after if g.t0 - i1 == 1), None) if nominal else None
    elif cues.postposed_adjectives and modifier is None and (nominal or not trig.lemma.endswith(cues.verb_endings)):
        # "ataque israelense", "frappes russes": a bare lower-case actor (a nationality adjective)
        # right after the event noun names the doer, as "Israeli attack" does before it
        modifier = next(
            (g for g in after if g.t0 - i1 == 1 and g.prep is None and not toks[g.t0].cap and not toks[g.t1].cap),
            None,
        )

    # a clause-final verb after its auxiliary (German): its nearest actor is its object
    final = _middle_field(before, toks, i0, cues, trigger_in_quote) if cues.final_verb_aux and not nominal else None
    if rule.frame == "obligation":
        target_group = _nearest_subject(before, toks, i0, cues, trigger_in_quote)
        source = _reporter(toks, groups, inq, cues, target_group, disc, trigger_in_quote)
        if source is None or target_group is None or source.actor_ids == target_group.actor_ids:
            return None
    elif passive:
        source = agent
        patient = _nearest_subject(before, toks, i0, cues, trigger_in_quote)
        if patient is not None:
            target_group = patient
        if source is None and rule.place_doer:
            source = _place_doer(toks, groups, patient, i0, i1, cues)
    elif agent is not None and nominal:
        source = agent
    elif poss is not None:
        source = poss
    elif (
        modifier is not None
        and trig.low in cues.target_adjuncts
        and _named_target(toks, i0, i1, modifier, in_mention, cues)
    ):
        # "align with Russia sanctions": a country's name before the measure's noun is its target
        target_group = modifier
    elif (
        modifier is not None
        and final is None
        and not (
            modifier.prep is not None
            and not nominal
            and trig.low.endswith("ing")
            and modifier.prep not in cues.prep_classes.get("of", ())
        )
    ):
        # a noun modifier names the doer ("Russian strikes", "against Russia strikes"), but a
        # participle clause after a prepositional phrase belongs to the clause's subject:
        # "marched in Nairobi demanding ...": the marchers demand, not the city
        source = modifier
    elif nominal and prev is not None and prev.low in cues.possessive_pronouns and not light:
        source = _resolve_pronoun(prev.low, groups, toks, i0, trigger_in_quote, disc, cues)
        resolved = True
    elif not nominal or light:
        pron = _pronoun_before(toks, before, i0, cues)
        if pron is not None:
            source = _resolve_pronoun(pron, groups, toks, i0, trigger_in_quote, disc, cues)
            resolved = True
        elif not (cues.inception_verbs and _begins(toks, i1, cues)):
            # (a trigger followed by "begins", "erupted" is that verb's subject, a noun: "as
            # protests erupted" takes no subject from the clause before)
            subjects = before
            if len(before) > 1 and _coordinated_predicate(toks, i0, cues):
                # "Erdogan hosted Zelenskiy in Ankara and offered to host talks": the second verb
                # shares the first one's subject; the first one's object does not offer
                subjects = _before_first_object(before, toks, cues)
            source = _nearest_subject(subjects, toks, i0, cues, trigger_in_quote)
            if final is not None:
                source = final[0]
                if rule.direct_object and target_group is None:
                    target_group = final[1]
            if source is not None and _own_subject(toks, source.t1, i0, cues, in_mention):
                source = None
            if source is None and trigger_in_quote and disc.speaker is not None:
                source, resolved = disc.speaker, True
    elif any(t.low in cues.speaker_pronouns for t in toks[max(0, i0 - 2) : i0]) and trigger_in_quote:
        source, resolved = disc.speaker, True

    if source is None and not passive and fld is TextField.HEADLINE and before:
        # "Nigeria and Germany Expand Intelligence Sharing": a headline drops articles and
        # capitalises its verb, so a nominal trigger often stands where an object would; the
        # headline's subject (its first bare actor before the trigger) is the one who acts
        source = _headline_subject(before, toks, i0)
        if source is not None and source.countries and cues.inception_verbs and _begins(toks, i1, cues):
            # "Kenya imposes curfew as protests erupt": the act is the subject of its own
            # inception verb; a state named in the other clause is not who protests or strikes
            # (a union, workers or students named there may be: "Union talks fail as strike begins")
            source = None
    if (
        i0 >= 2
        and toks[i0 - 1].low in cues.infinitive
        and toks[i0 - 2].low in cues.object_pronouns
        and toks[i0 - 2].low not in cues.subject_pronouns
    ):
        # "pushing him to accept a truce": the doer is "him", whom we cannot name safely here
        source = None
    if cues.verb_initial and not passive and not nominal and after:
        # VSO (Arabic news style): "هاجمت روسيا كييف" - the subject follows the verb
        first = after[0]
        if first.prep is None and first.t0 - i1 <= 2 and (source is None or source.t1 < i0 - 3):
            source = first
            after = after[1:]

    # ---- target
    tprep = lr.target_tokens.get(rule.id, frozenset())
    if (
        target_group is None
        and (rule.direct_object or rule.plover is PloverType.AID)
        and i1 > i0 + 1
        and (not nominal or light)
        and not passive
    ):
        # a gapped trigger around its object: "expelled two Somalia diplomats", "froze Russian
        # assets": the actor inside the gap, as a bare noun modifier, is the one acted upon; an
        # aid verb's first object is its recipient ("will give Tanzania a grant"). Looked for
        # first: the object outranks a phrase after the trigger ("detained two Swedish
        # journalists at Istanbul airport")
        for g in groups:
            if g.t0 > i0 and g.t1 <= i1 and g.prep is None and g is not source:
                if not rule.direct_object and (g.t1 >= i1 or not g.countries):
                    continue  # "provide frontline soldiers": the last word is what is given
                target_group = g
                break
    if target_group is None:
        for g in after:
            if source is not None and g.actor_ids == source.actor_ids:
                continue
            if g is agent or g.reporter:
                continue
            if g.prep is not None and g.prep in tprep:
                target_group = g
                break
            if (
                (g.prep is None or g.prep in cues.object_markers)
                and rule.direct_object
                and (not nominal or light)
                and g.t0 - i1 <= 3
            ):
                target_group = g
                break
    if (
        target_group is None
        and rule.quad_class >= 3
        and source is not None
        and i1 + 1 < n
        and toks[i1 + 1].low in cues.possessive_pronouns
        and toks[i1 + 1].low not in cues.speaker_pronouns
    ):
        # "Ukraine said Russia had attacked its energy grid": nobody attacks or accuses its own,
        # so the possessor is the sentence's other subject, here the one reporting it
        for g in groups:
            if g.t1 >= i0:
                break
            if g is not source and g.prep is None and not g.in_quote and not (g.countries <= source.countries):
                target_group, resolved = g, True
                break
    if target_group is None and i1 + 1 < n and toks[i1 + 1].low in cues.object_pronouns:
        src_c = source.countries if source is not None else frozenset()
        for g in reversed(before):
            if g is source or (src_c and g.countries <= src_c) or g.reporter:
                continue
            target_group = g
            resolved = True
            break
    complement = False
    if target_group is None and not (rule.reciprocal and source is not None and len(source.actor_ids) > 1):
        # "demanded that the United States ...", "threatened to break relations with Russia":
        # the first other actor in the complement is the one the act is aimed at
        for g in groups:
            if g.t0 <= i1 or g.t0 - i1 > _COMPLEMENT_WINDOW or g.reporter:
                continue
            if g is agent and (passive or nominal or any(t.low == "," for t in toks[i1 + 1 : g.t0])):
                # the agent of a passive or of an event noun is its source; past a comma it
                # belongs to another clause ("exchanged prisoners, mediated by the UAE")
                continue
            # an active verb's object noun may name its author in a "by" phrase: "rejected calls
            # by Minsk for aid", "condemned the attack by Russia": that author is the target
            if source is not None and (g.actor_ids == source.actor_ids or g.countries <= source.countries):
                continue
            if brk < g.t0:  # a clause boundary between the trigger and this actor
                break
            if (
                g.t1 + 1 < n
                and toks[g.t1 + 1].low in cues.target_adjuncts
                and _named_target(toks, g.t1 + 1, g.t1 + 1, g, in_mention, cues)
            ):
                continue  # "demand to align with Russia sanctions": Russia is the measure's target
            target_group, complement = g, True
            break
    if (
        source is None
        and rule.reciprocal
        and target_group is not None
        and len(target_group.actor_ids) > 1
        and not negated
        and target_group.t0 - i1 <= 3
        and target_group.prep in cues.prep_classes.get("between", ())
    ):
        # "talks between Russia and Ukraine": both sides act; PLOVER codes a reciprocal event
        # as a compound source with no target. Only right after the trigger and when asserted:
        # "rejected an offer to host a summit ... for peace between X and Y" is not their act
        source, target_group = target_group, None
        if modality in ("future", "intent"):
            # "Turkey will host a meeting between X and Y": the intent is the host's; for X and Y
            # the meeting is only planned, so it gets no intent (AGREE) reading of its own
            modality = "planned"
    if (
        source is None
        and nominal
        and not light
        and target_group is not None
        and not passive
        and target_group.prep in _locative(cues)
        and before_tok is not None
        and before_tok.low in cues.definite
    ):
        # "a pause in the bombing in Aleppo": a definite, unattributed event noun refers back
        # to something already known, and a place in a locative phrase only says where it was;
        # that is no new event with a target ("a firefight in ..." is new and stays)
        target_group = None
    if (
        source is not None
        and not source.countries
        and source.t0 > 0
        and toks[source.t0 - 1].low in cues.possessive_pronouns
    ):
        # "Russia said its forces had struck ...": forces of no named country act for the party
        # the possessive refers to (the clause's subject), as "Russian forces" would
        owner = _resolve_pronoun(toks[source.t0 - 1].low, groups, toks, source.t0, trigger_in_quote, disc, cues)
        if owner is not None and owner is not source and owner.countries:
            source = owner
    if source is not None and source.individual:
        # "a protester demolished the building": one unnamed person is no PLOVER actor; what
        # the act did to a party (a target) can still make it an event
        source = None
    if target_group is not None and target_group.stateless:
        # "protesters attacked the embassy", "accused parliament of stalling": an embassy or a
        # parliament of no known country names no party the act was aimed at
        target_group = None
    if target_group is not None:
        target_ids = target_group.actor_ids
    source_ids = source.actor_ids if source is not None else ()
    if source is not None and target_group is not None and source_ids == target_ids:
        target_ids = ()
    if source_ids and target_ids:
        # an actor is never its own target within one event
        target_ids = tuple(t for t in target_ids if t not in source_ids)

    fallback = False
    if source_ids and not target_ids and rule.plover in _SPEECH_TYPES:
        prior = disc.last_targets.get(frozenset(source_ids))
        if prior:
            target_ids, fallback = prior, True
    if not target_ids and len(source_ids) > 1 and rule.reciprocal:
        pass  # PLOVER reading of "X and Y met": compound source, no target

    # "after protests", "following the killing of ..."
    background = not light and (
        (before_tok is not None and before_tok.low in cues.background)
        or (before_k >= 1 and toks[before_k].low in cues.determiners and toks[before_k - 1].low in cues.background)
    )
    if background and rule.quad_class == 4 and cues.inception_verbs and _begins(toks, i1, cues):
        # "... as a rail strike begins": a conflict that starts now is news. A cooperative
        # process starting ("hostilities stop as talks begin") stays the setting of the main act
        background = False
    if background and nominal and not source_ids:
        return None  # "following the killing of ...": an earlier, unattributed act, not the news
    # "after a June 30 coup toppled ...", "a resolution that aims to tighten sanctions": the
    # clause is context for the sentence's news, not the news itself
    subordinate = (
        not background
        and marks[0]
        and _subordinate(toks, before_k + 1 if nominal else i0, cues)
        and not (rule.quad_class == 4 and cues.inception_verbs and _begun_as(toks, i0, i1, cues))
    )
    if marks[1] and _purpose(toks, before_k + 1 if nominal else i0, cues):
        return None  # "a trip aimed at pushing for a ceasefire": a goal, not something that happened
    if subordinate and not source_ids:
        return None
    # ---- confidence
    confidence += 0.1 if source_ids else -0.15
    confidence += 0.05 if target_ids else 0.0
    if resolved or complement:
        confidence -= 0.05
    if fallback:
        confidence -= 0.15
    for s in speech_at:
        if 0 < i0 - s <= 6:
            confidence -= 0.2  # embedded in a speech act ("condemned the attack"): secondary
            break
    else:
        if nominal and not light:
            for e, e_type in trigger_ends:
                gap = i0 - e
                if 5 < gap <= _ARGUMENT_REACH + _MENTION_SLACK:
                    # an actor's name counts as one word: "made concessions to the Kenyan
                    # government on peace talks" has the talks as the concessions' argument
                    for q in range(e + 1, i0):
                        if q in in_mention and q + 1 in in_mention:
                            gap -= 1
                if 0 < gap <= _ARGUMENT_REACH:
                    if e_type is rule.plover:
                        # "were killed in a Russian missile strike": the same act named twice, the
                        # noun with its doer; no argument of another event
                        break
                    confidence -= 0.2  # argument of another event ("support for the protests")
                    break
                if (
                    _ARGUMENT_REACH < i0 - e <= _REASON_REACH
                    and cues.reason_preps
                    and _reason_phrase(toks, e, i0, cues)
                ):
                    # "under investigation since Monday for her role in the rioting": the
                    # reason given for another event, however far its phrase reaches
                    confidence -= 0.2
                    break
    # Without a named doer the event is still kept (engine: ``_sentence_events``) when a verb of
    # the main clause asserts it in the active voice against a known party: "an aid agency
    # appealed to the Sudanese government" is a REQUEST by an unknown actor (PLOVER UNK, CAMEO
    # ---), while an event noun ("the threat to ..."), a passive or reduced relative ("officials
    # accused of ..."), a prepositional trigger ("in support of"), a condition, a proposal, a
    # background clause, or an act aimed only at a group of no known country carries too little
    #
    # A headline is the story's news in telegraphic form: it drops articles and auxiliaries ("Curfew
    # imposed", "Four found guilty") and leaves the doer to the body, so there an event noun or a
    # passive asserts the act too, with or without a known party; what stays excluded is what
    # marks it as no news of its own (a prepositional trigger, a condition, a proposal, a
    # background or subordinate clause)
    headline = fld is _HEADLINE
    clause_verb = (
        (headline or ((not nominal or light) and not passive))
        and trig.low not in cues.preps
        and modality != "condition"
        and modality != "proposed"
        and (headline or (target_group is not None and bool(target_group.countries)))
    )
    if background or subordinate:
        confidence -= 0.25  # background ("curfew imposed after protests", "amid clashes")
        clause_verb = False
    elif marks[2] and _in_condition(toks, i0, cues):
        confidence -= 0.25  # "... unless the rebels stop fighting": a condition, not a report
        clause_verb = False
    confidence = max(0.05, min(0.99, confidence))

    plover, quad, cameo = rule.plover, rule.quad_class, rule.cameo
    if (
        rule.joint_plover is not None
        and rule.joint_cameo is not None
        and source is not None
        and (len(source.countries) > 1 or _partner(toks, i1, source, target_group, cues))
    ):
        # "French and Egyptian warships launched war games", "conducts exercises with Germany's
        # navy": held together, the exercise is military cooperation, not one side's show of force
        plover, quad, cameo = rule.joint_plover, rule.joint_quad_class, rule.joint_cameo
    elif rule.labour is not None and toks[i1].lemma in rule.labour[3]:
        doer = _labour_doer(toks, i0, source, groups, cues)
        if doer is not None:
            # "Nurses begin strike", "a rail strike": a workforce's strike is a labour action; a
            # workforce named as the one calling it is its doer ("workers called a strike")
            plover, cameo, quad = rule.labour[0], rule.labour[1], rule.labour[2]
            if modality == "request" and _called_strike(toks, i0, cues):
                modality = None  # "workers called a strike": called (declared) it, not called for it
            if not source_ids and doer is not _NO_GROUP and not doer.individual:
                source_ids = doer.actor_ids
                confidence = round(min(0.99, confidence + 0.25), 3)
    elif rule.to_verb is not None and toks[i1].low in cues.infinitive and _infinitive_after(toks, i1, in_mention, cues):
        # "ECOWAS call to reinstate the president": a call followed by an infinitive is a demand
        plover, cameo, quad = rule.to_verb[0], rule.to_verb[1], rule.to_verb[2]
        modality = modality or "request"
    return _trusted(
        EventTag,
        {
            "event_type": plover,
            "quad_class": quad,
            "cameo_root": cameo[:2],
            "cameo_code": cameo,
            "source": list(source_ids),
            "target": list(target_ids),
            "trigger": _span(text[trigger[0] : trigger[1]], trigger[0], trigger[1], fld),
            "sentence": sentence,
            "negated": negated,
            "modality": modality,
            "confidence": _round3(confidence),
            "rule_id": rule.id,
        },
        _EVENT_FIELDS,
    ), clause_verb


_new_object: Final = object.__new__  # Final: a C static when compiled, not a module dict lookup
# The setters of BaseModel's four slots, bound once: ``object.__setattr__(obj, name, value)``
# looks the name up in the type's MRO on every call to reach the same setter (≈ 25 % of
# :func:`_trusted`, which is ≈ 6 % of the compiled event tagger, session 12)
_set_dict: Final = vars(BaseModel)["__dict__"].__set__
_set_fields_set: Final = vars(BaseModel)["__pydantic_fields_set__"].__set__
_set_extra: Final = vars(BaseModel)["__pydantic_extra__"].__set__
_set_private: Final = vars(BaseModel)["__pydantic_private__"].__set__


def _trusted(cls: type[_M], values: dict[str, object], fields: set[str]) -> _M:
    """``cls.model_construct(**values)`` for complete, engine-built field values, without its
    per-call field loop (which costs more than the rest of building an event). Every field of
    ``cls`` must be in ``values``; tests check the result equals a validated construction.

    ``fields``: the names of all of ``cls``'s fields (:data:`_EVENT_FIELDS`, :data:`_SPAN_FIELDS`),
    shared by every instance as its fields-set, as the actor tagger's models share theirs: the
    models are frozen, and pydantic copies the set before it would add to it (``model_copy``).
    A new set per model was ~60 set builds per 2 KB article."""
    obj = _new_object(cls)
    _set_dict(obj, values)
    _set_fields_set(obj, fields)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


_EVENT_FIELDS: Final = set(EventTag.model_fields)
_SPAN_FIELDS: Final = set(Span.model_fields)


def _copy(ev: EventTag, update: dict[str, object]) -> EventTag:
    """``ev.model_copy(update=update)`` (shallow, unvalidated) without pydantic's copy machinery."""
    return _trusted(EventTag, {**ev.__dict__, **update}, _EVENT_FIELDS)


_ROUNDED: Final[dict[float, float]] = {}


def _round3(x: float) -> float:
    """``round(x, 3)``, remembered per value. CPython rounds a float to decimals correctly, through
    its decimal string (``_Py_dg_dtoa``): ≈ 0.6 µs a call, 2.9 % of the compiled event tagger
    (session 12). A confidence is one of few values (rule confidences moved by fixed steps), so a
    dictionary lookup almost always answers. Equal floats round alike but for the signed zeros
    (0.0 == -0.0), which a confidence, clamped to [0.05, 0.99] first, never is."""
    r = _ROUNDED.get(x)
    if r is None:
        if len(_ROUNDED) >= 4096:  # bounded, whatever the rule data does
            _ROUNDED.clear()
        r = _ROUNDED[x] = round(x, 3)
    return r


def _span(text: str, start: int, end: int, fld: TextField) -> Span:
    """A Span from offsets the engine computed itself (trusted: no validation pass)."""
    return _trusted(Span, {"text": text, "start": start, "end": end, "field": fld}, _SPAN_FIELDS)


_PARTNER_REACH = 3  # "exercises with the German navy": from the trigger's end to the partner


def _partner(toks: list[Word], i1: int, source: _Group, target: _Group | None, cues: Cues) -> bool:
    """Whether ``target`` is a party of another country the source acts together "with", the
    "with" right after the trigger ("exercises with Germany"), not one of another noun ("drills
    near the border with Lithuania")."""
    return (
        target is not None
        and target.prep is not None
        and i1 + 1 < len(toks)
        and toks[i1 + 1].low == target.prep
        and target.t0 - i1 <= _PARTNER_REACH
        and target.prep in cues.prep_classes.get("with", frozenset())
        and bool(target.countries)
        and not target.countries <= source.countries
    )


def _place_doer(
    toks: list[Word], groups: list[_Group], patient: _Group | None, i0: int, i1: int, cues: Cues
) -> _Group | None:
    """The doer of an agentless passive arrest or sentence, named by where it happened: "two British
    nationals were arrested in Iran", "ont été interpellés au Mali". The first actor of a known
    country in a locative phrase right after the verb (a few words: "arrested on Monday in Iran"
    is still the arrest's place), of another country than the one arrested: "Three activists were
    detained in Minsk" has no country on the patient and Minsk stands; "Iranians were arrested in
    Iran" is not told apart from a visitor's arrest, and nothing is lost (the patient's country
    stays the target). A gapped trigger may hold the place: "arrested in Iran on spying charges"."""
    places = _locative(cues)
    for g in groups:
        if g.t0 <= i0:
            continue
        if g.t0 - i1 > 6 or any(t.low in _CLAUSE_PUNCT for t in toks[i0 : g.t0]):
            return None  # past a comma the phrase belongs to another clause (", officials in X said")
        if g.prep in places and g.countries:
            if patient is not None and patient.countries and g.countries <= patient.countries:
                return None
            return g
    return None


def _locative(cues: Cues) -> frozenset[str]:
    """Prepositions that only place an event ("in", "near"), not aim it ("at", "on")."""
    return cues.prep_classes.get("in", frozenset()) - cues.prep_classes.get("against", frozenset())


def _agent_noun(lemma: str, cues: Cues, lr: LanguageRules) -> bool:
    """ "protester" when "protest" is a trigger; "demonstrator" when "demonstrate" is."""
    for suf in cues.agent_noun_suffixes:
        if lemma.endswith(suf) and len(lemma) > len(suf) + 3:
            stem = lemma[: -len(suf)]
            if stem in lr.index or stem + "e" in lr.index:
                return True
    return False


_CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "—", "–"}) | _OPEN_QUOTES | _CLOSE_QUOTES | _STRAIGHT_QUOTES
_SUBORDINATE_REACH = 7


def _subordinate(toks: list[Word], start: int, cues: Cues) -> bool:
    """Whether the clause holding ``toks[start]`` is background or a relative clause.

    Looks back within the clause (no punctuation, reporting verb or other conjunction between)
    for a temporal/concessive conjunction ("after", "since", "amid") or a relative pronoun
    ("which", "who"; "that" only when a verb follows it directly, as in "a helicopter that was
    captured", not "said that Russia ...").
    """
    for k in range(start - 1, max(-1, start - _SUBORDINATE_REACH), -1):
        t = toks[k]
        low = t.low
        if low in cues.background or low in cues.relative:
            return True
        if low in cues.relative_that and k > 0 and k + 1 < len(toks):
            before, after = toks[k - 1], toks[k + 1]
            return (
                not before.cap
                and before.lemma not in cues.reporting
                and before.low.isalpha()
                and not after.cap
                and after.low.isalpha()
                and after.low not in cues.determiners
                and after.low not in cues.subject_pronouns
            )
        if low in _CLAUSE_PUNCT or low in cues.clause_breaks or t.lemma in cues.reporting:
            return False
    return False


def _begins(toks: list[Word], i1: int, cues: Cues) -> bool:
    """Whether the event noun ending at ``toks[i1]`` is the subject of an inception verb right
    after it ("as a rail strike begins", "as protests erupted"): a start reported now.

    Why: session 10 ranked an "as" clause of circumstance below the main clause ("announced
    martial law as street battles raged"). An act that *begins* in that clause did not go on
    before the news; it is news itself, as the PLOVER definitions code the start of a strike or
    a protest (PROTEST), whatever the main clause says."""
    for t in toks[i1 + 1 : i1 + 3]:
        if t.lemma in cues.inception_verbs or t.low in cues.inception_verbs:
            return True
        if t.low not in cues.subject_skip:
            return False
    return False


def _begun_as(toks: list[Word], i0: int, i1: int, cues: Cues) -> bool:
    """Whether the trigger sits in an "as" clause whose verb starts it: "as nurses start a strike",
    "as workers begin their walkout" (the inception verb between "as" and the trigger), or "as
    a strike begins" (:func:`_begins`)."""
    if _begins(toks, i1, cues):
        return True
    for k in range(i0 - 1, max(-1, i0 - _SUBORDINATE_REACH), -1):
        t = toks[k]
        if t.lemma in cues.inception_verbs or t.low in cues.inception_verbs:
            return True
        if t.low in _CLAUSE_PUNCT or t.low in cues.background or t.low in cues.clause_breaks:
            return False
    return False


def _purpose(toks: list[Word], start: int, cues: Cues) -> bool:
    """Whether ``toks[start]`` opens or sits in a purpose adjunct of the clause.

    "in a bid to ...", "in an effort to ...", ", seeking to ...", "a trip aimed at ...": the
    act is what someone was after, which the sentence does not report as having happened.
    """
    for k in range(start - 1, max(0, start - _SUBORDINATE_REACH), -1):
        t = toks[k]
        if t.low in _CLAUSE_PUNCT and t.low != ",":
            return False
        if t.low not in cues.infinitive and t.low not in cues.purpose_links:
            if t.low in cues.clause_breaks or t.lemma in cues.reporting:
                return False
            continue
        head = toks[k - 1]
        before = toks[k - 2] if k >= 2 else None
        if before is None:
            continue
        if head.low in cues.purpose_nouns and (
            before.low in cues.preps or (before.low in cues.determiners and k >= 3 and toks[k - 3].low in cues.preps)
        ):
            return True  # "in a bid to", "in order to"
        if head.low in cues.purpose_participles and before.low == ",":
            return True  # ", seeking to": a participle adjunct of the clause before it
        if (
            head.low in cues.purpose_modifiers
            and not before.cap
            and before.low.isalpha()
            and before.lemma not in cues.passive_aux  # "strikes were aimed at Kyiv" is an attack
            and before.lemma not in cues.light_verbs  # "has aimed"
            and before.low not in cues.subject_pronouns
        ):
            return True  # "a trip aimed at": a participle after a noun, not "Russia aimed to"
    return False


_TRAVEL_REACH = 8  # "returned to Geneva this week for talks"


def _travel_purpose(toks: list[Word], i0: int, cues: Cues) -> bool:
    """Whether the event noun at ``i0`` is the purpose of a journey in its clause.

    "U.S. and Russian negotiators returned to Geneva for talks", "the ministers flew to Cairo for
    a summit": the travellers are the ones who meet, as the subject of a light verb is ("held
    talks"). The noun must follow "for" (past determiners and modifiers), and a travel verb must
    lie before it within the clause.
    """
    k = i0 - 1
    while k >= 0 and (toks[k].low in cues.determiners or toks[k].low in cues.nominal_modifiers):
        k -= 1
    if k < 1 or toks[k].low not in cues.prep_classes.get("for", ()):
        return False
    for q in range(k - 1, max(-1, k - 1 - _TRAVEL_REACH), -1):
        t = toks[q]
        if t.lemma in cues.travel_verbs or t.low in cues.travel_verbs:
            return True
        if t.low in _CLAUSE_PUNCT or t.low in cues.clause_breaks or t.lemma in cues.reporting:
            return False
    return False


def _inverted(toks: list[Word], k: int, cues: Cues, in_mention: set[int]) -> bool:
    """Whether the auxiliary at ``k`` opens a conditional clause by inversion: it starts the
    sentence or follows a comma or conjunction, and a subject (an actor, a determiner or a
    pronoun) comes right after it: "Should China invade ...", "..., and were Russia to attack".
    In "Kyiv should negotiate" or "they were attacked" the auxiliary follows its subject."""
    if not (k == 0 or toks[k - 1].low in _CLAUSE_PUNCT or toks[k - 1].low in cues.coordinators):
        return False
    if k + 1 >= len(toks):
        return False
    nxt = toks[k + 1]
    return (k + 1) in in_mention or nxt.low in cues.determiners or nxt.low in cues.subject_pronouns


def _first_break(toks: list[Word], a: int, b: int, cues: Cues) -> int:
    """Index of the first clause boundary in ``toks[a:b]`` (a semicolon, a clause-breaking word
    that is not a preposition, a reporting verb), or ``len(toks)``: an actor at index ``j <= b``
    lies beyond a boundary after ``a`` exactly when this is ``< j``. One scan per event serves
    every actor after the trigger, instead of one scan per actor."""
    for k in range(a, min(b, len(toks))):
        t = toks[k]
        if t.low == ";" or (t.low in cues.clause_breaks and t.low not in cues.preps) or t.lemma in cues.reporting:
            if k == a and t.low in _PREDICATIVE and k + 1 < len(toks) and _predicative_next(toks[k + 1], cues):
                # "condemned as baseless claims by Uganda", "rejected as a provocation": "as"
                # right after the verb introduces how it judged its object, not a new clause
                continue
            return k
    return len(toks)


_PREDICATIVE = frozenset({"as"})  # English: the only clause-breaking word that also marks a predicate


def _predicative_next(t: Word, cues: Cues) -> bool:
    """The word after a verb's "as" starts a predicate (an adjective, a quote, an article), not
    the subject of a clause ("attacked as Ukraine prepared", "as they met")."""
    low = t.low
    if t.cap or low in cues.subject_pronouns:
        return False
    if not low[:1].isalnum():  # an opening quote: 'condemned as "unacceptable" ...'
        return low not in {",", ";", ":", "."}
    # an adjective or an article; a plural or an -ing form is more likely a clause's subject
    # ("as talks began", "as fighting raged")
    return low in cues.determiners or (low.isalpha() and low != t.lemma + "s" and not low.endswith("ing"))


def _reporter(
    toks: list[Word],
    groups: list[_Group],
    inq: list[bool],
    cues: Cues,
    target: _Group | None,
    disc: _Discourse,
    in_quote: bool,
) -> _Group | None:
    """Who states the obligation: the subject of a reporting verb before the obliged party."""
    if target is None:
        return None
    for k in range(target.t0 - 1, -1, -1):
        if toks[k].lemma in cues.reporting and not inq[k]:
            subj = _nearest_subject([g for g in groups if g.t1 < k], toks, k, cues, False)
            return subj or disc.speaker
    if in_quote:
        return disc.speaker
    # "X issued a stern reminder to Y that it must ...": the clause subject states it
    first = _first_subject(groups)
    return first if first is not None and first.t1 < target.t0 else None


def _nearest_subject(before: list[_Group], toks: list[Word], i0: int, cues: Cues, in_quote: bool) -> _Group | None:
    found = _nearest_subject_pass(before, toks, i0, cues, in_quote, frozenset())
    if found is None:
        # "a member of the Syrian parliament started ...": the "of" phrase names the actor
        of = cues.prep_classes.get("of", frozenset())
        found = _nearest_subject_pass(before, toks, i0, cues, in_quote, of)
    return found


def _nearest_subject_pass(
    before: list[_Group],
    toks: list[Word],
    i0: int,
    cues: Cues,
    in_quote: bool,
    allowed_preps: frozenset[str],
) -> _Group | None:
    for g in reversed(before):
        if (g.prep is not None and g.prep not in allowed_preps) or g.modifier:
            continue
        if g.place and (g.prep is not None or _object_position(toks, g.t0, cues)):
            # "a member of the Syrian parliament" names who acts, "the city of Kirkuk" only
            # where; a place is a source only as a bare metonym ("Kyiv said"), never as the
            # object of the verb before it ("would blockade Paris to demand ...": the farmers
            # demand, not the city)
            continue
        if g.possessive and i0 - g.t1 > 4 and not allowed_preps:
            continue
        if g.reporter and _press_addressee(toks, g.t0, cues):
            continue  # "told reporters ... after talks with X": the press heard of the talks
        if _appositive(toks, g, i0, cues, before):
            continue
        if g.in_quote != in_quote:
            continue  # quoted speech and the narrative around it have different subjects
        for t in toks[g.t1 + 1 : i0]:
            if t.low == ";":
                return None
        return g
    return None


def _appositive(toks: list[Word], g: _Group, i0: int, cues: Cues, before: list[_Group]) -> bool:
    """Whether ``g`` qualifies the noun of an apposition set off by commas after another noun phrase,
    before the verb at ``i0``: "Pakistan, a key U.S. ally in the war on terror, has refused ...".
    The apposition describes the actor before it ("a U.S. ally" is Pakistan), so an actor naming
    a modifier in it is not the verb's subject. Only an actor right after the apposition's article
    and its lower-case adjectives ("a key", "the main"), after a comma that follows an actor's
    name: "Japan, a close ally of the United States," has its actor in an "of" phrase, which is
    never a subject anyway, and "On Monday, the U.S. envoy, ..." has no actor before the comma."""
    k = g.t0 - 1
    while (
        k >= 0 and g.t0 - k <= 3 and toks[k].low.isalpha() and not toks[k].cap and toks[k].low not in cues.determiners
    ):
        if toks[k].low in cues.preps or toks[k].low in cues.coordinators or toks[k].low in cues.clause_breaks:
            return False
        k -= 1
    if k < 2 or toks[k].low not in cues.determiners or toks[k - 1].low != ",":
        return False
    if not any(h.t1 == k - 2 and h.prep is None for h in before):
        return False  # the comma follows no actor's name: "On Monday, the U.S. envoy, ..."
    return any(t.low == "," for t in toks[g.t1 + 1 : i0])


def _middle_field(
    before: list[_Group], toks: list[Word], i0: int, cues: Cues, in_quote: bool
) -> tuple[_Group, _Group | None] | None:
    """Subject and object of a clause-final verb (cues ``final_verb_aux``): "Russland hat die Ukraine
    in der Nacht angegriffen", "Am Montag hat Russland die Ukraine angegriffen". The verb's nearest
    actor is then its object; the subject is the actor before the auxiliary, or else the first one
    after it. None when no auxiliary opens the clause before the verb (the nearest actor stands).

    A subordinate clause (cues ``final_clause_openers``: "nachdem", "weil", "dass") puts every verb
    last, its auxiliary after it: "..., nachdem Russland die Ukraine angegriffen hatte". Its subject
    is the first actor after the conjunction; the actors before it belong to the main clause."""
    k = i0 - 1
    while k >= 0 and toks[k].lemma not in cues.final_verb_aux:
        if toks[k].low in cues.final_clause_openers:
            if any(g.t0 > k and g.prep in cues.agent for g in before):
                return None  # "nachdem Kiew von Russland angegriffen worden war": the agent acts
            sub = [g for g in before if g.prep is None and g.in_quote == in_quote and g.t0 > k]
            if sub and not sub[0].modifier:
                return sub[0], sub[1] if len(sub) > 1 else None
            return None
        if toks[k].low in _CLAUSE_PUNCT or (
            toks[k].low in cues.clause_breaks and not _break_as_preposition(toks, k, cues)
        ):
            return None
        k -= 1
    if k < 0:
        return None
    if any(g.t0 > k and g.prep in cues.agent for g in before):
        return None  # "ist von Russland angegriffen worden": a passive, whose agent acts
    # (a bare actor right before the verb is marked as its modifier, as before a noun; here it
    # is the verb's object, "die Ukraine angegriffen", so it may be the object, not the subject)
    bare = [g for g in before if g.prep is None and g.in_quote == in_quote]
    ahead = [
        g for g in bare if g.t1 < k and not g.modifier and not any(t.low in _CLAUSE_PUNCT for t in toks[g.t1 + 1 : k])
    ]
    inside = [g for g in bare if g.t0 > k]
    if ahead:
        return ahead[-1], inside[0] if inside else None
    if inside and not inside[0].modifier:
        return inside[0], inside[1] if len(inside) > 1 else None
    return None


def _break_as_preposition(toks: list[Word], k: int, cues: Cues) -> bool:
    """Whether the clause break at ``k`` is a preposition here: German "während" is "while" before a
    clause and "during" before an article ("hat während der Nacht die Ukraine angegriffen"), where
    it opens no clause."""
    return k + 1 < len(toks) and toks[k].low in cues.preps and toks[k + 1].low in cues.determiners


def _object_position(toks: list[Word], t0: int, cues: Cues) -> bool:
    """Does the mention starting at ``t0`` follow a lower-case content word (a verb or a noun, not
    an article, a conjunction or a reporting verb), so that it is that word's object or modifier
    rather than the subject of a clause?"""
    if t0 == 0:
        return False
    prev = toks[t0 - 1]
    low = prev.low
    if not low.isalpha() or prev.cap:
        return False
    return not (
        low in cues.determiners
        or low in cues.coordinators
        or low in cues.clause_breaks
        or low in cues.relative_that
        or prev.lemma in cues.reporting
        or prev.lemma in cues.passive_aux
        or prev.lemma in _AUXILIARIES
    )


def _own_subject(toks: list[Word], g_end: int, i0: int, cues: Cues, in_mention: set[int]) -> bool:
    """The verb at ``i0`` has a subject of its own that names no actor, in a clause after the
    actor that ends at ``g_end``: "Russia held elections, and critics accused the Kremlin of
    fraud" (critics accuse, not Russia); "the move was condemned on social media, and residents
    accused ...". Such speakers are unnamed, so the act has no source.

    The subject is the word right before the verb (past adverbs and negation), read as a noun
    when it is a plural ("critics", "residents") or follows a determiner ("the opposition").
    """
    k = i0 - 1
    while k > g_end and (toks[k].low.endswith("ly") or toks[k].low in cues.negation):
        k -= 1
    if k <= g_end + 1 or k in in_mention:
        return False
    trig, t, before = toks[i0], toks[k], toks[k - 1]
    low = t.low
    if trig.low == trig.lemma or trig.low in (trig.lemma + "s", trig.lemma + "es"):
        # a base or -s form may be a noun after a modifier ("a surprise visit", "their demands")
        return False
    if t.cap or not low.isalpha() or low in cues.preps or low in cues.coordinators or low in cues.determiners:
        return False
    if t.lemma in cues.passive_aux or t.lemma in _AUXILIARIES or t.lemma in cues.modality:
        return False
    if low in cues.subject_pronouns:
        return False
    plural = low != t.lemma and (low == t.lemma + "s" or low == t.lemma + "es")
    if not (plural or (before.low in cues.determiners and not before.cap)):
        return False
    # a new clause between the actor and that subject: ", and", ";", "but", "while" ... (a bare
    # "and" joins noun phrases: "Israeli helicopters and tanks shelled")
    for q in range(g_end + 1, k):
        low = toks[q].low
        if low == ";" or low in cues.clause_breaks:
            return True
        if low == "," and toks[q + 1].low in cues.coordinators and toks[q + 1].low != ",":
            return True
    return False


def _negated_before(toks: list[Word], k: int, cues: Cues) -> bool:
    """Whether a negation or a denial stands in the few words before ``toks[k]`` within its clause."""
    for q in range(k - 1, max(-1, k - 5), -1):
        t = toks[q]
        if t.low in _CLAUSE_PUNCT or t.low in cues.clause_breaks:
            return False
        if t.low in cues.negation or t.lemma in cues.negation or t.lemma in cues.negation_verbs:
            return True
        if t.lemma in cues.denial_verbs:
            return True
    return False


def _in_condition(toks: list[Word], i0: int, cues: Cues) -> bool:
    """The trigger lies in an "unless" clause (up to 20 tokens back, within the sentence part)."""
    for k in range(i0 - 1, max(-1, i0 - 21), -1):
        low = toks[k].low
        if low in cues.ultimatum:
            return True
        if low == ";":
            return False
    return False


def _reason_phrase(toks: list[Word], e: int, i0: int, cues: Cues) -> bool:
    """A reason preposition ("for", "over") between an event's trigger end ``e`` and a later
    event noun at ``i0``, with no clause boundary in between: the noun is what the event is for."""
    found = False
    for t in toks[e + 1 : i0]:
        if t.low in {",", ";", ":"} or t.low in cues.clause_breaks:
            return False
        if t.low in cues.reason_preps:
            found = True
    return found


_DENIED_REACH = 8  # "denied accusations by the United States that ..."


def _denied_report(toks: list[Word], that: int, cues: Cues, in_mention: set[int]) -> int:
    """Index of the denial verb when the "that" clause at ``that`` is the content of a denied
    report: "denied accusations by the United States that it supplied drones", "rejected claims
    from Kyiv that its troops had shelled ...". -1 otherwise.

    Looks back from "that" past the report noun's attribution (actor names, determiners, "by",
    "from") for a report noun (the denial markers) right after a denial verb.
    """
    for k in range(that - 1, max(-1, that - 1 - _DENIED_REACH), -1):
        t = toks[k]
        if k in in_mention or t.low in cues.determiners or t.low in cues.agent or t.low in cues.preps:
            continue
        if t.lemma not in cues.denial_markers and t.low not in cues.denial_markers:
            return -1
        for q in range(k - 1, max(-1, k - 3), -1):
            if toks[q].lemma in cues.denial_verbs or toks[q].lemma in cues.negation_verbs:
                return q
            if toks[q].low not in cues.determiners and q not in in_mention:
                break
        return -1
    return -1


def _denial(toks: list[Word], verb: int, i0: int, cues: Cues) -> bool:
    """ "Denied (accusations) that it had supplied", "denied supplying": a denial of the act.

    A denial verb with a clause, a gerund or an accusation noun as its object says the act did
    not happen; with a plain noun phrase ("denied Russia access", "denied them aid") it is a
    refusal, which the refusal reading codes as REJECT.
    """
    if verb == i0 - 1 and toks[i0].low.endswith("ing"):
        return True
    for t in toks[verb + 1 : i0]:
        if (
            t.low in cues.denial_markers
            or t.lemma in cues.denial_markers
            or t.low in cues.subject_pronouns
            or t.low in cues.relative_that
        ):
            return True
    return False


def _headline_subject(before: list[_Group], toks: list[Word], i0: int) -> _Group | None:
    """The first actor of a headline clause, when nothing but words lie between it and the trigger.

    Only a bare actor counts (no governing preposition: "in Kabul" says where), and a colon or
    semicolon starts a new clause ("Kenya: Warlord ..."), as does quoted speech.
    """
    for g in before:
        if g.prep is not None or g.in_quote or g.reporter:
            continue
        for t in toks[g.t1 + 1 : i0]:
            if t.low in _HEADLINE_BREAKS:
                break
        else:
            return g
    return None


_PRONOUN_REACH = 6  # "it was still determined to mend ties": auxiliaries and adverbs between
_HEADLINE_BREAKS = frozenset({":", ";", "|", "–", "—", "-"})


def _pronoun_before(toks: list[Word], before: list[_Group], i0: int, cues: Cues) -> str | None:
    """A subject pronoun sitting between the trigger and the nearest actor before it."""
    limit = before[-1].t1 if before else -1
    for k in range(i0 - 1, max(limit, i0 - _PRONOUN_REACH - 1), -1):
        t = toks[k]
        if t.low in cues.subject_pronouns or t.low in cues.speaker_pronouns:
            return t.low
        if t.low in {",", ";", ":"} or (t.low in cues.clause_breaks and t.low != "as"):
            break
    return None


def _resolve_pronoun(
    pron: str,
    groups: list[_Group],
    toks: list[Word],
    i0: int,
    in_quote: bool,
    disc: _Discourse,
    cues: Cues,
) -> _Group | None:
    if pron in cues.speaker_pronouns and in_quote:
        return disc.speaker
    for g in groups:
        if g.t1 >= i0:
            break
        if g.prep is None and not g.modifier and not g.in_quote:
            return g
    return disc.subject or disc.speaker


# ---------------------------------------------------------------- session 12 classes


def _labour_doer(toks: list[Word], i0: int, source: _Group | None, groups: list[_Group], cues: Cues) -> _Group | None:
    """The workforce (cues ``labour_doers``) doing the strike at ``toks[i0]``: its actor group,
    ``_NO_GROUP`` when it is named by no actor ("miners", "a rail strike") or by none at all ("a
    48-hour strike": cues ``labour_markers``), None when the doer is no workforce.

    Why: "strike" is both an attack and a labour action, and news tells them apart by who does
    it: "Israeli jets strike Gaza" against "Nurses begin strike over pay", "Doctors strike in
    Lagos", "a rail strike". The doer is the first word before the trigger past the words that
    begin, call or size a strike ("launch", "a", "24-hour"), or the source actor found for it
    ("Port workers in Belgium called a strike"); either naming a workforce makes it one.
    """
    k = i0 - 1
    pre = cues.labour_preamble
    marked = False  # "a 48-hour strike": a labour strike whoever does it
    while k >= 0 and i0 - k <= _LABOUR_REACH and (toks[k].low in pre or toks[k].lemma in pre or toks[k].low.isdigit()):
        marked = marked or toks[k].low in cues.labour_markers
        k -= 1
    if k >= 0 and i0 - k <= _LABOUR_REACH:
        g = _group_ending(groups, k)
        if g is not None and _names_workforce(toks, g, cues):
            return g
        if g is not None and g.prep is not None and g.t0 >= 2:
            k = g.t0 - 2  # "Port workers in Belgium called a strike": the head before the phrase
            g = _group_ending(groups, k)
        if toks[k].low in cues.labour_doers or toks[k].lemma in cues.labour_doers:
            return g or _NO_GROUP
    if source is not None and _names_workforce(toks, source, cues):
        return source
    return _NO_GROUP if marked else None


def _called_strike(toks: list[Word], i0: int, cues: Cues) -> bool:
    """Whether a verb of the words right before a strike that gives the modality "request"
    ("call") calls the strike itself ("called a 24-hour strike"), not for it."""
    k = i0 - 1
    pre = cues.labour_preamble
    while k >= 0 and i0 - k <= _LABOUR_REACH and (toks[k].low in pre or toks[k].lemma in pre):
        if cues.modality.get(toks[k].lemma) == "request":
            return True
        k -= 1
    return False


def _names_workforce(toks: list[Word], g: _Group, cues: Cues) -> bool:
    """Whether an actor group's words name a workforce ("nurses", "Port workers", "Teachers'
    Union"). A capitalised singular is a word of an institution's name, not its staff: "African
    Union troops", "the General Staff"; so is a workforce owning another name word: "Kurdistan
    Workers' Party"."""
    labour = cues.labour_doers
    for q in range(g.t0, g.t1 + 1):
        t = toks[q]
        if (t.low in labour or t.lemma in labour) and (not t.cap or t.low != t.lemma):
            if q + 2 <= g.t1 and toks[q + 1].low in _POSSESSIVE_MARKS and toks[q + 2].low not in labour:
                continue  # "Kurdistan Workers' Party": the workers name a party ("Teachers' Union" counts)
            return True
    return False


_POSSESSIVE_MARKS = frozenset({"'", "'s", "’", "’s"})


#: the workforce of a strike named by no actor ("miners launch strike")
_NO_GROUP: Final = _Group(-1, -1, (), frozenset(), None, False, False, False, False)


_LABOUR_REACH = 6  # "teachers will begin a new 48-hour strike"


def _named_target(toks: list[Word], i0: int, i1: int, modifier: _Group, in_mention: set[int], cues: Cues) -> bool:
    """Whether the actor right before a measure's noun ("Russia sanctions") is its target.

    Why: English names the origin of a measure with an adjective or an abbreviation ("Russian
    sanctions on Georgia", "US sanctions", "EU sanctions") and the party it is aimed at with the
    party's name as a noun modifier ("align with Russia sanctions", "the Cuba embargo"), the way
    "the Iran deal" is a deal about Iran. Only for a single-word name of a country, and not when
    the word is a verb with its object ("China sanctions US firms") or the noun has a target of
    its own ("Russia sanctions on ...").
    """
    if i0 != i1 or toks[i0].low not in cues.target_adjuncts or modifier.t0 != modifier.t1:
        return False
    if not modifier.countries or "IGO" in modifier.countries:
        return False
    name = toks[modifier.t0]
    if not name.cap or len(name.low) <= 3 or name.low.endswith(_DEMONYM_ENDINGS):
        # "US", "UK", "UAE" (an abbreviation is used as the adjective), "Russian", "Chinese"
        return False
    if i1 + 1 < len(toks):
        nxt = toks[i1 + 1]
        if (i1 + 1) in in_mention or nxt.low in cues.determiners or nxt.low[:1].isdigit():
            return False  # a verb and its object: "China sanctions US defence firms"
        if nxt.low in cues.prep_classes.get("on", ()) or nxt.low in cues.prep_classes.get("against", ()):
            return False
    return True


#: endings of English demonyms ("Russian", "Korean", "American", "Chinese", "British", "French",
#: "Swiss"): an adjective of origin names who imposes a measure, not its target. "-i" is left out:
#: "Israeli" ends like "Mali" and "Haiti", often named as targets
_DEMONYM_ENDINGS = ("ian", "ean", "can", "ese", "ish", "ch", "ss")


def _infinitive_after(toks: list[Word], i1: int, in_mention: set[int], cues: Cues) -> bool:
    """Whether the "to" at ``toks[i1]`` opens an infinitive ("a call to end the war"), not a
    phrase naming a party ("a call to Moscow", "a call to his counterpart"): the next word is a
    bare verb form that is no actor, no determiner and no pronoun."""
    if i1 + 1 >= len(toks) or (i1 + 1) in in_mention:
        return False
    nxt = toks[i1 + 1]
    return (
        nxt.low.isalpha()
        and nxt.low == nxt.lemma
        and nxt.low not in cues.determiners
        and nxt.low not in cues.possessive_pronouns
        and nxt.low not in cues.object_pronouns
        and nxt.low not in cues.preps
    )


def _object_follows(toks: list[Word], i: int, cues: Cues) -> bool:
    """Whether an object starts right after token ``i``: a word of cues ``object_starts`` (an
    article, a number word), a number or a capitalised name. What tells the verb "libera" ("L'Iran
    libera tre ostaggi") from the adjective ("zona libera", "libera circolazione")."""
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    return nxt.cap or nxt.low in cues.object_starts or nxt.low[:1].isdigit()


def _gap_fallback(m: _Match, toks: list[Word], cues: Cues, lr: LanguageRules) -> _Match | None:
    """``m`` itself, unless the words its gap skips hold a preposition of its rule's ``gap_stops``
    classes: then its first word's own one-word trigger (None if it has none). "Junior doctors
    strike in Kenya over pay deal" is a strike about a deal, not "strike ... deal"; the longer
    pattern won the overlap, so the word's shorter reading is taken up here."""
    stops: set[str] = set()
    for cls in m.pattern.rule.gap_stops:
        stops |= cues.prep_classes.get(cls, frozenset())
    own = m.pattern.elements
    if not any(t.low in stops and not any(t.low in e or t.lemma in e for e in own) for t in toks[m.i0 + 1 : m.i1]):
        return m
    first = toks[m.i0]
    for key in (first.lemma, first.low):
        for pat in lr.index.get(key, ()):
            if pat.size == 1:
                return _Match(m.i0, m.i0, pat)
    return None


def _gap_crosses_clause(toks: list[Word], m: _Match, cues: Cues) -> bool:
    """Whether the words a gapped trigger (one with a gap: the caller checks) skips hold a clause
    boundary (cues ``clause_breaks``): "halts shelling as talks begin" is no "halt ... talks",
    "agreed when the deal ..." no "agree ... deal". The trigger's own words are not skipped words."""
    own = m.pattern.elements
    return any(
        t.low in cues.clause_breaks and not any(t.low in e or t.lemma in e for e in own) for t in toks[m.i0 + 1 : m.i1]
    )
