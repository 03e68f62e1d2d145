"""The A/B options of ``bench.e2e digest`` and ``bench.latency``: which run gets which worker setting.

Why tested: a comparison whose override silently lands on both runs (or on neither) reports two
identical configurations as a measured difference of zero, or the neighbours' drift as an effect.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.e2e import cpu_figures, parse_sets, stored_bytes


def test_a_labelled_setting_goes_to_that_run_only() -> None:
    out = parse_sets(["snappy:producer_compression=snappy"], ["zstd", "snappy"])
    assert out == {"zstd": {}, "snappy": {"producer_compression": "snappy"}}


def test_an_unlabelled_setting_goes_to_every_run() -> None:
    out = parse_sets(["producer_linger_ms=10", "B:producer_compression=none"], ["A", "B"])
    assert out == {"A": {"producer_linger_ms": "10"}, "B": {"producer_linger_ms": "10", "producer_compression": "none"}}


def test_a_value_may_hold_colons_and_equals() -> None:
    # the label is only what precedes the first ':' when no '=' comes before it
    out = parse_sets(["kafka__bootstrap_servers=h:9092", "B:x=a=b"], ["A", "B"])
    assert out["A"] == {"kafka__bootstrap_servers": "h:9092"}
    assert out["B"] == {"kafka__bootstrap_servers": "h:9092", "x": "a=b"}


@pytest.mark.parametrize("spec", ["C:producer_linger_ms=1", "B:", "producer_linger_ms", "=3"])
def test_an_unknown_label_or_a_malformed_setting_stops_the_bench(spec: str) -> None:
    with pytest.raises(SystemExit):
        parse_sets([spec], ["A", "B"])


def test_cpu_figures_report_the_kernel_share_apart() -> None:
    cpu = {"n0": 100, "n1": 1100, "cpu0": 1.0, "cpu1": 6.0, "sys0": 0.2, "sys1": 0.3}
    out = cpu_figures(cpu)
    assert out["cpu_ms_per_article"] == 5.0
    assert out["sys_ms_per_article"] == 0.1
    assert "sys_ms_per_article" not in cpu_figures({"n0": 0, "n1": 10, "cpu0": 0.0, "cpu1": 1.0})


def test_stored_bytes_count_only_the_runs_topics_segments(tmp_path: Path) -> None:
    for name, files in {"p0.zstd.wire.enriched-0": {"00.log": 300, "00.index": 50},
                        "p0.zstd.wire.raw-3": {"00.log": 20},
                        "p0.zstd2.wire.enriched-0": {"00.log": 999},  # another run: its prefix differs
                        "p1.zstd.wire.enriched-0": {"00.log": 777}}.items():  # fmt: skip
        (tmp_path / name).mkdir()
        for f, size in files.items():
            (tmp_path / name / f).write_bytes(b"x" * size)
    assert stored_bytes(tmp_path, "p0.zstd.") == 320
    assert stored_bytes(tmp_path, "p2.zstd.") == 0
