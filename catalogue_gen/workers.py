"""Worker processes with a budget: call a function on untrusted inputs, each call bounded in
CPU time, memory and real time, so that one hostile input costs at most its budget.

The photo stage decodes producers' photos with Pillow's C code, which no Python timeout can
interrupt: a photo built to be slow (a progressive JPEG with one scan repeated thousands of
times) or huge once decoded would otherwise stall or exhaust the whole build. Each worker runs
one call at a time under `resource` limits; the parent kills a worker past its deadline,
replaces any worker that died, and reports that one call as a `Failure` while the others go on.
An exception that escapes a call is not the input's doing (inputs are checked inside the call):
it is a bug or a machine fault, and is raised again in the caller, with the worker's traceback.
A pool of long-lived workers (unlike a `ProcessPoolExecutor`, which breaks for good when one
worker dies) costs one process start per worker, not per call.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import TYPE_CHECKING, Generic, NoReturn, TypeAlias, TypeVar

# resource and the fork server exist on POSIX only; producers run `catalogue-gen validate` on
# Windows too, where the checks still run, without the CPU and memory limits.
try:
    import resource

    HAS_LIMITS = True
except ImportError:
    HAS_LIMITS = False

if TYPE_CHECKING:
    from multiprocessing.context import DefaultContext, ForkServerContext

Arg = TypeVar("Arg")
Result = TypeVar("Result")
WorkerContext: TypeAlias = "DefaultContext | ForkServerContext"
"""Where workers come from: a fork server where there is one, else the default (`_context`)."""

TIME, MEMORY, CRASH, INTERNAL = "time", "memory", "crash", "internal"
# How often an idle worker started by plain fork checks that its parent still lives: a parent
# killed with SIGKILL cannot stop its workers, and under fork a worker's pipe stays open in
# the siblings forked after it, so its end of the pipe may never see EOF.
ORPHAN_CHECK_SECONDS = 1.0
STOP_GRACE_SECONDS = 1.0


class RemoteTraceback(Exception):
    """A worker's traceback, as text: the `__cause__` of an exception raised again in the caller,
    so that `traceback.print_exception` (the command's --debug) shows where it happened."""

    def __str__(self) -> str:
        return "\n" + str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Limits:
    """What one call may cost."""

    cpu_seconds: int
    """CPU time (RLIMIT_CPU); past it the kernel ends the worker with SIGXCPU, in C code too."""
    memory_bytes: int
    """Address space one call may add to what its worker already maps (RLIMIT_AS); past it
    allocations fail with MemoryError."""
    wall_seconds: float
    """Real time, waiting included; past it the parent kills the worker."""


@dataclass(frozen=True)
class Failure:
    """A call that did not return a result: over its budget, or its worker crashed.

    `run_limited` returns TIME, MEMORY and CRASH failures, the input's doing; it raises INTERNAL
    ones (`error`) in the caller instead, since they are not.
    """

    reason: str
    """TIME, MEMORY, CRASH or INTERNAL."""
    detail: str = ""
    """"cpu" or "wall" for TIME; the signal ("SIGSEGV") or "exit N" for CRASH; the exception
    class for INTERNAL."""
    error: BaseException | None = None
    """For INTERNAL: the exception that escaped the call, or a RuntimeError with its traceback
    when it cannot cross processes."""
    traceback: str = ""
    """For INTERNAL: the call's traceback in its worker."""

    def raise_error(self) -> NoReturn:
        """Raise `error` here, the worker's traceback as its cause."""
        assert self.error is not None
        raise self.error from RemoteTraceback(self.traceback)


def run_limited(
    function: Callable[[Arg], Result],
    args: Sequence[Arg],
    workers: int,
    limits: Limits,
    on_result: Callable[[int, Result | Failure], None] | None = None,
) -> list[Result | Failure]:
    """`function(arg)` for each of `args`, in at most `workers` processes, each call within `limits`.

    Results come back in the order of `args`. `function` must be a module-level function (it is
    pickled under the spawn and forkserver start methods); its results must pickle. An exception
    escaping a call is raised here (after the workers are stopped), with the worker's traceback
    as its `__cause__`: `function` reports bad inputs by its results, so an exception is a bug
    or a fault of the machine (EMFILE, EIO, a full disk), never one input's problem.

    `on_result(index, outcome)` is called in this process as each call ends, in the order they
    end, with the index of its argument in `args` and its result or Failure: for a progress bar.
    """
    results: dict[int, Result | Failure] = {}

    def record(index: int, outcome: Result | Failure) -> None:
        results[index] = outcome
        if on_result is not None:
            on_result(index, outcome)

    pending = deque(range(len(args)))
    context = _context(function)
    idle: list[_Worker[Arg, Result]] = []
    # by the worker's end of its pipe: the worker, the index of its call in `args`, its deadline
    busy: dict[
        Connection[Arg | None, Result | Failure], tuple[_Worker[Arg, Result], int, float]
    ] = {}
    try:
        while pending or busy:
            # hand out calls: each worker has at most one, so a death names its call
            while pending and len(busy) < max(1, workers):
                index = pending.popleft()
                worker = _send(idle.pop() if idle else None, context, function, limits, args[index])
                busy[worker.conn] = (worker, index, time.monotonic() + limits.wall_seconds)
            soonest = min(deadline for _, _, deadline in busy.values())
            ready = wait(list(busy), timeout=max(0.0, soonest - time.monotonic()))
            # `wait` hands back some of the connections it was given, typed as anything it takes
            for conn in [conn for conn in busy if conn in ready]:
                worker, index, _ = busy.pop(conn)
                try:
                    outcome = conn.recv()
                except (EOFError, OSError):
                    record(index, worker.death())
                    continue
                idle.append(worker)
                if isinstance(outcome, Failure) and outcome.reason == INTERNAL:
                    outcome.raise_error()
                record(index, outcome)
            now = time.monotonic()
            for conn, (worker, index, deadline) in list(busy.items()):
                if now >= deadline:
                    del busy[conn]
                    worker.kill()
                    record(index, Failure(TIME, "wall"))
    finally:
        for worker in idle:
            worker.stop()
        # a worker is still busy only after an exception here (Ctrl-C): its call is moot
        for worker, _, _ in busy.values():
            worker.kill()
    return [results[index] for index in range(len(args))]


@dataclass
class _Worker(Generic[Arg, Result]):
    process: BaseProcess
    conn: Connection[Arg | None, Result | Failure]
    """Calls go out (None: stop), their outcomes come back."""

    @classmethod
    def start(
        cls, context: WorkerContext, function: Callable[[Arg], Result], limits: Limits
    ) -> _Worker[Arg, Result]:
        parent_end, child_end = context.Pipe()
        # Only a worker forked from this process has it as its parent, and only there can its
        # siblings hold its pipe open; from a fork server (or spawned) its pipe's EOF says enough.
        parent = os.getpid() if context.get_start_method() == "fork" else None
        process = context.Process(
            target=_serve, args=(child_end, function, limits, parent), daemon=True
        )
        process.start()
        child_end.close()
        return cls(process, parent_end)

    def death(self) -> Failure:
        """Why the worker died (it closed its pipe mid-call), once it has."""
        self.process.join(STOP_GRACE_SECONDS)
        if self.process.exitcode is None:
            self.kill()
        self.conn.close()
        code = self.process.exitcode
        if code == -signal.SIGXCPU:
            return Failure(TIME, "cpu")
        if code is not None and code < 0:
            return Failure(CRASH, signal.Signals(-code).name)
        return Failure(CRASH, f"exit {code}")

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass  # already gone
        self.process.join(STOP_GRACE_SECONDS)
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join()
        self.conn.close()


def _send(
    worker: _Worker[Arg, Result] | None,
    context: WorkerContext,
    function: Callable[[Arg], Result],
    limits: Limits,
    arg: Arg,
) -> _Worker[Arg, Result]:
    """Give `arg` to an idle worker, or to a new one when there is none or it has died."""
    if worker is not None:
        try:
            worker.conn.send(arg)
            return worker
        except OSError:
            worker.kill()
    worker = _Worker.start(context, function, limits)
    worker.conn.send(arg)
    return worker


def _serve(
    conn: Connection[Result | Failure, Arg | None],
    function: Callable[[Arg], Result],
    limits: Limits,
    parent: int | None,
) -> None:
    """A worker's life: one call at a time, until told to stop or orphaned.

    Orphaned is EOF on `conn`: the caller's end closes when it dies, even by SIGKILL, and no
    other process holds it when workers come from a fork server (it forks them, not the caller)
    or are spawned. Under plain fork, the siblings forked later hold it too, so there `parent`
    is the caller's pid, checked while idle; elsewhere None (the parent is the fork server).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops its workers
    if HAS_LIMITS:
        # an ignored SIGXCPU is inherited; the CPU limit needs its default action
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        # SIGXCPU's default action dumps core: a gigabyte in the project folder, on some machines
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    while True:
        if not conn.poll(ORPHAN_CHECK_SECONDS if parent is not None else None):
            if os.getppid() != parent:
                return
            continue
        try:
            arg = conn.recv()
        except EOFError:
            return
        if arg is None:
            return
        _set_limits(limits)
        outcome: Result | Failure
        try:
            outcome = function(arg)
        except MemoryError:
            outcome = Failure(MEMORY)
        except Exception as exc:  # noqa: BLE001 - not the input's problem: sent to the caller, raised there
            outcome = _internal(exc)
        try:
            payload = ForkingPickler.dumps(outcome)
        except Exception as exc:  # noqa: BLE001 - a result that does not pickle is a bug too
            payload = ForkingPickler.dumps(_internal(exc))
        conn.send_bytes(payload)


def _internal(exc: Exception) -> Failure:
    """The INTERNAL failure for `exc`: the exception itself when it survives a trip through
    pickle (an exception whose __init__ takes other arguments than its args pickles, but its
    unpickling fails, in the caller), else a RuntimeError that carries its traceback."""
    text = "".join(traceback.format_exception(exc))
    error: BaseException
    try:
        error = pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any failure to rebuild it: send its text instead
        error = RuntimeError(text)
    return Failure(INTERNAL, type(exc).__name__, error, text)


def _context(function: Callable[..., object]) -> WorkerContext:
    """Workers forked from a small server process (where available), not from the caller.

    A worker forked from the caller inherits its heap, freed parts included: memory a call can
    use without mapping more, and so without meeting RLIMIT_AS. From the fork server each
    worker starts as small as the module of `function` makes it, which the budget then counts.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([function.__module__])  # imported once, in the server
    return context


def _set_limits(limits: Limits) -> None:
    """Limits for the next call, on top of what this worker has used and mapped so far.

    Only the soft limits move, so that they can be raised again for the next call; the calls
    are not hostile code, only hostile data, which cannot raise them.
    """
    if not HAS_LIMITS:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _set_soft(resource.RLIMIT_CPU, math.ceil(usage.ru_utime + usage.ru_stime) + limits.cpu_seconds)
    mapped = _address_space()
    if mapped is not None:
        _set_soft(resource.RLIMIT_AS, mapped + limits.memory_bytes)


def _set_soft(which: int, value: int) -> None:
    hard = resource.getrlimit(which)[1]
    resource.setrlimit(which, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))


def _address_space() -> int | None:
    """Bytes this process maps now (Linux /proc); None elsewhere, where RLIMIT_AS is left alone."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
