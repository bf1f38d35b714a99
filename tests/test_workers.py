"""Worker processes with a budget: each call is bounded, and one failed call never stops the others."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest

from catalogue_gen.workers import (
    CRASH,
    MEMORY,
    ORPHAN_CHECK_SECONDS,
    TIME,
    Failure,
    Limits,
    RemoteTraceback,
    _context,
    _Worker,
    run_limited,
)

LIMITS = Limits(cpu_seconds=5, memory_bytes=64 * 2**20, wall_seconds=5)


def behave(how: str) -> str:
    """A call that returns, dies, hangs or allocates, as told."""
    if how == "die":  # as the kernel's OOM killer or a crash in C code would end it
        os.kill(os.getpid(), signal.SIGKILL)
    if how == "hang":
        time.sleep(60)
    if how == "allocate":
        return str(len(bytearray(256 * 2**20)))
    return how.upper()


def test_results_come_back_in_order_from_parallel_workers() -> None:
    words = [f"kata{i}" for i in range(12)]
    assert run_limited(behave, words, 2, LIMITS) == [w.upper() for w in words]
    assert multiprocessing.active_children() == []  # no worker outlives the call


def test_a_failed_call_is_reported_and_the_next_calls_still_run() -> None:
    outcomes = run_limited(behave, ["die", "b", "allocate", "c"], 1, LIMITS)
    assert outcomes == [Failure(CRASH, "SIGKILL"), "B", Failure(MEMORY), "C"]
    assert multiprocessing.active_children() == []


def test_a_call_past_its_real_time_is_killed_without_waiting_for_it() -> None:
    started = time.monotonic()
    # The wall clock of a call also counts its worker's start: 0.5 s was too little for "a" on
    # two busy cores (CI saw all three calls time out). A hang still ends well before forever.
    outcomes = run_limited(
        behave, ["hang", "a", "b"], 2, Limits(cpu_seconds=5, memory_bytes=2**30, wall_seconds=2)
    )
    assert outcomes == [Failure(TIME, "wall"), "A", "B"]
    assert time.monotonic() - started < 6
    assert multiprocessing.active_children() == []


def test_each_outcome_is_told_as_its_call_ends() -> None:
    told: list[tuple[int, str | Failure]] = []
    outcomes = run_limited(
        behave, ["a", "die", "b"], 1, LIMITS, lambda index, outcome: told.append((index, outcome))
    )
    assert told == [(0, "A"), (1, Failure(CRASH, "SIGKILL")), (2, "B")]
    assert outcomes == [outcome for _, outcome in told]
    told.clear()
    run_limited(
        behave,
        ["hang"],
        1,
        Limits(cpu_seconds=5, memory_bytes=2**30, wall_seconds=1),
        lambda index, outcome: told.append((index, outcome)),
    )
    assert told == [(0, Failure(TIME, "wall"))]


def test_nothing_to_do_starts_no_worker() -> None:
    assert run_limited(behave, [], 4, LIMITS) == []


class Unpicklable(Exception):
    """An exception that pickles but cannot be rebuilt (its __init__ wants two arguments)."""

    def __init__(self, first: str, second: str) -> None:
        super().__init__(first)
        self.second = second


def fail(how: str) -> str:
    """A call with a bug in it (ours, not the input's), which must reach the caller."""
    if how == "bug":
        return {}["kunci"]  # type: ignore[no-any-return]
    if how == "unpicklable":
        raise Unpicklable("satu", "dua")
    return how.upper()


def test_an_exception_escaping_a_call_is_raised_in_the_caller_with_its_traceback() -> None:
    with pytest.raises(KeyError) as raised:
        run_limited(fail, ["a", "bug", "b"], 1, LIMITS)
    remote = raised.value.__cause__
    assert (
        isinstance(remote, RemoteTraceback)
        and "in fail" in str(remote)
        and "KeyError" in str(remote)
    )
    assert "in fail" in "".join(traceback.format_exception(raised.value))  # what --debug prints
    assert multiprocessing.active_children() == []


def test_an_exception_that_cannot_cross_processes_arrives_as_its_traceback() -> None:
    with pytest.raises(RuntimeError) as raised:
        run_limited(fail, ["unpicklable"], 1, LIMITS)
    assert "Unpicklable: satu" in str(raised.value) and "in fail" in str(raised.value)


def test_an_idle_worker_lives_on_until_its_next_call() -> None:
    """Under the fork server a worker's parent is the server, not the caller: a check of
    getppid() against the caller's pid ended every worker idle for a second, and a call sent
    just then came back as a crash ("exit 0") of a valid photo."""
    worker = _Worker.start(_context(behave), behave, LIMITS)
    try:
        worker.conn.send("a")
        assert worker.conn.recv() == "A"
        time.sleep(ORPHAN_CHECK_SECONDS * 2 + 0.2)
        assert worker.process.is_alive()
        worker.conn.send("b")
        assert worker.conn.poll(5) and worker.conn.recv() == "B"
    finally:
        worker.stop()


ORPHAN_SCRIPT = """
import multiprocessing, sys, time
from catalogue_gen import workers
from tests.test_workers import LIMITS, behave
context = workers._context(behave) if sys.argv[1] == "forkserver" else multiprocessing.get_context("fork")
worker = workers._Worker.start(context, behave, LIMITS)
worker.conn.send("a")
worker.conn.recv()
print(worker.process.pid, flush=True)
time.sleep(60)
"""


def _is_running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("method", ["forkserver", "fork"])
def test_a_worker_whose_caller_was_killed_exits(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    root = Path(__file__).parent.parent
    caller = subprocess.Popen(
        [sys.executable, "-c", ORPHAN_SCRIPT, method], cwd=root, stdout=subprocess.PIPE, text=True
    )
    try:
        assert caller.stdout is not None
        pid = int(caller.stdout.readline())
        assert _is_running(pid)
        caller.kill()  # SIGKILL: the caller cannot stop its workers
        caller.wait()
        deadline = time.monotonic() + ORPHAN_CHECK_SECONDS * 3
        while _is_running(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _is_running(pid)
    finally:
        caller.kill()
        caller.wait()
        caller.stdout.close()  # type: ignore[union-attr]
