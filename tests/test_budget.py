"""`geomap.budget`: one item that loops, raises, or kills its worker costs that item only; the others keep
their results and their order."""

from __future__ import annotations

import os
import signal
import time

import pytest

from geomap.budget import FORK_AVAILABLE, map_with_budget

pytestmark = pytest.mark.skipif(not FORK_AVAILABLE, reason="the budget needs fork")


def square_unless_told(item):
    """A stage with a bug for some inputs: it spins, sleeps, raises or dies on them."""
    if item == "spin":
        while True:
            pass
    if item == "sleep":
        time.sleep(3600)
    if item == "raise":
        raise ValueError("a date of December 57")
    if item == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    return item * item


def test_good_items_keep_their_results_in_order_around_bad_ones():
    items = [2, "spin", 3, "raise", 4, "die", 5]
    started = time.monotonic()
    outcomes = map_with_budget(square_unless_told, items, seconds=lambda item: 1.0)
    assert time.monotonic() - started < 30
    assert [o.value for o in outcomes if o.ok] == [4, 9, 16, 25]
    errors = {item: o.error for item, o in zip(items, outcomes) if not o.ok}
    assert set(errors) == {"spin", "raise", "die"}
    assert errors["spin"] == "over its time budget of 1 CPU seconds"
    assert errors["raise"] == "ValueError: a date of December 57"
    assert "killed by signal 9" in errors["die"]


def test_a_worker_stuck_without_using_the_cpu_is_stopped_by_the_wall_clock():
    started = time.monotonic()
    outcomes = map_with_budget(square_unless_told, ["sleep", 6], seconds=lambda item: 1.0)
    assert 7 < time.monotonic() - started < 30  # 3 x 1 s + 5 s, then the next item in a fresh worker
    assert "no answer after 8 s (stuck)" in outcomes[0].error
    assert outcomes[1].value == 36


def test_one_worker_serves_every_item_while_none_fails():
    pids = [o.value for o in map_with_budget(lambda item: os.getpid(), range(20), seconds=lambda item: 5.0)]
    assert len(set(pids)) == 1 and pids[0] != os.getpid()


def test_progress_is_told_after_each_item():
    told = []
    map_with_budget(square_unless_told, [1, "raise", 2], seconds=lambda item: 5.0,
                    progress=lambda done, total: told.append((done, total)))
    assert told == [(1, 3), (2, 3), (3, 3)]


def test_no_worker_is_left_behind():
    psutil = pytest.importorskip("psutil")
    before = {p.pid for p in psutil.Process().children()}
    map_with_budget(square_unless_told, [1, "spin", 2], seconds=lambda item: 0.5)
    left = [p for p in psutil.Process().children() if p.pid not in before]
    assert left == []


def test_called_from_a_thread_items_run_in_this_process_and_failures_are_still_outcomes():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # as Dask's threaded schedulers call it: no fork beside other threads
        outcomes = pool.submit(map_with_budget, lambda item: (os.getpid(), square_unless_told(item)), [3, "raise"],
                               seconds=lambda item: 1.0).result()
    assert outcomes[0].value == (os.getpid(), 9)
    assert outcomes[1].error == "ValueError: a date of December 57"
