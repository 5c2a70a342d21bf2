from __future__ import annotations

import functools
import os
from collections.abc import Callable

import pytest

from pipeline.feeds import fed


class Collect:
    """A sink that keeps its items and the process it ran in; fails at ``fail_at`` items if given."""

    def __init__(self, fail_at: int = -1) -> None:
        self.items: list[int] = []
        self.fail_at = fail_at

    def add(self, item: int) -> None:
        if len(self.items) == self.fail_at:
            raise ValueError(f"sink failed at {item}")
        self.items.append(item)

    def close(self) -> tuple[int, list[int]]:
        return os.getpid(), self.items


@pytest.mark.parametrize("background", [False, True])
def test_fed_sinks_get_every_item_in_order_and_give_their_results(background: bool) -> None:
    makes: list[Callable[[], Collect]] = [Collect, Collect]
    with fed(makes, background=background) as feed:
        for item in range(2_500):  # three batches
            feed.add(item)
        results = feed.close()
    assert [items for _, items in results] == [list(range(2_500))] * 2
    pids = {pid for pid, _ in results}
    assert pids == {os.getpid()} if not background else (len(pids) == 2 and os.getpid() not in pids)


def test_a_sink_that_fails_in_its_process_raises_here_not_a_hang() -> None:
    makes: list[Callable[[], Collect]] = [Collect, functools.partial(Collect, 1_500)]
    with (  # noqa: PT012
        pytest.raises(ValueError, match="sink failed at 1500"),
        fed(makes, background=True) as feed,
    ):
        for item in range(200_000):
            feed.add(item)
        feed.close()
