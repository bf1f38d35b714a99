"""How a run tells what it is doing: a line per stage, a bar for counted work, times per stage.

The pipeline reports to a `Progress` and never prints, so it stays quiet in tests and in
`validate`; the command line hands it a `TerminalProgress`, which writes to stderr. Stdout keeps
the problems and the one-line summary, for whatever reads them.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import Protocol

import click

from catalogue_gen import messages

# The stages, in build order; their names, as the command line shows them, and their lines are
# in messages.py.
STAGE_LOAD = messages.STAGE_LOAD
STAGE_CHECK = messages.STAGE_CHECK
STAGE_PHOTOS = messages.STAGE_PHOTOS
STAGE_PAGES = messages.STAGE_PAGES
STAGE_MKDOCS = messages.STAGE_MKDOCS
STAGE_SEARCH = messages.STAGE_SEARCH
STAGES = (STAGE_LOAD, STAGE_CHECK, STAGE_PHOTOS, STAGE_PAGES, STAGE_MKDOCS, STAGE_SEARCH)
# A bar for quick items only flickers: the sample catalogue writes about 190 files, in half a
# second with their rendering.
BAR_MIN_ITEMS = 50
# Stages whose every item takes a while: a phone photo not in the cache costs 0.3-1 s of a core
# (measured above PHOTO_LIMITS in photos.py), so ten of them make a bar, redrawn for each.
SLOW_STAGES = frozenset({STAGE_PHOTOS})
BAR_MIN_SLOW_ITEMS = 10
BAR_WIDTH = 36


class Progress(Protocol):
    """What a run tells about itself while it works; the pipeline never prints.

    The command line shows it on stderr (TerminalProgress); `validate`, `report` and tests
    pass nothing and get SILENT.
    """

    def stage(self, name: str) -> None:
        """Stage `name` (one of STAGES) starts, or resumes: load and validate take turns."""

    def items(self, total: int) -> None:
        """The current stage works through `total` things (photos, pages): room for a bar."""

    def advance(self, count: int = 1) -> None:
        """`count` more of those are done."""

    def detail(self, text: str) -> None:
        """What the current stage found (counts, cache use), for --verbose."""

    def waiting(self) -> None:
        """Another build of this project holds the lock; this one waits for it."""

    def finish(self) -> None:
        """The run is over (called by whoever started it, not by the pipeline)."""


class _Silent:
    def stage(self, name: str) -> None:
        pass

    def items(self, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def detail(self, text: str) -> None:
        pass

    def waiting(self) -> None:
        pass

    def finish(self) -> None:
        pass


SILENT: Progress = _Silent()


class TerminalProgress:
    """A Progress on stderr: one line per stage, a bar for counted work, times per stage.

    Stage lines show on a terminal, and with -v everywhere; without a terminal (CI logs, pipes)
    a run says nothing but its problems and its summary, so that a failure there stays one
    `galat:` line. The bar shows on a terminal only, never with `--format github`.
    """

    def __init__(
        self, verbosity: int = 0, timings: bool = False, is_terminal: bool = False
    ) -> None:
        self.verbosity = verbosity
        """-1 with -q, 1 with -v, else 0."""
        self.timings = timings
        self.is_terminal = is_terminal
        self.seconds: dict[str, float] = {}
        """Seconds spent in each stage so far, in the order the stages started."""
        self._current: str | None = None
        self._since = 0.0
        self._bar = ExitStack()
        self._bar_update: Callable[[int], None] | None = None

    @property
    def shows_stages(self) -> bool:
        """True when stage lines are printed."""
        return self.verbosity > 0 or (self.verbosity == 0 and self.is_terminal)

    def stage(self, name: str) -> None:
        """A stage starts or resumes; its line is printed the first time."""
        now = time.monotonic()
        self._stop(now)
        if name not in self.seconds:
            self.seconds[name] = 0.0
            if self.shows_stages:
                click.echo(messages.STAGE_LINES.get(name, name), err=True)
        self._current, self._since = name, now

    def items(self, total: int) -> None:
        """A bar for the current stage, on a terminal and for enough items."""
        self._close_bar()
        stage = self._current or ""
        is_slow = stage in SLOW_STAGES
        if (
            self.is_terminal
            and self.verbosity >= 0
            and total >= (BAR_MIN_SLOW_ITEMS if is_slow else BAR_MIN_ITEMS)
        ):
            bar = click.progressbar(
                length=total,
                label=messages.BAR_LABELS.get(stage, ""),
                show_pos=True,
                # click estimates the time left from the time per item so far: the photos'
                # cache hits, counted in one step, would make the photos left look free
                show_eta=False,
                file=sys.stderr,
                # a redraw per # at most, or per photo
                update_min_steps=1 if is_slow else max(1, total // BAR_WIDTH),
                width=BAR_WIDTH,
            )
            self._bar_update = self._bar.enter_context(bar).update

    def advance(self, count: int = 1) -> None:
        """Move the bar, if there is one."""
        if self._bar_update is not None:
            self._bar_update(count)

    def detail(self, text: str) -> None:
        """A count of the current stage, with -v."""
        if self.verbosity > 0:
            self._close_bar()
            click.echo(f"  {text}", err=True)

    def waiting(self) -> None:
        """Say why nothing happens: a build can wait minutes for another."""
        if self.verbosity >= 0:
            click.echo(messages.WAITING_FOR_BUILD, err=True)

    def stop(self) -> None:
        """Close the bar and stop the clock: before an error is printed, or the summary."""
        self._stop(time.monotonic())

    def finish(self) -> None:
        """End the run; with --timings print the seconds per stage."""
        self.stop()
        if self.timings and self.seconds:
            click.echo(messages.TIMINGS_TITLE, err=True)
            rows = [*self.seconds.items(), (messages.TIMINGS_TOTAL, sum(self.seconds.values()))]
            for name, seconds in rows:
                click.echo(f"  {name:<10} {seconds:>7.2f} s".replace(".", ","), err=True)
        self.seconds = {}  # `serve` runs again after each change

    def summary(self, text: str) -> None:
        """The last line of a run, on stdout (not with -q), then the times."""
        if self.verbosity >= 0:
            click.echo(text)
        self.finish()

    def _stop(self, now: float) -> None:
        self._close_bar()
        if self._current is not None:
            self.seconds[self._current] += now - self._since
        self._current = None

    def _close_bar(self) -> None:
        self._bar.close()
        self._bar_update = None
