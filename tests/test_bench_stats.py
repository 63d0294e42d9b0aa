"""`bench/interaction.py`'s bootstrap interval of a median ratio: what a single run's ratio is printed with."""

from __future__ import annotations

import random

import pytest

from bench.interaction import PageResult, Rep, ratio_interval


def _page(name: str, redraws_s: list[float]) -> PageResult:
    return PageResult(name, "", [Rep("ArrowRight", s, s, s, 0.0, None, None, 0, 0.0) for s in redraws_s])


def test_a_constant_ratio_has_no_spread():
    chart = [0.09 + 0.001 * i for i in range(30)]
    assert ratio_interval(_page("ours", [1.5 * s for s in chart]), _page("chart", chart)) == pytest.approx((1.5, 1.5))


def test_noisy_reps_give_an_interval_around_the_ratio_that_narrows_with_more_reps():
    rng = random.Random(3)
    chart = [rng.gauss(0.100, 0.010) for _ in range(400)]
    ours = [rng.gauss(0.160, 0.025) for _ in range(400)]
    low40, high40 = ratio_interval(_page("ours", ours[:40]), _page("chart", chart[:40]))
    low400, high400 = ratio_interval(_page("ours", ours), _page("chart", chart))
    assert low40 < 1.6 < high40 and low400 < 1.6 < high400
    assert high400 - low400 < (high40 - low40) / 2
    assert ratio_interval(_page("ours", ours[:40]), _page("chart", chart[:40])) == (low40, high40)  # seeded
