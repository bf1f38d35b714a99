"""Problems found in product files: values, a collector, and the reporters that print them.

Every stage returns or appends Problems instead of raising for bad data, so that a
producer sees every problem of every file in one run.
"""

from __future__ import annotations

import errno
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import TextIO

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators (issue 10). A file name
# or value holding one must never start a new line in a log: GitHub Actions reads any output
# line that starts with `::` as a workflow command, a forged annotation.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A full disk and a place that cannot be written: the machine's problem at any stage, told in
# one line, never a producer's galat. Here, below every stage, so that each can import them.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


class Level(str, Enum):
    """How bad a problem is. The values are the words producers see."""

    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one file.

    `str(problem)` is the line producers read:
    `products/x/y/produk.yml:7:9: galat: izin[0].nomor ...`.
    """

    path: str
    """Path of the file, relative to the project root, with `/` separators."""
    line: int
    """1-based line; 0 when the problem concerns the whole file or folder."""
    column: int
    """1-based column; 0 when unknown."""
    level: Level = field(compare=False)
    key: str = field(compare=False)
    """Dotted key path inside the file (`izin[0].nomor`), or "" for the whole file."""
    message: str
    """The Indonesian sentence, already rendered from a template in messages.py."""
    code: str = field(default="", compare=False)
    """Name of the message template, for tests and tools."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.level.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        """True for a `galat`, which blocks the build."""
        return self.level is Level.ERROR


def problem(
    path: str, line: int, column: int, level: Level, key: str, template: str, **values: object
) -> Problem:
    """A Problem whose message is the named template of messages.py."""
    from catalogue_gen import messages

    return Problem(
        path, line, column, level, key, messages.render(template, key=key, **values), template
    )


class Problems:
    """Collects problems from every stage; the build stops once, at the end, if any is an error."""

    def __init__(self, items: Iterable[Problem] = ()) -> None:
        self._items: list[Problem] = list(items)

    def add(self, problem: Problem) -> None:
        """Record one problem."""
        self._items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        self._items.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        # Sorted by file then position, so output is stable whatever order the stages ran in.
        return iter(sorted(set(self._items), key=_sort_key))

    def __len__(self) -> int:
        return len(set(self._items))

    @property
    def errors(self) -> list[Problem]:
        """Only the problems that block the build."""
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Only the problems that are shown but do not block the build."""
        return [p for p in self if not p.is_error]

    @property
    def has_errors(self) -> bool:
        """True when the build must stop."""
        return any(p.is_error for p in self._items)

    def for_path(self, path: str) -> list[Problem]:
        """Problems of one file or of the files under one folder."""
        return [p for p in self if p.path == path or p.path.startswith(path.rstrip("/") + "/")]


def _sort_key(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.path, problem.line, problem.column, problem.level.value, problem.message)


class CatalogueError(Exception):
    """A failure of the tool itself or of its environment (exit code 2). Raised by cli and pipeline."""

    exit_code = 2


class CatalogueInvalid(CatalogueError):
    """Raised by the pipeline when any product file has a `galat`; carries every problem found."""

    exit_code = 1

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems.errors)} galat")
        self.problems = problems


class OutputError(CatalogueError):
    """Raised by the output stage when the site cannot be written (disk full, bad destination)."""


# Reporters -----------------------------------------------------------------------------------


class Reporter:
    """Prints problems for one audience. Subclasses choose the format."""

    def report(self, problems: Problems, out: TextIO) -> None:
        """Write every problem, then a summary line."""
        raise NotImplementedError


class TextReporter(Reporter):
    """For the terminal: one line per problem, grouped by file and sorted by line."""

    def report(self, problems: Problems, out: TextIO) -> None:
        """Write `path:line:col: level: message` lines and a count."""
        from catalogue_gen import messages

        for problem in problems:
            out.write(f"{escape_controls(str(problem))}\n")
        out.write(
            messages.SUMMARY.format(errors=len(problems.errors), warnings=len(problems.warnings))
            + "\n"
        )


class GithubReporter(Reporter):
    """For GitHub Actions: one workflow command per problem, shown as an annotation on the line."""

    def report(self, problems: Problems, out: TextIO) -> None:
        """Write `::error file=...,line=...,col=...::message` lines."""
        for problem in problems:
            command = "error" if problem.is_error else "warning"
            props = f"file={_escape_property(problem.path)}"
            if problem.line:
                props += f",line={problem.line}"
            if problem.column:
                props += f",col={problem.column}"
            props += f",title={_escape_property(problem.level.value + ' ' + problem.key)}"
            out.write(f"::{command} {props}::{_escape_data(problem.message)}\n")


class JsonReporter(Reporter):
    """For tools: a JSON list of problem objects."""

    def report(self, problems: Problems, out: TextIO) -> None:
        """Write the problems as one JSON document."""
        rows = [{**asdict(p), "level": p.level.value} for p in problems]
        json.dump({"problems": rows}, out, ensure_ascii=False, indent=2)
        out.write("\n")


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "github": GithubReporter,
    "json": JsonReporter,
}


def escape_controls(text: str) -> str:
    """`text` with each control character written as an escape (a newline as `\\x0a`), on one line."""
    return CONTROL_CHARACTERS.sub(lambda found: _escape_char(found.group()), text)


def escape_lines(text: str) -> str:
    """A message of several lines (MkDocs' diagnostics after ours) kept readable: each line's
    controls escaped, continuation lines indented, so no line of it can start a workflow command."""
    first, *rest = text.split("\n")
    return "\n".join([escape_controls(first), *("  " + escape_controls(line) for line in rest)])


def _escape_char(char: str) -> str:
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: a newline in a message would end the command. The
    # other controls (escape sequences, U+2028) are written out so the log shows them plainly.
    return escape_controls(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
