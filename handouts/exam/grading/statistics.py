"""Classical test statistics of a graded exam, per bank question and for the whole.

p-value: the mean share of the points students earned on the question.
Rit: the correlation of the question's points with the total score;
Rir: the same with the total less the question's own points (the rest of the test).
Cronbach's alpha over the questions every student had: k/(k−1) × (1 − Σ var(item) /
var(total)); on right/wrong questions this is KR-20 (var(item) = p × q × points²).
Standard error of measurement: SD(total) × √(1 − alpha). Variances in the ratio are
population variances (the n − 1 cancels out); SD is the sample standard deviation.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    n: int
    p_value: float | None
    rit: float | None
    rir: float | None
    option_shares: tuple[float, ...] = ()  # choice questions: share choosing each bank option


@dataclass(frozen=True)
class TestStats:
    students: int
    mean: float
    sd: float
    pass_rate: float
    alpha: float | None
    right_wrong: bool  # every question in alpha is right/wrong: alpha is KR-20
    sem: float | None
    items_in_alpha: int


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None when either side does not vary (or fewer than two)."""
    if len(xs) < 2:
        return None
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        return None


def item_stats(question_id: str, points: float, scores: Sequence[float],
               totals: Sequence[float], option_shares: tuple[float, ...] = ()) -> ItemStats:
    """The statistics of one question from each student's points on it and total."""
    n = len(scores)
    if not n:
        return ItemStats(question_id, 0, None, None, None, option_shares)
    rest = [t - s for s, t in zip(scores, totals, strict=True)]
    return ItemStats(question_id, n, statistics.fmean(scores) / points, correlation(scores, totals),
                     correlation(scores, rest), option_shares)


def alpha(columns: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha of the questions in `columns` (one list of points per question,
    students in the same order in each)."""
    total_variance = _total_variance(columns)
    if total_variance is None:
        return None
    k = len(columns)
    return k / (k - 1) * (1 - sum(statistics.pvariance(c) for c in columns) / total_variance)


def kr20(columns: Sequence[Sequence[float]], points: Sequence[float]) -> float | None:
    """KR-20 of right/wrong questions (each score 0 or the question's points)."""
    total_variance = _total_variance(columns)
    if total_variance is None:
        return None
    k = len(columns)
    pq = sum((p := sum(1 for x in c if x) / len(c)) * (1 - p) * w * w
             for c, w in zip(columns, points, strict=True))
    return k / (k - 1) * (1 - pq / total_variance)


def _total_variance(columns: Sequence[Sequence[float]]) -> float | None:
    """The variance of the students' totals; None when a reliability cannot be had
    (fewer than two questions or students, or every total the same)."""
    if len(columns) < 2 or len(columns[0]) < 2:
        return None
    return statistics.pvariance([sum(row) for row in zip(*columns, strict=True)]) or None


def exam_stats(totals: Sequence[float], passed: Sequence[bool], columns: Sequence[Sequence[float]],
               points: Sequence[float]) -> TestStats:
    """The whole exam's figures; `columns` are the questions every student had."""
    right_wrong = all(x in (0, w) for c, w in zip(columns, points, strict=True) for x in c)
    reliability = kr20(columns, points) if right_wrong else alpha(columns)
    sd = statistics.stdev(totals) if len(totals) > 1 else 0.0
    sem = sd * math.sqrt(1 - reliability) if reliability is not None and reliability <= 1 else None
    return TestStats(len(totals), statistics.fmean(totals) if totals else 0.0, sd,
                     sum(passed) / len(passed) if passed else 0.0, reliability, right_wrong, sem,
                     len(columns))
