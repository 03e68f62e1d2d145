"""Plain wire text whose first line is a headline longer than a subhead (session 15).

Agency headlines run 60–120 characters (EFE, AFP, dpa); a bare first line of that length above the
lede was read as the lede itself, so the real lede's dateline ("Bogotá, 20 nov (EFE).-") was never
looked for and the headline was derived from the headline line. Sentences that end in punctuation,
and single-block texts, are unchanged.
"""

from __future__ import annotations

from datetime import UTC, datetime

from wirestream.models import Article, BlockKind, Provenance, RawInput
from wirestream.normalise import normalise
from wirestream.settings import NormaliseSettings

HEADLINE = "Petro acusa a Estados Unidos de violar la soberanía de Colombia"
LEDE = (
    "El presidente de Colombia, Gustavo Petro, acusó este jueves al Gobierno de Estados Unidos de violar "
    "la soberanía colombiana tras el ataque a una lancha en el Caribe."
)


def _text(body: str) -> Article:
    prov = Provenance(topic="wire.raw", partition=0, offset=0, received_at=datetime.now(UTC))
    return normalise(RawInput(value=body.encode(), provenance=prov), NormaliseSettings())


def test_a_long_bare_first_line_is_the_headline_and_the_lede_keeps_its_dateline() -> None:
    assert len(HEADLINE) > 60
    article = _text(f"{HEADLINE}\n\nBogotá, 20 nov (EFE).- {LEDE}\n\nPetro pidió una explicación.\n")
    assert article.headline == HEADLINE
    assert article.dateline is not None and article.dateline.agency == "EFE"
    assert article.dateline.place == "Bogotá"
    assert article.body.startswith("El presidente de Colombia")
    assert HEADLINE not in article.body


def test_a_first_line_that_is_a_sentence_stays_the_lede() -> None:
    first = "Colombia's president accused the United States on Thursday of violating its sovereignty."
    article = _text(f"{first}\n\nPetro asked Washington for an explanation.\n")
    assert article.body.startswith(first)
    assert article.blocks[0].kind is BlockKind.PARAGRAPH


def test_a_bare_line_over_the_headline_limit_stays_a_paragraph() -> None:
    long_line = " ".join(["Petro acusa a Estados Unidos de violar la soberanía"] * 4)  # 28 words, no final stop
    article = _text(f"{long_line}\n\n{LEDE}\n")
    assert article.body.startswith(long_line)


def test_a_single_bare_line_is_still_the_body() -> None:
    article = _text(f"{HEADLINE}\n")
    assert article.body == HEADLINE
