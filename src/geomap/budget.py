"""A time budget per item: a function mapped over items in a forked worker process that is killed when
one item overruns its budget; a fresh worker takes the items after it.

The budget is in CPU seconds of the worker (read from /proc on Linux), so a loaded machine does not
cost a report its place; a worker that hangs without using the CPU is stopped once it has been idle (neither
running nor waiting to run, as /proc says each time it is polled) for three times the budget in seconds,
plus five: a worker starved of the CPU by other processes is not idle, however long it waits. Where CPU time
can't be read, the budget is wall-clock.

Why a process: a stage stuck in a regular expression or a C extension cannot be stopped from inside the
process (a signal reaches only the main thread, and a Dask worker runs tasks in other threads). A forked
worker shares what its parent has loaded (the gazetteer), starts in milliseconds and can be killed; a
worker that dies (a crash, the kernel's out-of-memory killer) costs its item only. Where the platform
cannot fork (Windows), and when called from a thread other than the main one (Dask's threaded and
distributed schedulers run tasks in threads: a fork while another thread holds a lock can leave the
worker stuck on it), items run in this process without a budget.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_HEADER = struct.Struct("!Q")  # the length of the pickle that follows
FORK_AVAILABLE = hasattr(os, "fork") and hasattr(os, "waitpid")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one item gave: its result, or why there is none (over its budget, an exception, a dead worker)."""

    value: object = None
    error: str = ""  # "" when `value` is the result

    @property
    def ok(self) -> bool:
        return not self.error


def map_with_budget(func: Callable[[T], R], items: Sequence[T], *, seconds: Callable[[T], float],
                    progress: Optional[Callable[[int, int], None]] = None) -> list[Outcome]:
    """`func` over `items` in order, each within `seconds(item)` CPU seconds, in a forked worker.

    An item over its budget, or whose call raises, gives an Outcome with the reason in `error`;
    the other items are unaffected. `func` and what it uses are inherited by the worker, not
    pickled; each item and each result is pickled across a pipe.
    """
    outcomes: list[Outcome] = []
    if not FORK_AVAILABLE or threading.current_thread() is not threading.main_thread():
        for item in items:
            outcomes.append(_call(func, item))
            if progress:
                progress(len(outcomes), len(items))
        return outcomes
    worker: Optional[_Worker] = None
    try:
        for item in items:
            if worker is None:
                worker = _Worker(func)
            budget = seconds(item)
            outcome = worker.run(item, budget)
            if outcome is None:  # over budget, or the worker died: it is gone, the next item gets a new one
                outcome = Outcome(error=worker.failure)
                worker = None
            outcomes.append(outcome)
            if progress:
                progress(len(outcomes), len(items))
    finally:
        if worker is not None:
            worker.close()
    return outcomes


def _call(func: Callable, item) -> Outcome:
    try:
        return Outcome(func(item))
    except Exception as error:  # the item's own failure, reported with it; the map goes on
        return Outcome(error=f"{type(error).__name__}: {str(error)[:300]}")


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _seconds(seconds: float) -> str:
    """Seconds as a message gives them: 20, 26.2, 0.5."""
    return f"{round(seconds, 1):g}"


def _proc_stat(pid: int) -> Optional[list[bytes]]:
    """The fields of /proc/PID/stat after the command name (the state first); None where it can't be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _cpu_seconds(pid: int) -> Optional[float]:
    """CPU seconds (user + system) a running process has used, from /proc; None where it can't be read."""
    try:
        fields = _proc_stat(pid)
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (TypeError, IndexError, ValueError):
        return None


def _runnable(pid: int) -> bool:
    """Whether a process is running or waiting in a run queue for a CPU (state R); False where it can't be read."""
    fields = _proc_stat(pid)
    return bool(fields) and fields[0] == b"R"


class _Worker:
    """One forked process that answers items sent over a pipe until the pipe closes."""

    def __init__(self, func: Callable) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        self.failure = ""
        self.pid = os.fork()
        if self.pid == 0:  # the worker: never returns
            os.close(self._to_child)
            os.close(self._from_child)
            _serve(func, to_child_r, from_child_w)
        os.close(to_child_r)
        os.close(from_child_w)

    def run(self, item, budget: float) -> Optional[Outcome]:
        """The item's outcome, or None when the worker overran `budget` seconds or died (see `failure`)."""
        cpu_start = _cpu_seconds(self.pid)
        idle_limit = 3 * budget + 5 if cpu_start is not None else budget
        idle, polled = 0.0, time.monotonic()

        def overrun() -> str:
            nonlocal idle, polled
            now = time.monotonic()
            if not _runnable(self.pid):  # without /proc, every second counts
                idle += now - polled
            polled = now
            if cpu_start is not None:
                used = _cpu_seconds(self.pid)
                if used is not None and used - cpu_start > budget:
                    return f"over its time budget of {_seconds(budget)} CPU seconds"
            if idle > idle_limit:
                return (f"over its time budget of {_seconds(budget)} s" if cpu_start is None else
                        f"over its time budget: no answer after {_seconds(idle_limit)} s idle (stuck)")
            return ""

        try:
            _send(self._to_child, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
            payload = _receive(self._from_child, overrun)
        except TimeoutError as over:
            self.failure = str(over)
            self.kill()
            return None
        except (EOFError, OSError):
            status = self.kill()
            how = f"killed by signal {os.WTERMSIG(status)}" if status is not None and os.WIFSIGNALED(status) \
                else "exited"
            self.failure = f"the worker reading it {how} (out of memory, or a crash)"
            return None
        kind, value = pickle.loads(payload)
        return Outcome(value) if kind == "ok" else Outcome(error=value)

    def kill(self) -> Optional[int]:
        """Stop the worker now; its exit status."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return self._reap()

    def close(self) -> None:
        """Let the worker finish (it exits when its input closes); kill it if it does not within a second."""
        os.close(self._to_child)
        for _ in range(100):
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self._from_child)
                return
            time.sleep(0.01)
        self.kill()

    def _reap(self) -> Optional[int]:
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            status = None
        for descriptor in (self._to_child, self._from_child):
            try:
                os.close(descriptor)
            except OSError:
                pass
        return status


def _serve(func: Callable, inbox: int, outbox: int) -> None:
    """The worker's loop: an item in, its outcome out, until the parent closes the pipe."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it kills us
        while True:
            try:
                payload = _receive(inbox)
            except EOFError:
                break
            outcome = _call(func, pickle.loads(payload))
            try:
                answer = pickle.dumps(("ok", outcome.value) if outcome.ok else ("error", outcome.error),
                                      protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as error:
                answer = pickle.dumps(("error", f"its result cannot be passed back ({error})"))
            _send(outbox, answer)
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def _send(descriptor: int, payload: bytes) -> None:
    data = memoryview(_HEADER.pack(len(payload)) + payload)
    while data:
        written = os.write(descriptor, data)
        data = data[written:]


def _receive(descriptor: int, overrun: Optional[Callable[[], str]] = None) -> bytes:
    """One message; `overrun` (polled while waiting) says why to give up, raised as TimeoutError."""
    header = _read_exactly(descriptor, _HEADER.size, overrun)
    return _read_exactly(descriptor, _HEADER.unpack(header)[0], overrun)


_POLL_SECONDS = 0.1


def _read_exactly(descriptor: int, size: int, overrun: Optional[Callable[[], str]]) -> bytes:
    chunks, missing = [], size
    while missing:
        if overrun is not None:
            while not select.select([descriptor], [], [], _POLL_SECONDS)[0]:
                why = overrun()
                if why:
                    raise TimeoutError(why)
        chunk = os.read(descriptor, min(missing, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


__all__ = ["FORK_AVAILABLE", "Outcome", "map_with_budget"]
