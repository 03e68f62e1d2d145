""" "Former" in French, Spanish, Portuguese, Italian and German: a title after it is a past holder's
(an elite of that country), never today's holder, as in English (sentences written for these tests)."""

from __future__ import annotations

import pytest

from .conftest import make_article


@pytest.mark.parametrize(
    ("lang", "text", "elite"),
    [
        ("fr", "L'ancien président français a critiqué le gouvernement.", "FRAELI"),
        ("fr", "L'ancienne ministre allemande des Affaires étrangères a parlé.", "DEUELI"),
        ("es", "El antiguo presidente francés habló en Madrid.", "FRAELI"),
        ("pt", "O antigo presidente francês falou em Lisboa.", "FRAELI"),
        ("it", "L'ex presidente francese ha parlato a Roma.", "FRAELI"),
        ("de", "Der ehemalige französische Präsident sprach in Berlin.", "FRAELI"),
        ("de", "Der frühere US-Präsident sprach in Berlin.", None),
    ],
)
def test_former_is_not_todays_holder(tagger, lang, text, elite):
    tags = tagger.tag(make_article(text, language=lang, date="2025-07-04"))
    ids = {t.actor_id for t in tags}
    assert not any(i.startswith("person:") for i in ids), ids
    assert any(t.role == "ELI" for t in tags)
    if elite is not None:
        assert elite in ids


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("fr", "Le président français a critiqué le gouvernement.", "person:emmanuel-macron"),
        ("de", "Der französische Präsident sprach in Berlin.", "person:emmanuel-macron"),
        ("pt", "O presidente francês falou em Lisboa.", "person:emmanuel-macron"),
    ],
)
def test_without_former_the_title_is_todays_holder(tagger, lang, text, person):
    ids = {t.actor_id for t in tagger.tag(make_article(text, language=lang, date="2025-07-04"))}
    assert person in ids
