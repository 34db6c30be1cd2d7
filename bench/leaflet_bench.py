"""Benchmark scenarios for leaflets, run by bench/run.py."""

from __future__ import annotations


def scenarios(rounds: int) -> list[str]:
    return ["leaflet: not measured yet"]
