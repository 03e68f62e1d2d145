"""The deduplication decision: plain, synchronous, testable without Kafka.

:class:`Deduplicator` answers one question per article — *have we already published this
story?* — and records the answer in a :class:`~wirestream.dedupe.state.DedupeState`. The order of
the checks is what makes the statuses unambiguous:

1. replay of an input already decided (same ``source`` reference) -> the stored result, so a
   crash between the state write and the produce repeats the same output (at-least-once);
2. kill (pubstatus canceled/withheld) -> ``KILL`` (known or unknown story; both remembered);
3. a story already killed -> ``KILLED``;
4. same agency id + version already seen (or already held) -> ``EXACT``;
5. embargo in the future -> ``HELD`` (released by :meth:`Deduplicator.release_embargoes`);
6. known story_id: older version -> ``STALE_VERSION``; newer (or different text) -> ``NEW_VERSION``;
7. same content hash -> ``EXACT``;  8. near-duplicate body -> ``NEAR``;  9. otherwise ``NEW``.

Kills never go through content matching: kill notices share boilerplate text across stories.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..models import Article, DedupeResult, DedupeStatus, PubStatus
from ..settings import DedupeSettings
from .index import NearDupIndex
from .records import (
    ArticleRec,
    HashRec,
    LogRec,
    StoryRec,
    article_seq,
    decode_article,
    decode_hash,
    decode_log,
    decode_story,
    encode_article,
    encode_hash,
    encode_log,
    encode_story,
)
from .shingles import Sketch, sketch_text
from .state import DedupeState

_KILL_STATUSES = frozenset({PubStatus.CANCELED, PubStatus.WITHHELD})
QUERY_KEY_FACTOR = 2
EXPIRE_BATCH = 5000  # log entries expired per call, so one call never stalls the stream


def body_sketch(body: str, settings: DedupeSettings) -> Sketch:
    """The sketch of an article body, with twice as many query keys as are indexed.

    Querying with the 2m smallest hashes while indexing only the m smallest costs nothing in
    memory and finds the pairs where the stored article's smallest hashes rank just below m in
    the query (the query is a longer version of the stored text).
    """
    return sketch_text(body, settings.shingle_size, QUERY_KEY_FACTOR * settings.candidate_keys)


def new_index(settings: DedupeSettings) -> NearDupIndex:
    return NearDupIndex(keys_per_article=settings.candidate_keys, max_bucket=settings.max_bucket)


def _minute(t: datetime) -> int:
    return int(t.timestamp() // 60)


def _article_key(article_id: str, version: int | None) -> str:
    return f"{article_id}\x1f{'' if version is None else version}"


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def compare_versions(article: Article, story: StoryRec) -> int:
    """+1 if ``article`` is newer than the story's latest, -1 if older, 0 if it cannot tell.

    The agency version number wins; ``version_created`` decides only when numbers are missing
    or equal (some feeds never send a number, some resend the same number with a new time).
    """
    v_new, v_old = article.version, story.v
    if v_new is not None and v_old is not None and v_new != v_old:
        return 1 if v_new > v_old else -1
    t_new, t_old = article.version_created, _parse_time(story.vc)
    if t_new is not None and t_old is not None and t_new != t_old:
        return 1 if t_new > t_old else -1
    return 0


@dataclass(slots=True)
class _Scope:
    """In-memory views of one state partition, rebuilt from the tables when missing or stale."""

    index: NearDupIndex
    next: int = 0  # the next free log slot (see ``Deduplicator._next_seq``)
    held: list[tuple[float, str]] = field(default_factory=list)  # heap of (due epoch s, article_id)


class Deduplicator:
    """Decide whether an article is new, a new version, a duplicate, a kill or held.

    All durable facts live in ``state``; the object itself only caches the near-duplicate index
    and the embargo heap, so a new ``Deduplicator`` over the same state behaves identically
    (restart), and a rebalance (state generation change) simply drops the caches.
    """

    def __init__(self, settings: DedupeSettings, state: DedupeState) -> None:
        self.settings = settings
        self.state = state
        self._scopes: dict[object, _Scope] = {}
        self._generation = state.generation()

    # ------------------------------------------------------------------ public API

    def decide(self, article: Article, now: datetime, *, source: str | None = None) -> DedupeResult:
        """Classify ``article`` at time ``now`` and record it.

        ``source`` is an idempotency reference for the input (e.g. ``"topic:partition:offset"``
        of the raw record). When the same input is decided twice — the worker crashed after the
        state write but before its output was produced — the first result is returned again
        instead of "duplicate of itself".
        """
        sc = self._scope()
        st = self.state
        akey = _article_key(article.article_id, article.version)
        prev: ArticleRec | None = decode_article(st.articles.get(akey), article.article_id)
        if prev is not None and source is not None and prev.src == source:
            return prev.r

        story = decode_story(st.stories.get(article.story_id))
        if article.pubstatus in _KILL_STATUSES:
            return self._kill(sc, article, story, now, source)
        if story is not None and story.k:
            return DedupeResult(
                status=DedupeStatus.KILLED,
                cluster_id=story.c,
                duplicate_of=story.a,
                reason="story was killed",
            )
        if prev is not None or article.article_id in st.embargoes:
            first = prev.r.cluster_id if prev is not None else article.article_id
            return DedupeResult(
                status=DedupeStatus.EXACT,
                cluster_id=first,
                duplicate_of=article.article_id,
                similarity=1.0,
                reason="same agency id and version" if prev is not None else "already held",
            )
        if article.embargoed is not None and article.embargoed > now:
            return self._hold(sc, article)

        if story is not None:
            order = compare_versions(article, story)
            if order < 0:
                return DedupeResult(
                    status=DedupeStatus.STALE_VERSION,
                    cluster_id=story.c,
                    duplicate_of=story.a,
                    reason=f"older than version {story.v} already seen",
                )
            if not story.d:
                if order == 0 and story.h == article.content_hash:
                    return DedupeResult(
                        status=DedupeStatus.EXACT,
                        cluster_id=story.c,
                        duplicate_of=story.a,
                        similarity=1.0,
                        reason="same story and text",
                    )
                return self._record(
                    sc, article, now, source, None,
                    DedupeResult(
                        status=DedupeStatus.NEW_VERSION,
                        cluster_id=story.c,
                        supersedes=story.a,
                        reason="newer version" if order > 0 else "same story, different text",
                    ),
                    story, None,
                )  # fmt: skip

        hit = decode_hash(st.hashes.get(article.content_hash))
        if hit is not None and not (hit.a == article.article_id and story is None and prev is None):
            return self._duplicate(DedupeStatus.EXACT, hit.a, hit.c, hit.s, 1.0, "same text")
        # A hash record naming this very article while its ``articles`` and ``stories`` records are
        # missing cannot come from one ``_record`` call: each Faust table restores from its own
        # changelog, so after a rebalance or crash ``hashes`` can be ahead of the others. It is this
        # article's own earlier decision, partly restored; deciding on (the near-dup check skips the
        # article's own story) gives the first verdict again and rewrites the missing records,
        # instead of calling the article a duplicate of itself (docs/reliability.md, finding 7).

        sketch = body_sketch(article.body, self.settings)
        if sketch.size >= self.settings.min_shingles:
            for m in sc.index.query(sketch, self.settings.near_threshold, self.settings.near_min_jaccard):
                rec = decode_log(st.log.get(str(m.slot)))
                if rec is None or rec.s == article.story_id:
                    continue
                return self._duplicate(
                    DedupeStatus.NEAR, rec.a, rec.c, rec.s, round(m.similarity, 4), f"body overlap {m.similarity:.2f}",
                    record=(sc, article, now, source, sketch, story, hit is not None),
                )  # fmt: skip

        if story is not None:  # the story was itself a copy; this version matches nothing seen
            result = DedupeResult(
                status=DedupeStatus.NEW_VERSION,
                cluster_id=story.c,
                supersedes=story.a,
                reason="newer version of a syndicated copy, new text",
            )
        else:
            result = DedupeResult(status=DedupeStatus.NEW, cluster_id=article.article_id)
        return self._record(sc, article, now, source, sketch, result, story, hit is not None)

    def release_embargoes(self, now: datetime) -> list[tuple[Article, DedupeResult]]:
        """Pop every held article whose embargo has passed and decide it as if it arrived now.

        Also runs a bounded retention pass, so one periodic call (a Faust timer that sends a tick
        through the dedupe topic) is all the housekeeping the shell needs.
        """
        sc = self._scope()
        st = self.state
        due_ts = now.timestamp()
        out: list[tuple[Article, DedupeResult]] = []
        while sc.held and sc.held[0][0] <= due_ts:
            _, article_id = heapq.heappop(sc.held)
            rec = st.embargoes.get(article_id)
            if rec is None:
                continue
            del st.embargoes[article_id]
            article = Article.model_validate_json(rec["art"])
            out.append((article, self.decide(article, now)))
        if out:
            st.meta["held"] = [list(x) for x in sorted(sc.held)]
        self.expire(now)
        return out

    def due_embargoes(self, now: datetime) -> list[Article]:
        """The released articles of :meth:`release_embargoes`, without their results.

        Each one has already been decided (and recorded) when this returns; a caller that needs
        the status (a released copy may be a duplicate of a story published meanwhile) should use
        :meth:`release_embargoes` instead.
        """
        return [article for article, _ in self.release_embargoes(now)]

    def expire(self, now: datetime, limit: int = EXPIRE_BATCH) -> int:
        """Forget articles recorded more than ``retention_days`` before ``now``; return how many.

        Walks the arrival-ordered log from its oldest end, so the cost is proportional to what
        expires. Each pointer table entry is deleted only if it still points at the expiring log
        entry (a later version or copy may have replaced it).
        """
        sc = self._scope()
        st = self.state
        cutoff = _minute(now - timedelta(days=self.settings.retention_days))
        low = int(st.meta.get("low", 0))
        nxt = sc.next
        if int(st.meta.get("next", 0)) < nxt:
            st.meta["next"] = nxt  # a hint for the next load, written once per call (see _next_seq)
        seq, removed = low, 0
        while seq < nxt and removed < limit:
            rec = decode_log(st.log.get(str(seq)))
            if rec is not None:
                if rec.t >= cutoff:
                    break
                del st.log[str(seq)]
                sc.index.remove(seq)
                story = decode_story(st.stories.get(rec.s))
                if story is not None and story.q == seq:
                    del st.stories[rec.s]
                if rec.h is not None:
                    first = decode_hash(st.hashes.get(rec.h))
                    if first is not None and first.q == seq:
                        del st.hashes[rec.h]
                akey = _article_key(rec.a, rec.v)
                if article_seq(st.articles.get(akey)) == seq:
                    del st.articles[akey]
                removed += 1
            seq += 1
        if seq != low:
            st.meta["low"] = seq
        if removed:
            sc.index.flush()
        return removed

    def index_size(self) -> int:
        """Articles in the in-memory near-duplicate index(es) already loaded; never reads state."""
        return sum(len(sc.index) for sc in self._scopes.values())

    def reset(self) -> None:
        """Drop every cache; they are rebuilt from state on next use."""
        self._scopes.clear()

    # ------------------------------------------------------------------ internals

    def _scope(self) -> _Scope:
        gen = self.state.generation()
        if gen != self._generation:
            self._scopes.clear()
            self._generation = gen
        key = self.state.scope()
        sc = self._scopes.get(key)
        if sc is None:
            sc = self._scopes[key] = self._load()
        return sc

    def _load(self) -> _Scope:
        """Rebuild the index from the log (by key, never by iteration; see state docs)."""
        st = self.state
        index = new_index(self.settings)
        seq = int(st.meta.get("low", 0))
        end = int(st.meta.get("next", 0))
        # "next" is only a hint (see _next_seq): the log goes on to its first free slot after it.
        while True:
            rec = decode_log(st.log.get(str(seq)))
            if rec is None and seq >= end:
                break
            if rec is not None and rec.k:
                index.add(seq, Sketch.decode(rec.k))
            seq += 1
        index.flush()
        held = [(float(due), str(aid)) for due, aid in st.meta.get("held", [])]
        heapq.heapify(held)
        return _Scope(index=index, next=seq, held=held)

    @staticmethod
    def _next_seq(sc: _Scope) -> int:
        """The next free log slot, counted in memory.

        The log is written in slot order and expired from its oldest end, so after ``low`` it is
        contiguous: :meth:`_load` finds the first free slot by walking it (it reads every entry to
        rebuild the index anyway). ``meta["next"]`` is only a hint, written by :meth:`expire`
        (once per tick), so that a gap left by older state does not stop the walk early. Reusing
        an occupied slot would silently drop an earlier article from the near-duplicate index
        (found by the 10-kill soak test when the counter was a table entry restored behind the log).
        Why not a table entry per article, as before: it was one more changelog record and two
        RocksDB reads (the counter and the slot) for every recorded article.
        """
        seq = sc.next
        sc.next = seq + 1
        return seq

    def _duplicate(
        self,
        status: DedupeStatus,
        article_id: str,
        cluster_id: str,
        story_id: str,
        similarity: float,
        reason: str,
        record: tuple[_Scope, Article, datetime, str | None, Sketch, StoryRec | None, bool] | None = None,
    ) -> DedupeResult:
        story = decode_story(self.state.stories.get(story_id))
        if story is not None and story.k:
            status, reason = DedupeStatus.KILLED, f"copy of a killed story ({reason})"
            record = None
        result = DedupeResult(
            status=status,
            cluster_id=cluster_id,
            duplicate_of=article_id,
            similarity=similarity,
            reason=reason,
        )
        if record is not None:
            sc, article, now, source, sketch, story, hash_known = record
            return self._record(sc, article, now, source, sketch, result, story, hash_known)
        return result

    def _record(
        self,
        sc: _Scope,
        article: Article,
        now: datetime,
        source: str | None,
        sketch: Sketch | None,
        result: DedupeResult,
        old: StoryRec | None,
        hash_known: bool | None,
    ) -> DedupeResult:
        """Persist an article that becomes part of what later arrivals are compared with.

        NEAR copies are indexed too: a copy of a copy then still finds its cluster. ``old`` is the
        article's story record as :meth:`decide` read it, and ``hash_known`` whether ``hashes``
        holds its content hash (``None``: not looked up yet), so neither is read twice.
        """
        st = self.state
        if sketch is None:
            sketch = body_sketch(article.body, self.settings)
        indexed = sketch.size >= self.settings.min_shingles
        seq = self._next_seq(sc)
        aid, sid, h = article.article_id, article.story_id, article.content_hash
        st.log[str(seq)] = encode_log(
            LogRec(aid, sid, h, article.version, result.cluster_id,
                   sketch.encode(self.settings.candidate_keys) if indexed else None, _minute(now))
        )  # fmt: skip
        if indexed:
            sc.index.add(seq, sketch)
        if not (h in st.hashes if hash_known is None else hash_known):
            st.hashes[h] = encode_hash(HashRec(aid, result.cluster_id, sid, seq))
        st.articles[_article_key(aid, article.version)] = encode_article(ArticleRec(h, result, source, seq), aid)
        st.stories[sid] = encode_story(
            StoryRec(
                a=aid,
                v=article.version,
                vc=article.version_created.isoformat() if article.version_created else None,
                c=result.cluster_id,
                k=False,
                d=old.d if old is not None else result.status is DedupeStatus.NEAR,
                h=h,
                q=seq,
            )
        )
        return result

    def _kill(
        self, sc: _Scope, article: Article, story: StoryRec | None, now: datetime, source: str | None
    ) -> DedupeResult:
        st = self.state
        aid = article.article_id
        if story is not None and story.k:
            return DedupeResult(
                status=DedupeStatus.KILLED,
                cluster_id=story.c,
                duplicate_of=story.a,
                reason="story already killed",
            )
        if story is not None:
            result = DedupeResult(
                status=DedupeStatus.KILL,
                cluster_id=story.c,
                supersedes=story.a,
                reason=f"{article.pubstatus.value}: story killed",
            )
            # The kill gets a log entry of its own, so retention also forgets its ``articles``
            # record (format 1 pointed it at the story's last entry, which expired only that
            # entry's record: the kill's stayed forever); the killed story is remembered for the
            # retention window counted from the kill.
            seq = self._next_seq(sc)
            st.log[str(seq)] = encode_log(
                LogRec(aid, article.story_id, None, article.version, story.c, None, _minute(now))
            )
            st.stories[article.story_id] = encode_story(story._replace(k=True, q=seq))
        else:
            result = DedupeResult(
                status=DedupeStatus.KILL,
                cluster_id=aid,
                reason=f"{article.pubstatus.value} for an unknown story: remembered",
            )
            seq = self._next_seq(sc)
            st.log[str(seq)] = encode_log(LogRec(aid, article.story_id, None, article.version, aid, None, _minute(now)))
            st.stories[article.story_id] = encode_story(
                StoryRec(
                    a=aid,
                    v=article.version,
                    vc=article.version_created.isoformat() if article.version_created else None,
                    c=aid,
                    k=True,
                    d=False,
                    h=None,
                    q=seq,
                )
            )
        st.articles[_article_key(aid, article.version)] = encode_article(
            ArticleRec(article.content_hash, result, source, seq), aid
        )
        return result

    def _hold(self, sc: _Scope, article: Article) -> DedupeResult:
        assert article.embargoed is not None
        due = article.embargoed.timestamp()
        st = self.state
        st.embargoes[article.article_id] = {
            "due": due,
            "s": article.story_id,
            "art": article.model_dump_json(),
        }
        heapq.heappush(sc.held, (due, article.article_id))
        st.meta["held"] = [list(x) for x in sorted(sc.held)]
        return DedupeResult(
            status=DedupeStatus.HELD,
            cluster_id=article.article_id,
            reason=f"embargoed until {article.embargoed.isoformat()}",
        )
