"""Points → a Dutch grade from 1.0 to 10.0, rounded to one decimal.

Cesuur (pass mark) c, maximum M, score S:
    S ≥ c:  grade = 5.5 + 4.5 × (S − c) / (M − c)
    S < c:  grade = 1.0 + 4.5 × S / c
With guessing correction, the score expected from guessing alone, g, gives 1.0:
    S < c:  grade = 1.0 + 4.5 × (S − g) / (c − g), and never below 1.0
N-term (central-exam style), instead of the cesuur (and without guessing correction,
which the N-term already allows for; `rules` refuses the two together):
    grade = 9 × S / M + N, within 1.0 and 10.0; for N above 1 at most
    1 + 18 × S / M and 5.5 + 4.5 × S / M, for N below 1 at least
    1 + 4.5 × S / M and 10 − 18 × (M − S) / M.
Grades are computed exactly (fractions) and rounded half up: 5.45 is a 5.5.
"""

from __future__ import annotations

from fractions import Fraction

PASS_GRADE = Fraction(55, 10)


def cesuur_grade(score: Fraction, max_score: Fraction, pass_mark: Fraction,
                 guess: Fraction = Fraction(0)) -> Fraction:
    """The grade, rounded, for `score` of `max_score` with cesuur `pass_mark`;
    `guess` is the score that gives 1.0 (0 without guessing correction)."""
    if score >= pass_mark:
        exact = PASS_GRADE + Fraction(9, 2) * (score - pass_mark) / (max_score - pass_mark)
    else:
        exact = 1 + Fraction(9, 2) * (score - guess) / (pass_mark - guess)
    return rounded(min(max(exact, Fraction(1)), Fraction(10)))


def n_term_grade(score: Fraction, max_score: Fraction, n_term: Fraction) -> Fraction:
    """The central-exam grade 9 × S / M + N, with the rules for N above and below 1."""
    share = Fraction(score) / max_score
    exact = 9 * share + n_term
    if n_term > 1:
        exact = min(exact, 1 + 18 * share, Fraction(11, 2) + Fraction(9, 2) * share)
    elif n_term < 1:
        exact = max(exact, 1 + Fraction(9, 2) * share, 10 - 18 * (1 - share))
    return rounded(min(max(exact, Fraction(1)), Fraction(10)))


def rounded(grade: Fraction) -> Fraction:
    """`grade` to one decimal, half up."""
    return Fraction(int(grade * 10 + Fraction(1, 2)), 10)


def shown(grade: Fraction, decimal: str = ".") -> str:
    """A grade as printed: 7.3 (or 7,3)."""
    return f"{float(grade):.1f}".replace(".", decimal)
