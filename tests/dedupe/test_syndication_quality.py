"""Pairwise precision/recall of near-duplicate detection on the generated syndication set."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dedupe_articles import T0
from syndication_corpus import generate, pairwise

from wirestream.dedupe import Deduplicator, InMemoryDedupeState
from wirestream.models import DedupeStatus
from wirestream.settings import DedupeSettings


@pytest.mark.parametrize("seed", [7, 11, 23])
def test_pairwise_precision_recall(seed: int) -> None:
    corpus = generate(seed=seed)
    assert corpus.n_clusters >= 50
    assert corpus.n_stories - corpus.n_clusters >= 200  # distinct stories that are never copied
    dedup = Deduplicator(DedupeSettings(), InMemoryDedupeState())
    predicted: dict[str, str] = {}
    statuses: dict[DedupeStatus, int] = {}
    for i, article in enumerate(corpus.articles):
        result = dedup.decide(article, T0 + timedelta(seconds=i))
        predicted[article.article_id] = result.cluster_id
        statuses[result.status] = statuses.get(result.status, 0) + 1
    precision, recall, tp, fp, fn = pairwise(corpus.truth, predicted)
    print(
        f"\nseed={seed} articles={len(corpus.articles)} clusters={corpus.n_clusters} "
        f"stories={corpus.n_stories} true_pairs={tp + fn} P={precision:.4f} R={recall:.4f} "
        f"tp={tp} fp={fp} fn={fn} statuses={ {k.value: v for k, v in statuses.items()} }"
    )
    assert precision >= 0.98
    assert recall >= 0.95
