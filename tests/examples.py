"""Reproducible generated inputs for tests that compare two implementations or render many payloads."""

from __future__ import annotations

from typing import TypeVar

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

T = TypeVar("T")


def draws(strategy: st.SearchStrategy[T], count: int) -> list[T]:
    """``count`` reproducible examples of ``strategy``: inputs for fixtures, not a property to shrink."""
    found: list[T] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: T) -> None:
        found.append(value)

    collect()
    return found
