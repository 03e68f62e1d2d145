"""The real wire sample from /work/shared (skipped when the shared data is not mounted)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wirestream.models import BlockKind, SourceFormat

from .conftest import SAMPLE, Run

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason=f"{SAMPLE} not available")


def _source_paragraphs() -> list[str]:
    text = SAMPLE.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    paragraphs[0] = paragraphs[0].removeprefix("date 2025-07-04").strip()
    return paragraphs


def test_sample_wire_file(run: Run) -> None:
    a = run(SAMPLE.read_bytes())
    assert a.source_format is SourceFormat.TEXT
    assert a.published == datetime(2025, 7, 4, tzinfo=UTC)
    assert a.language == "en"
    assert a.subheads == ["Strikes", "Evidence"]
    # every paragraph of the source kept, in order, with nothing added or lost
    assert [b.text for b in a.blocks] == _source_paragraphs()
    assert a.blocks[0].kind is BlockKind.PARAGRAPH
    assert a.paragraphs[0].startswith("Sir Keir Starmer and Emmanuel Macron will host")
    # derived headline: the lede's first sentence, without its full stop
    assert a.headline == (
        "Sir Keir Starmer and Emmanuel Macron will host a meeting of the coalition of the "
        "willing when the French President visits Britain next week"
    )
    assert "France’s leader" in a.body  # curly apostrophe kept
    assert a.dateline is None and a.boilerplate == []
    for b in a.blocks:
        assert a.body[b.start : b.end] == b.text
    assert a.article_id == f"sha:{a.content_hash}" == a.story_id
