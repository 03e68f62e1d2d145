"""Desk labels at the start of agency headlines (session 15): Reuters' "UPDATE 2-", "CORRECTED-",
"REFILE-", AFP's "URGENT -". They go to ``headline_labels``; the headline keeps the story's words, so
two updates of one story have one headline. Look-alikes (mixed case, a hyphenated name, a label with
nothing after it) are left alone."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from wirestream.models import Article, Provenance, RawInput
from wirestream.normalise import normalise
from wirestream.normalise.headline import split_headline_labels
from wirestream.settings import NormaliseSettings

BODY = "ABUJA, Nov 25 (Reuters) - Nigeria's central bank kept its benchmark interest rate unchanged on Tuesday."


def _json(headline: str) -> Article:
    value = orjson.dumps({"id": "r1", "headline": headline, "body": BODY, "language": "en"})
    prov = Provenance(topic="wire.raw", partition=0, offset=0, received_at=datetime.now(UTC))
    return normalise(RawInput(value=value, provenance=prov), NormaliseSettings())


@pytest.mark.parametrize(
    ("headline", "labels", "rest"),
    [
        ("UPDATE 2-Nigeria central bank holds rates", ["UPDATE 2"], "Nigeria central bank holds rates"),
        ("CORRECTED-UPDATE 1-Kenya to send police", ["CORRECTED", "UPDATE 1"], "Kenya to send police"),
        ("REFILE-Kenya to send police", ["REFILE"], "Kenya to send police"),
        ("URGENT - Kenya to send police", ["URGENT"], "Kenya to send police"),
        ("EXCLUSIVE: Kenya plans more deployments", ["EXCLUSIVE"], "Kenya plans more deployments"),
        ("Update on talks expected Friday", [], "Update on talks expected Friday"),
        ("UK-Kenya deal signed", [], "UK-Kenya deal signed"),
        ("UPDATE 2-", [], "UPDATE 2-"),
    ],
)
def test_labels_come_off_the_headline(headline: str, labels: list[str], rest: str) -> None:
    assert split_headline_labels(headline) == (labels, rest)


def test_the_article_keeps_the_labels_and_two_updates_share_a_headline() -> None:
    one, two = _json("UPDATE 1-Nigeria holds rates"), _json("UPDATE 2-Nigeria holds rates")
    assert one.headline == two.headline == "Nigeria holds rates"
    assert (one.headline_labels, two.headline_labels) == (["UPDATE 1"], ["UPDATE 2"])
    assert _json("Nigeria holds rates").headline_labels == []
