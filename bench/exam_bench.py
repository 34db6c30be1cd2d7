"""Benchmark scenarios for exams, run by bench/run.py."""

from __future__ import annotations


def scenarios(rounds: int) -> list[str]:
    return ["exam: not measured yet"]
