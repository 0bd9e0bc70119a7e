"""A time budget per item: a function mapped over items in a forked worker process that is killed when
one item overruns its budget; a fresh worker takes the items after it.

The budget is in CPU seconds of the worker (read from /proc on Linux), so a loaded machine does not
cost a report its place; a worker that hangs without using the CPU is stopped once it has been idle (neither
running nor waiting to run, as /proc says each time it is polled) for three times the budget in seconds,
plus five (`IDLE_GRACE_SECONDS`): a worker starved of the CPU by other processes is not idle, however long it waits. Where CPU time
can't be read, the budget is wall-clock.

Why a process: a stage stuck in a regular expression or a C extension cannot be stopped from inside the
process (a signal reaches only the main thread, and a Dask worker runs tasks in other threads). A forked
worker shares what its parent has loaded (the gazetteer), starts in milliseconds and can be killed; a
worker that dies (a crash, the kernel's out-of-memory killer) costs its item only. Where the platform
cannot fork (Windows), and when called from a thread other than the main one (Dask's threaded and
distributed schedulers run tasks in threads: a fork while another thread holds a lock can leave the
worker stuck on it), items run in this process without a budget.

Why batches and a journal: a round trip per item (send it, sleep until its answer, wake) cost this
process about half a millisecond of CPU per item on a loaded machine, most of it waking with cold
caches. So the worker takes items in batches and writes, for each, a record when it starts and its
result when it ends to a journal file; this process wakes a few times a second to read the journal
(results, and which item runs since when, to hold it to its budget) and once at the batch's end.
Nothing the worker finished is lost when it is killed: its results are in the journal.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import operator
import os
import pickle
import select
import signal
import struct
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable, Optional, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_HEADER = struct.Struct("!Q")  # the length of the pickle that follows, on the pipe to the worker
# A journal record: b"S" (an item started) or b"R" (its result follows), the item's place in its batch, the
# result's length, and the worker's CPU and monotonic clocks when it wrote the record.
_RECORD = struct.Struct("!cIQdd")
_BATCH_ITEMS = 64  # items per batch; with 4 MB of pickled items, whichever comes first
_BATCH_BYTES = 4 << 20
_POLL_SECONDS = 0.25  # how often this process reads the journal and checks the running item's budget
IDLE_GRACE_SECONDS = 5.0  # a worker idle for three times its item's budget plus this is stuck
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
                    progress: Optional[Callable[[int, int], None]] = None,
                    idle_grace: float = IDLE_GRACE_SECONDS) -> list[Outcome]:
    """`func` over `items` in order, each within `seconds(item)` CPU seconds, in a forked worker.

    An item over its budget, or whose call raises, gives an Outcome with the reason in `error`;
    the other items are unaffected. `func` and what it uses are inherited by the worker, not
    pickled; each item and each result is pickled. `progress(done, total)` is told after each item.
    A worker idle (neither running nor runnable) for three times the item's budget plus `idle_grace`
    seconds is stuck.
    """
    outcomes: list[Outcome] = []

    def collect(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), len(items))

    if not FORK_AVAILABLE or threading.current_thread() is not threading.main_thread():
        for item in items:
            collect(_call(func, item))
        return outcomes
    worker: Optional[_Worker] = None
    try:
        while len(outcomes) < len(items):
            if worker is None:
                worker = _Worker(func)
            start = len(outcomes)
            batch = _next_batch(items, start)
            failure = worker.run(batch, [seconds(item) for item in items[start:start + len(batch)]], collect,
                                 idle_grace=idle_grace)
            if failure:  # the next item overran or its worker died: it is gone, a new one takes the rest
                collect(Outcome(error=failure))
            if not worker.alive:
                worker = None
    finally:
        if worker is not None:
            worker.close()
    return outcomes


def _next_batch(items: Sequence, start: int) -> list[bytes]:
    """The pickled items from `start` on, up to a batch's count or size."""
    batch, size = [], 0
    for item in items[start:start + _BATCH_ITEMS]:
        if batch and size >= _BATCH_BYTES:
            break
        batch.append(pickle_records(item))
        size += len(batch[-1])
    return batch


def pickle_records(value) -> bytes:
    """`value` pickled with geomap's records passed as their class and their fields' values (`_Pickler`): what a
    worker sends back, the budget's forked one or a Dask one (`pickle.loads` reads it)."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


class _Pickler(pickle.Pickler):
    """A pickler that passes a frozen dataclass with slots (geomap's records) as its class and a tuple of its
    fields' values. Dataclasses' own __getstate__ and __setstate__ call `fields()` for every object, which
    was a third of the cost of passing a report's extraction back."""

    def reducer_override(self, obj):
        reduce = _REDUCERS.get(type(obj))
        if reduce is None:
            reduce = _REDUCERS[type(obj)] = _slotted_reducer(type(obj))
        return reduce(obj) if reduce else NotImplemented


_REDUCERS: dict[type, object] = {}  # by class: a reducer, or False for the pickle module's own way


def _slotted_reducer(cls: type):
    """A reducer for `cls` if it is a dataclass with slots, no instance dict and pickling of its own, else False."""
    if not (dataclasses.is_dataclass(cls) and cls.__dictoffset__ == 0 and "__slots__" in vars(cls)
            and getattr(cls.__getstate__, "__name__", "") == "_dataclass_getstate"
            and cls.__reduce_ex__ is object.__reduce_ex__ and cls.__reduce__ is object.__reduce__):
        return False
    names = _field_names(cls)
    if len(names) == 1:
        return lambda obj: (_slotted, (cls, (getattr(obj, names[0]),)))
    values = operator.attrgetter(*names)
    return lambda obj: (_slotted, (cls, values(obj)))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def _slotted(cls: type, values: tuple):
    """An instance of a dataclass with slots from its fields' values (frozen or not)."""
    obj = object.__new__(cls)
    for set_slot, value in zip(_slot_setters(cls), values):
        set_slot(obj, value)
    return obj


@functools.cache
def _slot_setters(cls: type) -> tuple:
    """Each field's slot setter, in field order: a third faster than `object.__setattr__` by name."""
    return tuple(next(k.__dict__[name] for k in cls.__mro__ if name in k.__dict__).__set__
                 for name in _field_names(cls))


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
    """One forked process that runs batches of items sent over a pipe, until the pipe closes: it writes what
    it does to a journal file and tells the end of each batch on a second pipe."""

    def __init__(self, func: Callable) -> None:
        to_child_r, self._to_child = os.pipe()
        self._batch_done, batch_done_w = os.pipe()
        self._journal = tempfile.TemporaryFile()
        self._read_at = 0  # how far this process has read the journal
        self.alive = True
        self.pid = os.fork()
        if self.pid == 0:  # the worker: never returns
            os.close(self._to_child)
            os.close(self._batch_done)
            _serve(func, to_child_r, self._journal.fileno(), batch_done_w)
        os.close(to_child_r)
        os.close(batch_done_w)

    def run(self, batch: Sequence[bytes], budgets: Sequence[float], collect: Callable[[Outcome], None], *,
            idle_grace: float = IDLE_GRACE_SECONDS) -> str:
        """Each pickled item's Outcome to `collect`, in order, as the worker gives them. Returns "" when the
        batch is done; else the worker is gone (`alive` is False), the items without an outcome are the
        caller's to send again, and the reason returned, if any, is the first one's (over its budget, or
        the worker died on it)."""
        running = _Running(budgets, self.pid, idle_grace=idle_grace)
        try:
            _send(self._to_child, pickle.dumps(list(batch), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:  # it died between batches
            return self._stop(running, collect)
        while True:
            ended = select.select([self._batch_done], [], [], _POLL_SECONDS)[0]
            self._read_journal(running, collect)
            if ended:
                if not os.read(self._batch_done, 1):  # end of file: the worker died
                    return self._stop(running, collect)
                journal = self._journal.fileno()  # the worker waits for the next batch: the journal starts afresh
                os.ftruncate(journal, 0)
                os.lseek(journal, 0, os.SEEK_SET)
                self._read_at = 0
                return ""
            why = running.overrun()
            if why:
                return self._stop(running, collect, overrun=why)

    def _stop(self, running: "_Running", collect: Callable[[Outcome], None], *, overrun: str = "") -> str:
        """Kill the worker (or reap it, dead), collect what it finished, and say why the next item has no outcome."""
        blamed = running.position
        status = self._kill()
        self._read_journal(running, collect)
        self._release()
        if running.answered == len(running.budgets):
            return ""  # it died after its last answer: no item to blame
        if overrun:
            return overrun if running.answered == blamed else ""  # "" when the item ended as it was killed
        how = (f"killed by signal {os.WTERMSIG(status)}" if status is not None and os.WIFSIGNALED(status)
               else "exited")
        return f"the worker reading it {how} (out of memory, or a crash)"

    def _read_journal(self, running: "_Running", collect: Callable[[Outcome], None]) -> None:
        """The records the worker wrote since the last read: results to `collect`, the running item's clocks."""
        journal = self._journal.fileno()
        unread = os.fstat(journal).st_size - self._read_at
        if unread <= 0:
            return
        data, at = os.pread(journal, unread, self._read_at), 0
        while len(data) - at >= _RECORD.size:
            kind, position, length, cpu, wall = _RECORD.unpack_from(data, at)
            if len(data) - at - _RECORD.size < length:
                break  # the rest of it is still being written
            body = data[at + _RECORD.size:at + _RECORD.size + length]
            at += _RECORD.size + length
            if kind == b"R":
                answer, value = pickle.loads(body)
                running.answered = position + 1
                collect(Outcome(value) if answer == "ok" else Outcome(error=value))
            running.started(running.answered if kind == b"R" else position, cpu, wall)
        self._read_at += at

    def close(self) -> None:
        """Let the worker finish (it exits when its input closes); kill it if it does not within a second."""
        os.close(self._to_child)
        self._to_child = -1
        for _ in range(100):
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._release()
                return
            time.sleep(0.01)
        self._kill()
        self._release()

    def _kill(self) -> Optional[int]:
        """Stop the worker now, or reap it if it is dead; its exit status."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            return os.waitpid(self.pid, 0)[1]
        except ChildProcessError:
            return None

    def _release(self) -> None:
        self.alive = False
        for descriptor in (self._to_child, self._batch_done):
            if descriptor >= 0:
                os.close(descriptor)
        self._to_child = self._batch_done = -1
        self._journal.close()


class _Running:
    """Which item of a batch the worker runs and since when (its CPU clock, and how long it has been idle since),
    how many it answered; whether that item overran its budget."""

    def __init__(self, budgets: Sequence[float], pid: int, *, idle_grace: float = IDLE_GRACE_SECONDS) -> None:
        self.budgets, self.pid, self.idle_grace = budgets, pid, idle_grace
        self.position = self.answered = 0
        self.cpu = _cpu_seconds(pid)  # until the worker's first record
        self.cpu_readable = self.cpu is not None
        self.idle, self.polled = 0.0, time.monotonic()

    def started(self, position: int, cpu: float, wall: float) -> None:
        """The worker's record that it started the item at `position` (or ended the one before it) at these clocks."""
        if position != self.position:
            self.idle, self.polled = 0.0, max(self.polled, wall)
        self.position, self.cpu = position, cpu

    def overrun(self) -> str:
        """Why the running item is over its budget; "" while it is not."""
        if self.position >= len(self.budgets):
            return ""
        budget = self.budgets[self.position]
        now = time.monotonic()
        if not _runnable(self.pid):  # without /proc, every second counts
            self.idle += now - self.polled
        self.polled = now
        limit = 3 * budget + self.idle_grace if self.cpu_readable else budget
        if self.cpu_readable:
            used = _cpu_seconds(self.pid)
            if used is not None and used - self.cpu > budget:
                return f"over its time budget of {_seconds(budget)} CPU seconds"
        if self.idle > limit:
            return (f"over its time budget: no answer after {_seconds(limit)} s idle (stuck)" if self.cpu_readable
                    else f"over its time budget of {_seconds(budget)} s")
        return ""


def _serve(func: Callable, inbox: int, journal: int, batch_done: int) -> None:
    """The worker's loop: a batch in; for each item, a record that it starts, then its outcome, in the journal;
    a byte on `batch_done` at the batch's end; until the parent closes the pipe."""
    code = 0

    def unpickled(payload: bytes):
        return func(pickle.loads(payload))

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it kills us
        while True:
            try:
                batch = pickle.loads(_receive(inbox))
            except EOFError:
                break
            for position, payload in enumerate(batch):
                _append(journal, _RECORD.pack(b"S", position, 0, time.process_time(), time.monotonic()))
                outcome = _call(unpickled, payload)
                try:
                    answer = pickle_records(("ok", outcome.value) if outcome.ok else ("error", outcome.error))
                except Exception as error:
                    answer = pickle.dumps(("error", f"its result cannot be passed back ({error})"))
                _append(journal, _RECORD.pack(b"R", position, len(answer), time.process_time(), time.monotonic())
                        + answer)
            os.write(batch_done, b".")
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def _append(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def _send(descriptor: int, payload: bytes) -> None:
    _append(descriptor, _HEADER.pack(len(payload)) + payload)


def _receive(descriptor: int) -> bytes:
    """One message from the pipe; EOFError when it is closed."""
    header = _read_exactly(descriptor, _HEADER.size)
    return _read_exactly(descriptor, _HEADER.unpack(header)[0])


def _read_exactly(descriptor: int, size: int) -> bytes:
    chunks, missing = [], size
    while missing:
        chunk = os.read(descriptor, min(missing, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


__all__ = ["FORK_AVAILABLE", "Outcome", "map_with_budget", "pickle_records"]
