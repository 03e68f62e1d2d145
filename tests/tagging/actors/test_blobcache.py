"""The compiled-dictionary disk cache: used only under the same key, rebuilt when unreadable, same tags.

A worker start reads the actor lexicon from ``Settings.tagger_cache_dir`` instead of compiling it
(``tagging/blobcache.py``); what must hold is that a cached lexicon tags exactly like a compiled
one, that a different key never reads another's blob, and that a broken file costs a rebuild, not a
worker.
"""

from __future__ import annotations

import os
from dataclasses import fields
from pathlib import Path

import pytest

from wirestream.settings import Settings
from wirestream.tagging.actors import ActorTagger
from wirestream.tagging.actors.data import content_digest, default_data_dir, read_raw
from wirestream.tagging.actors.lexicon import _freeze, _thaw, build_lexicon, compile_lexicon
from wirestream.tagging.actors.scan import Rules
from wirestream.tagging.blobcache import KEEP, cached_blob, code_key

from .conftest import make_article


class Builds:
    def __init__(self, blob: bytes) -> None:
        self.blob, self.calls = blob, 0

    def __call__(self) -> bytes:
        self.calls += 1
        return self.blob


def test_a_blob_is_built_once_per_key_and_read_back(tmp_path: Path) -> None:
    build = Builds(b"one")
    assert cached_blob(tmp_path, "x", b"k1", build) == b"one"
    assert cached_blob(tmp_path, "x", b"k1", Builds(b"other")) == b"one"  # read, not rebuilt
    assert build.calls == 1
    other = Builds(b"two")
    assert cached_blob(tmp_path, "x", b"k2", other) == b"two"  # another key never reads k1's blob
    assert other.calls == 1
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == ["x", "x"]  # no temporary left


def test_only_the_newest_blobs_of_a_name_are_kept(tmp_path: Path) -> None:
    for i in range(KEEP + 2):
        cached_blob(tmp_path, "x", f"k{i}".encode(), Builds(f"v{i}".encode()))
        os.utime(next(p for p in tmp_path.glob("x-*.pickle") if p.read_bytes() == f"v{i}".encode()), (i, i))
    cached_blob(tmp_path, "y", b"k", Builds(b"y"))  # another name is not counted with x
    kept = sorted(p.read_bytes() for p in tmp_path.glob("x-*.pickle"))
    assert kept == sorted(f"v{i}".encode() for i in range(2, KEEP + 2))
    assert (tmp_path / next(p.name for p in tmp_path.glob("y-*.pickle"))).read_bytes() == b"y"


def test_no_cache_dir_always_builds_and_an_unwritable_cache_is_bypassed(tmp_path: Path) -> None:
    build = Builds(b"b")
    assert cached_blob(None, "x", b"k", build) == b"b"
    assert cached_blob(None, "x", b"k", build) == b"b"
    assert build.calls == 2
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert cached_blob(blocker / "sub", "x", b"k", build) == b"b"  # cannot mkdir: logged, built
    assert build.calls == 3


def test_the_key_follows_the_code_and_the_libraries(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("A = 1\n")
    first = code_key(tmp_path, ["pyyaml"])
    assert code_key(tmp_path, ["pyyaml"]) == first
    assert code_key(tmp_path, ["pyyaml", "pycountry"]) != first
    (tmp_path / "m.py").write_text("A = 2\n")
    assert code_key(tmp_path, ["pyyaml"]) != first


def test_the_key_follows_a_mypyc_builds_shared_library(tmp_path: Path) -> None:
    """The compiled code of a mypyc build lives at the import root, beside the top-level package."""
    package = tmp_path / "top" / "sub"
    package.mkdir(parents=True)
    for d in (tmp_path / "top", package):
        (d / "__init__.py").write_text("")
    (package / "m.cpython-311-x86_64-linux-gnu.so").write_bytes(b"\0shim of 0123abcd__mypyc\0")
    library = tmp_path / "0123abcd__mypyc.cpython-311-x86_64-linux-gnu.so"
    other = tmp_path / "ffff0000__mypyc.cpython-311-x86_64-linux-gnu.so"  # another package's build
    library.write_bytes(b"compiled 1")
    other.write_bytes(b"other 1")
    first = code_key(package, [])
    other.write_bytes(b"other 2")
    assert code_key(package, []) == first  # only the library the shims name counts
    library.write_bytes(b"compiled 2")
    assert code_key(package, []) != first


def test_settings_name_the_cache_or_none() -> None:
    assert Settings(tagger_cache_dir=Path("/c")).tagger_cache_path == Path("/c")
    assert Settings(tagger_cache=False, tagger_cache_dir=Path("/c")).tagger_cache_path is None


ARTICLE = make_article(
    [
        "KYIV, July 4 (Reuters) - Russia launched drones at Kyiv overnight, Ukrainian officials said.",
        "British Prime Minister Keir Starmer spoke with French President Emmanuel Macron and NATO leaders "
        "in London about Ukraine and the United States.",
    ],
    headline="Russia strikes Kyiv as Starmer and Macron talk",
)


@pytest.mark.slow
def test_a_cached_lexicon_tags_like_a_compiled_one_and_a_broken_file_is_rebuilt(
    tagger: ActorTagger, tmp_path: Path
) -> None:
    compile_once = compile_lexicon.__wrapped__  # past the in-process memo: what a new process does
    data_dir = default_data_dir()
    digest = content_digest(data_dir)
    written = compile_once(str(data_dir.resolve()), digest, str(tmp_path))
    (blob,) = tmp_path.glob("actors-lexicon-*.pickle")
    read = compile_once(str(data_dir.resolve()), digest, str(tmp_path))
    expected = tagger.tag(ARTICLE)  # compiled in this process, no cache
    assert len(expected) >= 5
    assert ActorTagger(written).tag(ARTICLE) == expected
    assert ActorTagger(read).tag(ARTICLE) == expected

    blob.write_bytes(b"\x80\x05not a pickle")
    rebuilt = compile_once(str(data_dir.resolve()), digest, str(tmp_path))
    assert ActorTagger(rebuilt).tag(ARTICLE) == expected
    assert blob.stat().st_size > 1_000_000  # replaced by a good one


@pytest.mark.slow
def test_every_rules_field_comes_back_from_the_pickle_as_built() -> None:
    """Every lexicon a worker uses is a thawed pickle (:func:`_thaw`, cache or none), so a rules field
    the pickle cannot hold (a read-only mapping inside another: "cannot pickle 'mappingproxy'") or
    gives back changed would break every worker; compared with the lexicon as built, field by field."""
    built = build_lexicon(read_raw(default_data_dir()))
    back = _thaw(_freeze(built))
    for f in fields(Rules):
        want, got = getattr(built.rules, f.name), getattr(back.rules, f.name)
        assert type(got) is type(want), f.name
        assert got == want, f.name
