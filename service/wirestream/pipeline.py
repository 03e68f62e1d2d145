"""The functional core wired together: normalise → dedupe → tag → route.

Both shells use this class: the Faust worker (:mod:`wirestream.app`, split in two agents around a
repartition so that copies of one story meet the same dedupe state) and the embedded mode
(``wirestream process``, everything in-process). Each method returns a :class:`Result` with exactly
one outcome for the input; it never raises for bad input. An unexpected exception in a stage is a
bug, but it still becomes a dead letter (reason ``internal_error``) so one article never stops the
stream.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, MutableMapping
from datetime import UTC, datetime

from .dedupe import Deduplicator
from .errors import Rejection
from .models import (
    DedupedEnvelope,
    DedupeResult,
    DedupeStatus,
    DuplicateRecord,
    EnrichedRecord,
    NormalisedEnvelope,
    Provenance,
    RawInput,
    Stage,
)
from .normalise import normalise
from .routing import RoutingTable, route_tags
from .routing.outputs import (
    Outcome,
    Result,
    dead_letter_message,
    duplicate_message,
    enriched_messages,
    make_dead_letter,
)
from .settings import Settings
from .tagging import Tagger

Observe = Callable[[str, float], None]
REPLAY_HEADER = "wirestream.replay"


def is_replay_of_itself(env: NormalisedEnvelope, verdict: DedupeResult) -> bool:
    """A replayed input whose only "duplicate" is the very article it is (same id and text)."""
    return (
        env.original_headers.get(REPLAY_HEADER) == "1"
        and verdict.status is DedupeStatus.EXACT
        and verdict.duplicate_of == env.article.article_id
    )


def _no_observe(stage: str, seconds: float) -> None:
    return None


class Pipeline:
    def __init__(
        self,
        settings: Settings,
        *,
        tagger: Tagger,
        deduplicator: Deduplicator,
        routing: RoutingTable,
        held: MutableMapping[str, str],
        observe: Observe = _no_observe,
    ) -> None:
        self.settings = settings
        self.tagger = tagger
        self.deduplicator = deduplicator
        self.routing = routing
        self.held = held  # article_id -> NormalisedEnvelope JSON, for embargoed articles
        self.observe = observe
        # What stage timings are read from: wall time for the Prometheus histograms (what a stage
        # takes as the worker sees it); the in-process bench sets ``time.process_time``, because on
        # a shared machine wall time also counts the neighbours' work (2-3x CPU at load 6-8).
        self.clock: Callable[[], float] = time.perf_counter

    @property
    def versions(self) -> dict[str, str]:
        return {**self.tagger.versions, "routing": self.routing.version}

    # ------------------------------------------------------------------ stage 1: normalise

    def normalise(self, raw: RawInput) -> NormalisedEnvelope | Result:
        t0 = self.clock()
        try:
            article = normalise(raw, self.settings.normalise)
        except Rejection as rej:
            return self._dead(raw.value, raw.key, raw.headers, raw.provenance, rej.stage, rej.reason, rej.message, rej)
        except Exception as exc:  # a bug, not bad input: still never stop the stream
            return self._dead(
                raw.value, raw.key, raw.headers, raw.provenance, Stage.NORMALISE, "internal_error", str(exc), exc
            )
        finally:
            self.observe("normalise", self.clock() - t0)
        return NormalisedEnvelope(
            article=article,
            provenance=raw.provenance,
            original_value_b64=base64.b64encode(raw.value).decode(),
            original_key_b64=base64.b64encode(raw.key).decode() if raw.key is not None else None,
            original_headers=raw.headers,
        )

    # ------------------------------------------------------------------ stage 2: dedupe

    def dedupe(self, env: NormalisedEnvelope, now: datetime | None = None) -> DedupedEnvelope | Result:
        """Duplicates and held embargoes end here; articles that go on are stamped with the verdict."""
        now = now or datetime.now(UTC)
        p = env.provenance
        t0 = self.clock()
        try:
            verdict = self.deduplicator.decide(env.article, now, source=f"{p.topic}:{p.partition}:{p.offset}")
        except Exception as exc:
            return self.dead_letter_envelope(env, Stage.DEDUPE, "internal_error", str(exc), exc)
        finally:
            self.observe("dedupe", self.clock() - t0)
        return self._after_verdict(env, verdict, now)

    def release_embargoes(self, now: datetime | None = None) -> list[DedupedEnvelope | Result]:
        """Articles whose embargo has passed, decided as if they arrived now (called by a timer tick)."""
        now = now or datetime.now(UTC)
        out: list[DedupedEnvelope | Result] = []
        for article, verdict in self.deduplicator.release_embargoes(now):
            raw = self.held.pop(article.article_id, None)
            if raw is None:
                continue  # held before a state loss; nothing to attribute it to
            out.append(self._after_verdict(NormalisedEnvelope.model_validate_json(raw), verdict, now))
        return out

    def _after_verdict(self, env: NormalisedEnvelope, verdict: DedupeResult, now: datetime) -> DedupedEnvelope | Result:
        if verdict.status is DedupeStatus.HELD:
            self.held[env.article.article_id] = env.model_dump_json()
            return Result(Outcome.HELD, verdict.status.value)
        if verdict.is_duplicate and is_replay_of_itself(env, verdict):
            # A desk re-tags an archive after a dictionary update: the article we published before
            # comes back as a "duplicate of itself" and must be enriched again, not swallowed.
            verdict = verdict.model_copy(update={"status": DedupeStatus.NEW_VERSION, "reason": "replay: re-tagged"})
        if verdict.is_duplicate:
            return self._duplicate(env, verdict, now)
        # the fields as they are (``env.__dict__``): ``dict(env)`` goes through BaseModel.__iter__, a
        # generator; this line measured 6.3 -> 3.0 µs per article
        return DedupedEnvelope(**env.__dict__, dedupe=verdict)

    # ------------------------------------------------------------------ stage 3: tag and route

    def enrich(self, denv: DedupedEnvelope, now: datetime | None = None) -> Result:
        return self._enrich(denv, denv.dedupe, now or datetime.now(UTC))

    def decide(self, env: NormalisedEnvelope, now: datetime | None = None) -> Result:
        """Stages 2 and 3 in one call (embedded mode)."""
        out = self.dedupe(env, now)
        return out if isinstance(out, Result) else self.enrich(out, now)

    def process(self, raw: RawInput, now: datetime | None = None) -> Result:
        """All stages in one call: the embedded mode."""
        env = self.normalise(raw)
        if isinstance(env, Result):
            return env
        return self.decide(env, now)

    # ------------------------------------------------------------------ helpers

    def _enrich(self, env: NormalisedEnvelope, verdict: DedupeResult, now: datetime) -> Result:
        t0 = self.clock()
        try:
            tags = self.tagger.tag(env.article, self.versions)
        except Exception as exc:
            return self.dead_letter_envelope(env, Stage.TAG, "internal_error", str(exc), exc)
        finally:
            self.observe("tag", self.clock() - t0)
        t0 = self.clock()
        routes = route_tags(tags, env.article.language, self.routing)  # = route_enriched of the record below
        record = EnrichedRecord(
            story_id=env.article.story_id,
            article=env.article,
            dedupe=verdict,
            tags=tags,
            routes=[self.settings.topics.enriched, *(d.topic for d in routes)],
            provenance=env.provenance.model_copy(update={"processed_at": now}),
        )
        msgs = enriched_messages(record, self.settings.topics.enriched, routes)
        self.observe("route", self.clock() - t0)
        return Result(Outcome.ENRICHED, verdict.status.value, msgs, record)

    def _duplicate(self, env: NormalisedEnvelope, verdict: DedupeResult, now: datetime) -> Result:
        a = env.article
        record = DuplicateRecord(
            article_id=a.article_id,
            story_id=a.story_id,
            headline=a.headline,
            content_hash=a.content_hash,
            dedupe=verdict,
            provenance=env.provenance.model_copy(update={"processed_at": now}),
        )
        return Result(
            Outcome.DUPLICATE,
            verdict.status.value,
            [duplicate_message(record, self.settings.topics.duplicates)],
            record,
        )

    def dead_letter_envelope(
        self, env: NormalisedEnvelope, stage: Stage, reason: str, message: str, exc: BaseException
    ) -> Result:
        """Dead-letter an input after normalisation, with its original bytes from the envelope."""
        key = base64.b64decode(env.original_key_b64) if env.original_key_b64 is not None else None
        return self._dead(
            base64.b64decode(env.original_value_b64),
            key,
            env.original_headers,
            env.provenance,
            stage,
            reason,
            message,
            exc,
        )

    def _dead(
        self,
        value: bytes,
        key: bytes | None,
        headers: dict[str, str],
        prov: Provenance,
        stage: Stage,
        reason: str,
        message: str,
        exc: BaseException | None,
    ) -> Result:
        prov = prov.model_copy(update={"processed_at": datetime.now(UTC)})
        dl = make_dead_letter(value, key, headers, prov, stage, reason, message, exc)
        return Result(Outcome.DEADLETTER, reason, [dead_letter_message(dl, self.settings.topics.deadletter)], dl)
