"""The per-article records of the dedupe state: positional, versioned, JSON-safe.

Why positional: one article leaves four records behind (``log``, ``hashes``, ``articles``,
``stories``) and a week of wire copy is ~1M articles. Format 1 wrote JSON objects (``{"a": ...,
"s": ...}``): the key names were repeated in every changelog record, and the dict backend paid a
Python dict (~360 B) per record. Format 2 writes a tuple whose first element is the format number:
a tuple in memory (the dict backend), a JSON array on the Faust tables' changelogs and in RocksDB,
with the field names written once, here. A cluster id equal to the record's own article id (every
``NEW`` article) is stored as ``None``.

Changelog compatibility: readers accept both formats, so a worker with this code restores tables
whose changelogs still hold format-1 objects (they are rewritten as format 2 when next updated,
and compaction drops the old ones). Writers only write format 2; a worker running the *old* code
cannot read format-2 records, so roll forward only (or drain the dedupe topic first).

Readers return named tuples, so the core reads fields by name whatever the stored format.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..models import DedupeResult, DedupeStatus

FORMAT = 2


class LogRec(NamedTuple):
    """``log`` seq -> one per recorded article, in arrival order (index rebuild, retention)."""

    a: str  # article id
    s: str  # story id
    h: str | None  # content hash (None for a kill of an unknown story)
    v: int | None  # agency version
    c: str  # cluster id
    k: str | None  # encoded sketch (None when too short to index)
    t: int  # epoch minute recorded


class HashRec(NamedTuple):
    """``hashes`` content_hash -> the first article with that text."""

    a: str
    c: str
    s: str
    q: int  # log seq


class ArticleRec(NamedTuple):
    """``articles`` "<article_id>\\x1f<version>" -> the decision, for exact-id checks and replay."""

    h: str | None
    r: DedupeResult
    src: str | None  # input reference ("topic:partition:offset") the decision was made for
    q: int


class StoryRec(NamedTuple):
    """``stories`` story_id -> the latest version of a story."""

    a: str  # latest article id
    v: int | None
    vc: str | None  # version_created, ISO
    c: str
    k: bool  # killed
    d: bool  # the story's first copy was a syndicated duplicate
    h: str | None
    q: int


def _own(cluster: str, article_id: str) -> str | None:
    return None if cluster == article_id else cluster


# --------------------------------------------------------------------------- log


def encode_log(r: LogRec) -> tuple[Any, ...]:
    return (FORMAT, r.a, r.s, r.h, r.v, _own(r.c, r.a), r.k, r.t)


def decode_log(raw: Any) -> LogRec | None:
    if raw is None:
        return None
    if isinstance(raw, dict):  # format 1
        return LogRec(raw["a"], raw["s"], raw.get("h"), raw.get("v"), raw["c"], raw.get("k"), int(raw["t"]))
    _, a, s, h, v, c, k, t = raw
    return LogRec(a, s, h, v, a if c is None else c, k, t)


# --------------------------------------------------------------------------- hashes


def encode_hash(r: HashRec) -> tuple[Any, ...]:
    return (FORMAT, r.a, _own(r.c, r.a), None if r.s == r.a else r.s, r.q)


def decode_hash(raw: Any) -> HashRec | None:
    if raw is None:
        return None
    if isinstance(raw, dict):
        return HashRec(raw["a"], raw["c"], raw["s"], raw.get("q", -1))
    _, a, c, s, q = raw
    return HashRec(a, a if c is None else c, a if s is None else s, q)


# --------------------------------------------------------------------------- articles

_STATUS = {s.value: s for s in DedupeStatus}


def encode_result(r: DedupeResult, article_id: str) -> tuple[Any, ...]:
    return (r.status.value, _own(r.cluster_id, article_id), r.duplicate_of, r.similarity, r.supersedes, r.reason)


def decode_result(raw: Any, article_id: str) -> DedupeResult:
    if isinstance(raw, dict):
        return DedupeResult.model_validate(raw)
    status, c, dup, sim, sup, reason = raw
    return DedupeResult(
        status=_STATUS[status],
        cluster_id=article_id if c is None else c,
        duplicate_of=dup,
        similarity=sim,
        supersedes=sup,
        reason=reason,
    )


def encode_article(r: ArticleRec, article_id: str) -> tuple[Any, ...]:
    return (FORMAT, r.h, encode_result(r.r, article_id), r.src, r.q)


def decode_article(raw: Any, article_id: str) -> ArticleRec | None:
    """``article_id`` comes from the key (it is not repeated in the value)."""
    if raw is None:
        return None
    if isinstance(raw, dict):
        return ArticleRec(raw.get("h"), decode_result(raw["r"], article_id), raw.get("src"), raw.get("q", -1))
    _, h, r, src, q = raw
    return ArticleRec(h, decode_result(r, article_id), src, q)


def article_seq(raw: Any) -> int | None:
    """The log seq of a stored ``articles`` value without decoding the result (retention)."""
    if raw is None:
        return None
    return raw.get("q") if isinstance(raw, dict) else raw[4]


# --------------------------------------------------------------------------- stories


def encode_story(r: StoryRec) -> tuple[Any, ...]:
    return (FORMAT, r.a, r.v, r.vc, _own(r.c, r.a), int(r.k), int(r.d), r.h, r.q)


def decode_story(raw: Any) -> StoryRec | None:
    if raw is None:
        return None
    if isinstance(raw, dict):
        return StoryRec(
            raw["a"], raw.get("v"), raw.get("vc"), raw["c"], bool(raw.get("k")), bool(raw.get("d")),
            raw.get("h"), raw.get("q", -1),
        )  # fmt: skip
    _, a, v, vc, c, k, d, h, q = raw
    return StoryRec(a, v, vc, a if c is None else c, bool(k), bool(d), h, q)
