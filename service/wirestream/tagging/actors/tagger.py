"""The public face of actor tagging: :class:`ActorTagger` and the hot-reloading handle.

``ActorTagger`` wraps one immutable :class:`~.lexicon.Lexicon`; tagging is a pure function of that
lexicon and the article, so one tagger can be shared by any number of threads. Dictionary updates
are picked up by :class:`ActorTaggerHandle`, which compiles the new version off to the side and then
swaps a single reference: a call that already holds the old tagger finishes with the old dictionary.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from ...models import ActorTag, Article
from .data import content_digest, default_data_dir, fingerprint
from .lexicon import Lexicon, compile_lexicon
from .resolve import tag_article


class ActorTagger:
    """Tags countries, places, people, organisations and institutions in an article."""

    __slots__ = ("data_dir", "lexicon")

    def __init__(self, lexicon: Lexicon, data_dir: Path | None = None) -> None:
        self.lexicon = lexicon
        self.data_dir = data_dir

    @classmethod
    def load(cls, path: str | Path | None = None, cache_dir: Path | None = None) -> ActorTagger:
        """Load and compile a dictionary directory (default: the packaged one).

        Compilation is memoised per content digest, so loading the same version twice (several
        pipeline stages, tests) builds the automata once; with ``cache_dir`` it is also kept on
        disk for the next process (:func:`~.lexicon.compile_lexicon`).
        """
        data_dir = Path(path) if path is not None else default_data_dir()
        digest = content_digest(data_dir)
        cache = None if cache_dir is None else str(cache_dir)
        return cls(compile_lexicon(str(data_dir.resolve()), digest, cache), data_dir)

    @property
    def version(self) -> str:
        """The dictionary VERSION; goes into every enriched record."""
        return self.lexicon.version

    def tag(self, article: Article) -> list[ActorTag]:
        """One ActorTag per distinct actor, with every mention, resolved at the article date."""
        return tag_article(self.lexicon, article)


class ActorTaggerHandle:
    """Holds the current :class:`ActorTagger` and reloads it when the data files change.

    ``current()`` costs a handful of ``stat`` calls (throttled by ``check_interval``), so it can be
    called once per batch. A change is confirmed by content digest before recompiling; the new
    lexicon is built without the lock held by readers and published with one assignment.
    """

    def __init__(self, path: str | Path | None = None, check_interval: float = 0.0) -> None:
        self._dir = Path(path) if path is not None else default_data_dir()
        self._lock = threading.Lock()
        self._interval = check_interval
        self._last_check = 0.0
        self._fingerprint = fingerprint(self._dir)
        self._tagger = ActorTagger.load(self._dir)

    @property
    def tagger(self) -> ActorTagger:
        return self._tagger

    @property
    def version(self) -> str:
        return self._tagger.version

    def current(self) -> ActorTagger:
        """The tagger to use for the next batch, reloading first if the files changed."""
        if self._interval:
            now = time.monotonic()
            if now - self._last_check < self._interval:
                return self._tagger
            self._last_check = now
        if fingerprint(self._dir) != self._fingerprint:
            self.reload()
        return self._tagger

    def reload(self, force: bool = False) -> bool:
        """Recompile if the content changed (or ``force``); returns True if the tagger was swapped.

        A broken dictionary (bad YAML, missing file) raises and leaves the current tagger in place.
        """
        with self._lock:
            fp = fingerprint(self._dir)
            digest = content_digest(self._dir)
            self._fingerprint = fp
            if not force and digest == self._tagger.lexicon.digest:
                return False
            new = ActorTagger.load(self._dir)
            self._tagger = new
            return True

    def tag(self, article: Article) -> list[ActorTag]:
        return self.current().tag(article)
