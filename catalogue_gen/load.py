"""Stage 1: products/ on disk -> RawFile objects (YAML node trees with line:column), or Problems.

Nothing from a product folder is trusted: only regular files inside the folder are read,
YAML is parsed to nodes (never constructed into Python objects, so `0812...` stays text),
and anchors, aliases, tags, duplicate keys and deep nesting are refused before anything
walks the tree. Control characters and the line breaks only YAML sees are refused before
parsing, so every line number is the one the producer's editor shows; hidden folders and
folder names that the generated site needs are refused, never skipped.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from catalogue_gen import addresses, messages, rules
from catalogue_gen.characters import blank_out, character_name, iter_file_characters
from catalogue_gen.problems import Level, Problem, problem

PRODUCER_FILE = "produsen.yml"
PRODUCT_FILE = "produk.yml"
PHOTO_EXTENSIONS = rules.PHOTO_EXTENSIONS
# 256 KiB: a product file is a few KiB; anything near this is a mistake or an attack.
MAX_FILE_BYTES = 256 * 1024
# 10 MiB: a phone photo is 2-6 MB, and the site resizes every photo to at most 1200 px anyway.
# A bigger file is a video renamed, a scan at print resolution, or a way to bloat the repo
# (git keeps every version forever). GitHub's web upload itself stops at 25 MB. Checked by
# the photo stage on the file and by the pull request check on git's blob size.
MAX_PHOTO_BYTES = 10 * 1024 * 1024
# The deepest real file (izin -> list -> map) is 3 levels; PyYAML's composer recurses per level.
MAX_DEPTH = 12
# libyaml parses about 10x faster than the pure-Python parser and keeps the same marks.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# What operating systems leave behind besides dot-files: never product data, and never skipped
# silently either (a `produk.yml` inside `__MACOSX/` or `.DS_Store/` would never be published).
SYSTEM_NAMES = frozenset({"Thumbs.db", "desktop.ini", "__MACOSX"})


@dataclass
class RawFile:
    """One YAML file as loaded: its node tree and where it sits."""

    path: str
    """Relative to the project root, `/` separators: what messages print."""
    abs_path: Path
    root: yaml.MappingNode | None
    """None when the file could not be parsed (the problem is already reported)."""
    lines: list[str] = field(default_factory=list)
    """The text, for checks that need the raw line (comments after a value)."""


@dataclass
class ProductFolder:
    """A product folder: its `produk.yml` and the other files beside it."""

    slug: str
    path: str
    abs_path: Path
    file: RawFile | None
    files: list[str]
    """Names of the regular files in the folder, sorted."""


@dataclass
class ProducerFolder:
    """A producer folder: its `produsen.yml`, its files and its product folders."""

    slug: str
    path: str
    abs_path: Path
    file: RawFile | None
    files: list[str]
    products: list[ProductFolder]


def iter_tree(
    project_root: Path, products_dir: Path, problems: list[Problem], only: list[Path] | None = None
) -> Iterator[ProducerFolder]:
    """Walk `products_dir` and yield each producer folder, loaded, in name order.

    A generator, so that the next stage can read and release one producer's files before
    the next is parsed: at 5,000 products all node trees together would weigh ~200 MB.
    Problems found on the way are appended to `problems`. `only` limits loading to the
    given producer or product folders (for `validate PATH`); producer files of the
    selected folders are always loaded, since products need them.
    """
    if not products_dir.is_dir():
        problems.append(
            problem(_rel(project_root, products_dir), 0, 0, Level.ERROR, "", "PRODUCTS_DIR_MISSING")
        )
        return
    selected = [p.resolve() for p in only] if only else None
    folders = _Folders(project_root, problems, hand_written_roots(project_root))
    for entry in _sorted_entries(products_dir):
        rel = _rel(project_root, entry)
        if _is_link(entry):
            problems.append(problem(rel, 0, 0, Level.ERROR, "", "SYMLINK_REFUSED"))
            continue
        if folders.check_hidden(entry):
            continue
        if not entry.is_dir():
            level = Level.ERROR if entry.name in (PRODUCT_FILE, PRODUCER_FILE) else Level.WARNING
            problems.append(problem(rel, 0, 0, level, "", "STRAY_FILE_TOP"))
            continue
        if selected is not None and not any(_overlaps(entry.resolve(), s) for s in selected):
            continue
        yield _load_producer(folders, entry, selected)


@dataclass(frozen=True)
class _Folders:
    """What every folder check of one walk needs: where paths are relative to, where problems
    go, and the names at the top of the hand-written docs/."""

    project_root: Path
    problems: list[Problem]
    hand_written: frozenset[str]

    def rel(self, path: Path) -> str:
        return _rel(self.project_root, path)

    def check_hidden(self, entry: Path) -> bool:
        """Report a hidden or system file (peringatan) or folder (galat); True when it was one."""
        if not is_hidden(entry.name):
            return False
        if entry.is_dir():
            # a galat: whatever it holds (a produk.yml even) would never be read or published
            self.problems.append(
                problem(self.rel(entry), 0, 0, Level.ERROR, "", "HIDDEN_FOLDER", name=entry.name)
            )
        else:
            self.problems.append(
                problem(
                    self.rel(entry), 0, 0, Level.WARNING, "", "HIDDEN_FILE", file_name=entry.name
                )
            )
        return True

    def check_slug(self, folder: Path) -> None:
        """Refuse a folder name that is no slug, or one that a generated page needs."""
        name, rel = folder.name, self.rel(folder)
        if not is_valid_slug(name):
            self.problems.append(
                problem(rel, 0, 0, Level.ERROR, "", "BAD_SLUG", name=name, suggestion=slugify(name))
            )
            return
        address = addresses.reserved_address(name, self.hand_written)
        if address is not None:
            self.problems.append(
                problem(rel, 0, 0, Level.ERROR, "", "SLUG_RESERVED", name=name, address=address)
            )


def is_hidden(name: str) -> bool:
    """A dot-file or dot-folder (`.DS_Store`, `.git`), or what an operating system leaves behind."""
    return name.startswith(".") or name in SYSTEM_NAMES


def hand_written_roots(project_root: Path) -> frozenset[str]:
    # The top of docs/ (Settings.docs_dir): the guide, the form and the site's assets, which
    # are served beside the generated pages. A checkout without docs/ reserves only the rest.
    docs = [p.name for p in _sorted_entries(project_root / "docs")]
    return frozenset(
        name for name in docs if not is_hidden(name) and name not in addresses.GENERATED_ROOTS
    )


def _overlaps(folder: Path, selected: Path) -> bool:
    return folder == selected or selected.is_relative_to(folder) or folder.is_relative_to(selected)


def _load_producer(folders: _Folders, folder: Path, selected: list[Path] | None) -> ProducerFolder:
    project_root, problems = folders.project_root, folders.problems
    rel = _rel(project_root, folder)
    folders.check_slug(folder)
    files: list[str] = []
    products: list[ProductFolder] = []
    for entry in _sorted_entries(folder):
        entry_rel = _rel(project_root, entry)
        if _is_link(entry):
            problems.append(problem(entry_rel, 0, 0, Level.ERROR, "", "SYMLINK_REFUSED"))
        elif folders.check_hidden(entry):
            continue
        elif entry.is_dir():
            if (
                selected is not None
                and not any(_overlaps(entry.resolve(), s) for s in selected)
                and folder.resolve() not in selected
            ):
                continue
            products.append(_load_product(folders, entry))
        elif entry.name == PRODUCT_FILE:
            problems.append(problem(entry_rel, 0, 0, Level.ERROR, "", "PRODUCT_FILE_IN_PRODUCER"))
        else:
            files.append(entry.name)
    raw = None
    if PRODUCER_FILE in files:
        raw = load_yaml(project_root, folder / PRODUCER_FILE, problems)
    else:
        problems.append(
            problem(f"{rel}/{PRODUCER_FILE}", 0, 0, Level.ERROR, "", "PRODUCER_FILE_MISSING")
        )
    return ProducerFolder(folder.name, rel, folder, raw, files, products)


def _load_product(folders: _Folders, folder: Path) -> ProductFolder:
    project_root, problems = folders.project_root, folders.problems
    rel = _rel(project_root, folder)
    folders.check_slug(folder)
    files: list[str] = []
    for entry in _sorted_entries(folder):
        entry_rel = _rel(project_root, entry)
        if _is_link(entry):
            problems.append(problem(entry_rel, 0, 0, Level.ERROR, "", "SYMLINK_REFUSED"))
        elif folders.check_hidden(entry):
            continue
        elif entry.is_dir():
            nested = (entry / PRODUCT_FILE).exists()
            problems.append(
                problem(
                    entry_rel,
                    0,
                    0,
                    Level.ERROR if nested else Level.WARNING,
                    "",
                    "NESTED_PRODUCT" if nested else "NESTED_FOLDER_IGNORED",
                )
            )
        else:
            files.append(entry.name)
    raw = None
    if PRODUCT_FILE in files:
        raw = load_yaml(project_root, folder / PRODUCT_FILE, problems)
    else:
        problems.append(
            problem(f"{rel}/{PRODUCT_FILE}", 0, 0, Level.ERROR, "", "PRODUCT_FILE_MISSING")
        )
    return ProductFolder(folder.name, rel, folder, raw, files)


def is_valid_slug(name: str) -> bool:
    """A folder name the spec allows: 3-60 lower-case ASCII letters, digits and single hyphens."""
    return 3 <= len(name) <= 60 and bool(SLUG_PATTERN.fullmatch(name))


def slugify(text: str) -> str:
    """A valid slug close to `text`: lower case ASCII, digits and single hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return slug if len(slug) >= 3 else (slug + "-produk")[:60]


def _sorted_entries(folder: Path) -> list[Path]:
    # Sorted so that problems and pages come out in the same order on every machine.
    try:
        return sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return []


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _rel(project_root: Path, path: Path) -> str:
    try:
        return path.relative_to(project_root).as_posix()
    except ValueError:
        return path.as_posix()


def special_file_kind(mode: int) -> str:
    """How a producer would call what stands where a regular file should ("" for a regular one)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return messages.PHOTO_KIND_FIFO
    if stat.S_ISSOCK(mode):
        return messages.PHOTO_KIND_SOCKET
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return messages.PHOTO_KIND_DEVICE
    if stat.S_ISDIR(mode):
        return messages.PHOTO_KIND_FOLDER
    return messages.PHOTO_KIND_OTHER


def load_yaml(project_root: Path, path: Path, problems: list[Problem]) -> RawFile:
    """Read one YAML file safely; append a Problem for anything wrong and return what loaded."""
    rel = _rel(project_root, path)
    raw = RawFile(rel, path, None)
    data = _read_bytes(rel, path, problems)
    if data is None:
        return raw
    text = _decode(rel, data, problems)
    if text is None:
        return raw
    text = _check_characters(rel, text, problems)
    raw.lines = text.split("\n")
    if all(not line.strip() or line.lstrip().startswith("#") for line in raw.lines):
        problems.append(problem(rel, 0, 0, Level.ERROR, "", "FILE_EMPTY"))
        return raw
    if _check_tabs(rel, raw.lines, problems):
        return raw
    raw.root = _compose(rel, text, raw.lines, problems)
    return raw


def _read_bytes(rel: str, path: Path, problems: list[Problem]) -> bytes | None:
    """The bytes of a regular file of at most MAX_FILE_BYTES, or None after reporting why not."""
    try:
        # only a regular file is read: opening a FIFO named produk.yml waits forever
        kind = special_file_kind(path.stat().st_mode)
        if kind:
            problems.append(problem(rel, 0, 0, Level.ERROR, "", "FILE_NOT_REGULAR", kind=kind))
            return None
        # O_NONBLOCK: a FIFO swapped in since the stat above does not make open() wait either
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            kind = special_file_kind(info.st_mode)
            if kind:
                problems.append(problem(rel, 0, 0, Level.ERROR, "", "FILE_NOT_REGULAR", kind=kind))
                return None
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.append(
            problem(rel, 0, 0, Level.ERROR, "", "FILE_UNREADABLE", reason=exc.strerror or str(exc))
        )
        return None
    size = max(info.st_size, len(data))
    if size > MAX_FILE_BYTES:
        problems.append(
            problem(
                rel,
                0,
                0,
                Level.ERROR,
                "",
                "FILE_TOO_LARGE",
                size_kib=size // 1024,
                limit_kib=MAX_FILE_BYTES // 1024,
            )
        )
        return None
    return data


def _compose(
    rel: str, text: str, lines: list[str], problems: list[Problem]
) -> yaml.MappingNode | None:
    """The node tree of `text` when it is one plain mapping, or None after reporting why not."""
    try:
        if not _check_events(rel, text, problems):
            return None
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(rel, lines, exc))
        return None
    except Exception as exc:  # noqa: BLE001 - no input file may ever print a traceback
        problems.append(
            problem(rel, 0, 0, Level.ERROR, "", "YAML_UNREADABLE", detail=type(exc).__name__)
        )
        return None
    if node is None:
        # A stream without a document: what passed the blank-file check was only invisible,
        # such as a second byte-order mark (U+FEFF; _decode drops only the first one).
        problems.append(problem(rel, 0, 0, Level.ERROR, "", "FILE_EMPTY"))
        return None
    if not isinstance(node, yaml.MappingNode):
        line, column = _mark(node)
        problems.append(problem(rel, line, column, Level.ERROR, "", "ROOT_NOT_MAPPING"))
        return None
    _check_duplicate_keys(rel, node, problems)
    return node


def _syntax_problem(rel: str, lines: list[str], exc: yaml.MarkedYAMLError) -> Problem:
    """YAML_SYNTAX at the place the producer must look, or YAML_TOO_DEEP."""
    if "nesting depth" in (exc.problem or ""):  # libyaml's own limit, met before ours
        return problem(rel, 1, 1, Level.ERROR, "", "YAML_TOO_DEEP", limit=MAX_DEPTH)
    # An unclosed quote is detected lines later; its opening is where the producer must look.
    starts_there = exc.context_mark is not None and "quoted scalar" in (exc.context or "")
    mark = exc.context_mark if starts_there else (exc.problem_mark or exc.context_mark)
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    unclosed = _unclosed_quote(lines, line)
    if unclosed:
        line, column = unclosed
        detail = messages.YAML_HINT_UNCLOSED_QUOTE
    else:
        detail = _yaml_detail(exc)
    return problem(rel, line, column, Level.ERROR, "", "YAML_SYNTAX", detail=detail)


def _decode(rel: str, data: bytes, problems: list[Problem]) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM, as Windows Notepad writes: harmless, dropped
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(problem(rel, 1, 1, Level.ERROR, "", "NOT_UTF8_UTF16"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.append(problem(rel, line, column, Level.ERROR, "", "NOT_UTF8"))
        return None
    # A CR of its own is left in: editors disagree on whether it ends a line (GitHub's
    # annotations say no), so it is refused at its line, never read as one.
    return text.replace("\r\n", "\n")


def _check_characters(rel: str, text: str, problems: list[Problem]) -> str:
    """Report NUL, other controls and the line breaks only YAML sees (NEL, U+2028, U+2029) at
    their line and column as editors count them; return the text with each replaced by a
    space, so that the rest of the file is still checked at unchanged lines and columns."""
    found = list(iter_file_characters(text))
    for char in found:
        problems.append(
            problem(
                rel,
                char.line,
                char.column,
                Level.ERROR,
                "",
                char.template,
                codepoint=char.codepoint,
                char_name=character_name(char.char),
            )
        )
    return blank_out(text) if found else text


def _check_tabs(rel: str, lines: list[str], problems: list[Problem]) -> bool:
    found = False
    for number, line in enumerate(lines, start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.append(
                problem(rel, number, line.index("\t") + 1, Level.ERROR, "", "TAB_INDENT")
            )
            found = True
    return found


def _check_events(rel: str, text: str, problems: list[Problem]) -> bool:
    """Refuse anchors, aliases, tags, several documents and deep nesting, from the event stream.

    The parser keeps an explicit stack, so this is safe on any depth; the composer that
    runs afterwards recurses, and an alias bomb only explodes when a tree is walked.
    """
    depth = 0
    documents = 0
    ok = True
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        line, column = _event_mark(event)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents == 2:
                problems.append(problem(rel, line, column, Level.ERROR, "", "MULTIPLE_DOCUMENTS"))
                return False
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                problem(rel, line, column, Level.ERROR, "", "YAML_ALIAS", name=event.anchor)
            )
            ok = False
            continue
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            problems.append(
                problem(rel, line, column, Level.ERROR, "", "YAML_ANCHOR", name=event.anchor)
            )
            ok = False
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.NodeEvent) and tag is not None and tag != "!":
            problems.append(problem(rel, line, column, Level.ERROR, "", "YAML_TAG", tag=tag))
            ok = False
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(
                    problem(rel, line, column, Level.ERROR, "", "YAML_TOO_DEEP", limit=MAX_DEPTH)
                )
                return False
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return ok


def _check_duplicate_keys(rel: str, node: yaml.Node, problems: list[Problem]) -> None:
    stack: list[yaml.Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = key_node.value
                    line, column = _mark(key_node)
                    if key in seen:
                        problems.append(
                            problem(
                                rel,
                                line,
                                column,
                                Level.ERROR,
                                key,
                                "DUPLICATE_KEY",
                                first_line=seen[key],
                            )
                        )
                    else:
                        seen[key] = line
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """The first line before `upto` whose value opens a double quote it never closes.

    PyYAML notices an unclosed quote only where the next quote happens to stand, often
    many lines later; the producer needs the line where the quote was opened.
    """
    for number, line in enumerate(lines[:upto], start=1):
        text = re.sub(r"\\.", "", line.split(" #")[0])
        value_start = text.find(': "')
        if value_start == -1 and text.lstrip().startswith('- "'):
            value_start = text.find('- "')
        if value_start != -1 and text.count('"') % 2 == 1:
            return number, value_start + 3
    return None


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _event_mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    # Optional only because events can be built by hand; the parser marks every one it emits.
    assert mark is not None, "PyYAML's parser emitted an event without a start mark"
    return mark.line + 1, mark.column + 1


def _yaml_detail(exc: yaml.MarkedYAMLError) -> str:
    """Translate PyYAML's English into advice; the original text follows for helpers."""
    text = f"{exc.context or ''} {exc.problem or ''}".strip()
    for needle, template in messages.YAML_HINTS:
        if needle in text:
            return template
    return messages.YAML_HINT_GENERIC.format(original=text)
