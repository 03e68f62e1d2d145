"""Hot reload: new dictionary versions are compiled beside the old one and swapped atomically."""

from __future__ import annotations

import shutil
import threading

import pytest

from wirestream.tagging.actors import ActorTaggerHandle
from wirestream.tagging.actors.data import default_data_dir

from .conftest import make_article

NEW_PERSON = "  - {id: test-person, name: Zorblat Quux, country: FRA, terms: [[fm, FRA, 2030-01-01, null]]}\n"


@pytest.fixture()
def data_dir(tmp_path):
    target = tmp_path / "actors"
    shutil.copytree(default_data_dir(), target)
    return target


def test_reload_on_change_and_in_flight_consistency(data_dir):
    handle = ActorTaggerHandle(data_dir)
    old = handle.current()
    article = make_article("Zorblat Quux met Emmanuel Macron in Paris.", date="2031-01-01")
    assert not any(t.name == "Zorblat Quux" for t in old.tag(article))
    assert handle.current() is old  # nothing changed: same tagger, no recompile

    with (data_dir / "people.yaml").open("a", encoding="utf-8") as fh:
        fh.write(NEW_PERSON)
    (data_dir / "VERSION").write_text("test-2\n", encoding="utf-8")

    new = handle.current()
    assert new is not old and new.version == "test-2" and handle.version == "test-2"
    tags = new.tag(article)
    quux = next(t for t in tags if t.name == "Zorblat Quux")
    assert (quux.country, quux.office) == ("FRA", "foreign_minister")
    # a call holding the old tagger still sees the old dictionary
    assert old.version != "test-2"
    assert not any(t.name == "Zorblat Quux" for t in old.tag(article))


def test_explicit_reload_and_broken_data_keeps_current(data_dir):
    handle = ActorTaggerHandle(data_dir)
    before = handle.tagger
    assert handle.reload() is False  # same content
    (data_dir / "people.yaml").write_text("people: [unclosed\n", encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - any parse error must surface
        handle.reload()
    assert handle.tagger is before


def test_concurrent_callers_always_get_a_complete_tagger(data_dir):
    handle = ActorTaggerHandle(data_dir)
    article = make_article("Keir Starmer spoke in London.", date="2025-07-04")
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(30):
                tags = handle.current().tag(article)
                assert any(t.name == "Keir Starmer" for t in tags)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    (data_dir / "VERSION").write_text("test-3\n", encoding="utf-8")
    handle.reload()
    for t in threads:
        t.join()
    assert not errors
    assert handle.version == "test-3"
