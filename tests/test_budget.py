"""`geomap.budget`: one item that loops, raises, or kills its worker costs that item only; the others keep
their results and their order."""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import time
from dataclasses import dataclass

import pytest

from geomap.budget import FORK_AVAILABLE, IDLE_GRACE_SECONDS, map_with_budget, pickle_records

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
    outcomes = map_with_budget(square_unless_told, items, seconds=lambda item: 0.5)
    assert [o.value for o in outcomes if o.ok] == [4, 9, 16, 25]
    errors = {item: o.error for item, o in zip(items, outcomes) if not o.ok}
    assert set(errors) == {"spin", "raise", "die"}
    assert errors["spin"] == "over its time budget of 0.5 CPU seconds"  # however loaded the machine: not "stuck"
    assert errors["raise"] == "ValueError: a date of December 57"
    assert "killed by signal 9" in errors["die"]


# The idle limit's grace in the two tests below: a second, not the default's five, so that each waits seconds less
# for the same outcome (3 x 0.2 s + 1 s = 1.6 s idle).
GRACE = 1.0


def test_a_worker_stuck_without_using_the_cpu_is_stopped_once_idle_too_long():
    started = time.monotonic()
    outcomes = map_with_budget(square_unless_told, ["sleep", 6], seconds=lambda item: 0.2, idle_grace=GRACE)
    assert 1.6 < time.monotonic() - started < 30  # 3 x 0.2 s + 1 s idle, then the next item in a fresh worker
    assert outcomes[0].error == "over its time budget: no answer after 1.6 s idle (stuck)"
    assert outcomes[1].value == 36


def test_the_idle_limit_is_three_times_the_budget_plus_five_seconds_unless_told():
    from geomap.budget import _Running

    running = _Running([0.2], os.getpid())
    running.idle = 5.5  # as if the worker had been idle that long: under 3 x 0.2 s + 5 s
    assert IDLE_GRACE_SECONDS == 5.0 and running.overrun() == ""
    running.idle = 5.7
    assert running.overrun() == "over its time budget: no answer after 5.6 s idle (stuck)"


def work_on_a_cpu_taken_by_another(seconds):
    """A stage that works without pause for `seconds` of wall-clock time, at the lowest priority on the one CPU
    a process of normal priority keeps busy: as a report's worker runs on a heavily loaded machine."""
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    os.nice(19)
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        pass
    return "done"


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity to share one CPU")
def test_a_worker_starved_of_the_cpu_is_not_taken_for_stuck():
    busy = os.fork()
    if busy == 0:  # the other process: normal priority, on the same CPU
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        while True:
            pass
    try:
        started = time.monotonic()
        (outcome,) = map_with_budget(work_on_a_cpu_taken_by_another, [2.0], seconds=lambda item: 0.2,
                                     idle_grace=GRACE)
        waited = time.monotonic() - started
    finally:
        os.kill(busy, signal.SIGKILL)
        os.waitpid(busy, 0)
    assert waited > 1.6  # longer than the idle limit (3 x 0.2 s + 1 s), all of it runnable: not stuck
    assert outcome.error == "" and outcome.value == "done"


def test_one_worker_serves_every_item_while_none_fails():
    pids = [o.value for o in map_with_budget(lambda item: os.getpid(), range(20), seconds=lambda item: 5.0)]
    assert len(set(pids)) == 1 and pids[0] != os.getpid()


def test_what_a_killed_worker_finished_is_kept_and_not_run_again(tmp_path):
    runs = tmp_path / "runs.log"

    def logged(item):
        with open(runs, "a", encoding="utf-8") as log:  # one line per call, whichever worker makes it
            log.write(f"{item}\n")
        return square_unless_told(item)

    items = [1, 2, "die", 3, "spin", 4]
    outcomes = map_with_budget(logged, items, seconds=lambda item: 1.0)
    assert [o.value for o in outcomes] == [1, 4, None, 9, None, 16]
    assert sorted(runs.read_text().split()) == sorted(str(item) for item in items)


def test_items_beyond_one_batch_keep_their_order_around_a_failure_in_a_later_batch():
    items = list(range(150))
    items[130] = "raise"
    items[140] = "die"
    outcomes = map_with_budget(square_unless_told, items, seconds=lambda item: 5.0)
    assert [o.value for o in outcomes] == [None if isinstance(i, str) else i * i for i in items]
    assert outcomes[130].error == "ValueError: a date of December 57"
    assert "killed by signal 9" in outcomes[140].error


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


@dataclass(frozen=True, slots=True)
class _Town:
    name: str
    lat: float = 0.0


@dataclass(frozen=True, slots=True)
class _Camp(_Town):
    """A record with slots of its own and of the record it extends."""

    beds: int = 0


def test_records_pickled_as_their_fields_come_back_equal_whole_and_frozen():
    records = [_Camp("Tinkobé", 13.1, 40), _Town("Vallmora"), (_Town("Ostrava-Nord", 49.8),)]
    back = pickle.loads(pickle_records(records))
    assert back == records and type(back[0]) is _Camp
    with pytest.raises(dataclasses.FrozenInstanceError):
        back[0].beds = 41
