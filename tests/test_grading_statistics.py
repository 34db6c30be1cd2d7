"""Test statistics against values computed here another way."""

from __future__ import annotations

import math
import random

import pytest

from handouts.exam.grading.statistics import alpha, exam_stats, item_stats, kr20


def pearson(xs, ys):
    """r from its definition: covariance over the product of the spreads."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def right_wrong(students=60, items=12, seed=4):
    rng = random.Random(seed)
    abilities = [rng.random() for _ in range(students)]
    difficulty = [rng.random() * 0.8 for _ in range(items)]
    return [[1.0 if rng.random() < a + 0.3 - d else 0.0 for a in abilities] for d in difficulty]


def sample_variance(xs):
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)


def test_kr20_equals_cronbachs_alpha_on_right_wrong_items():
    columns = right_wrong()
    assert kr20(columns, [1.0] * len(columns)) == pytest.approx(alpha(columns), abs=1e-12)


def test_alpha_against_its_formula_with_sample_variances():
    rng = random.Random(9)
    columns = [[float(rng.randint(0, 3)) for _ in range(40)] for _ in range(8)]
    totals = [sum(row) for row in zip(*columns)]
    k = len(columns)
    expected = k / (k - 1) * (1 - sum(sample_variance(c) for c in columns) / sample_variance(totals))
    assert alpha(columns) == pytest.approx(expected, abs=1e-12)


def test_p_value_rit_and_rir_with_the_item_left_out():
    columns = right_wrong()
    totals = [sum(row) for row in zip(*columns)]
    stats = item_stats("q3", 1.0, columns[3], totals)
    assert stats.p_value == pytest.approx(sum(columns[3]) / len(columns[3]))
    assert stats.rit == pytest.approx(pearson(columns[3], totals))
    rest = [t - x for t, x in zip(totals, columns[3])]
    assert stats.rir == pytest.approx(pearson(columns[3], rest))
    assert stats.rir < stats.rit  # the item's own points inflate Rit


def test_p_value_is_a_share_of_the_points():
    assert item_stats("q", 3.0, [3.0, 1.5, 0.0, 1.5], [10, 8, 2, 6]).p_value == pytest.approx(0.5)


def test_an_item_everyone_got_right_has_no_correlation():
    stats = item_stats("q", 1.0, [1.0] * 5, [3, 4, 5, 2, 1])
    assert (stats.p_value, stats.rit, stats.rir) == (1.0, None, None)


def test_whole_test_figures_and_standard_error():
    columns = right_wrong()
    totals = [sum(row) for row in zip(*columns)]
    passed = [t >= 6 for t in totals]
    test = exam_stats(totals, passed, columns, [1.0] * len(columns))
    assert test.right_wrong
    assert test.mean == pytest.approx(sum(totals) / len(totals))
    assert test.sd == pytest.approx(math.sqrt(sample_variance(totals)))
    assert test.pass_rate == pytest.approx(sum(passed) / len(passed))
    assert test.sem == pytest.approx(test.sd * math.sqrt(1 - alpha(columns)))
