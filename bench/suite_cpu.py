"""Where the test suite's time goes: a command's wall time, the load average around it, and the CPU its whole
process tree used, by kind of process (Chromium's page renderers, its software WebGL, the rest of Chromium, Python).

    .venv/bin/python bench/suite_cpu.py [COMMAND ...]        (default: make test)

The machine is shared, so the wall time says little alone: the CPU seconds are what a change moves. Each process
below the command is sampled with psutil every 0.3 s and counted at the last CPU time seen, so a process that lives
less than 0.3 s goes uncounted (a small share: the suite's processes are workers, Chromium and kaleido). The total
on the line "all, as reaped" is exact: this process adopts every orphan below it (Linux's child subreaper) and reads
the CPU of the whole tree, however short each process's life, from the kernel once all of it has been reaped. It
waits 30 s for orphans to end; when some still run then, the line says "partial" and how many were left out.
"""

from __future__ import annotations

import collections
import ctypes
import os
import resource
import subprocess
import sys
import time

import psutil


def kind(process: psutil.Process) -> str:
    """Chromium's processes by their `--type=` (renderer: page scripts, layout, painting; gpu-process: WebGL drawn
    in software), kaleido's Chromium apart, every Python as one."""
    command = " ".join(process.cmdline())
    name = process.name()
    if "chrom" in name:
        where = "kaleido chromium" if "kaleido" in command or "choreographer" in command else "chromium"
        return f"{where} {command.split('--type=')[1].split()[0]}" if "--type=" in command else f"{where} browser"
    return "python" if "python" in name else name


def become_subreaper() -> bool:
    """Make this process the reaper of every orphan below it (Linux's PR_SET_CHILD_SUBREAPER), so that the CPU of a
    process whose parent died first still reaches RUSAGE_CHILDREN here instead of init's."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def reap_orphans(timeout: float = 30.0) -> int:
    """Wait for the orphans handed to this process (a Chromium whose driver went first) until none is left; the
    number still running at the timeout, whose CPU the reaped total then lacks."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return 0
        if pid == 0:
            time.sleep(0.1)
    return len(psutil.Process().children())


def main(command: list[str]) -> int:
    subreaper = become_subreaper()
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    run = subprocess.Popen(command)
    me = psutil.Process()  # the command and every orphan of its tree, adopted by this process
    seen: dict[tuple[int, float], tuple[str, float]] = {}  # (pid, start time) -> (kind, CPU seconds last seen)
    loads = [load_before]
    while run.poll() is None:
        try:
            processes = me.children(recursive=True)
        except psutil.Error:
            processes = []
        for process in processes:
            try:
                key = (process.pid, process.create_time())
                times = process.cpu_times()
                seen[key] = (seen[key][0] if key in seen else kind(process), times.user + times.system)
            except psutil.Error:
                continue
        loads.append(os.getloadavg()[0])
        time.sleep(0.3)
    wall = time.monotonic() - started
    left_running = reap_orphans()
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    by_kind: collections.Counter[str] = collections.Counter()
    for what, seconds in seen.values():
        by_kind[what] += seconds
    print(f"{' '.join(command)}: exit {run.returncode}, {wall:.0f} s wall, {sum(by_kind.values()):.0f} s CPU; "
          f"load average {min(loads):.1f}-{max(loads):.1f}")
    if subreaper:  # exact, unlike the samples: every process below, however short its life, once it was reaped
        exact = "exact" if not left_running else f"partial: {left_running} still running after 30 s, not counted"
        print(f"  {'all, as reaped':28s} {reaped.ru_utime + reaped.ru_stime:7.1f} s CPU ({exact})")
    for what, seconds in by_kind.most_common():
        if seconds >= 0.5:
            print(f"  {what:28s} {seconds:7.1f} s CPU")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["make", "test"]))
