"""Worker processes with a budget: each call is bounded, and one failed call never stops the others."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

from catalogue_gen.workers import CRASH, MEMORY, TIME, Failure, Limits, run_limited

LIMITS = Limits(cpu_seconds=5, memory_bytes=64 * 2**20, wall_seconds=5)


def behave(how: str) -> str:
    """A call that returns, raises, dies, hangs or allocates, as told."""
    if how == "raise":
        raise ValueError("rusak")
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
    outcomes = run_limited(behave, ["raise", "a", "die", "b", "allocate", "c"], 1, LIMITS)
    assert outcomes == [Failure(CRASH, "ValueError"), "A", Failure(CRASH, "SIGKILL"), "B", Failure(MEMORY), "C"]
    assert multiprocessing.active_children() == []


def test_a_call_past_its_real_time_is_killed_without_waiting_for_it() -> None:
    started = time.monotonic()
    outcomes = run_limited(behave, ["hang", "a", "b"], 2, Limits(cpu_seconds=5, memory_bytes=2**30, wall_seconds=0.5))
    assert outcomes == [Failure(TIME, "wall"), "A", "B"]
    assert time.monotonic() - started < 3
    assert multiprocessing.active_children() == []


def test_nothing_to_do_starts_no_worker() -> None:
    assert run_limited(behave, [], 4, LIMITS) == []
