"""Characters and names: what may stand in a product file, and which names only look different.

Pure functions used by the loader (characters that shift line numbers, before YAML parsing),
by the validator (invisible and blank-looking characters in a value, mixed scripts) and by the
catalogue-wide check of names that are confusable twins of each other (UTS #39 skeletons).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from confusable_homoglyphs import categories, confusables

from catalogue_gen import messages

# Characters refused anywhere in a file, found before YAML parsing. YAML breaks lines at NEL,
# U+2028 and U+2029, while editors and GitHub break them at \n only: one of these shifts the
# line number of every later problem. The C0/C1 controls (except tab, LF, CR) and U+FFFE/FFFF
# are refused by PyYAML in English, a NUL even as an exception name at line 0.
YAML_ONLY_LINE_BREAKS = frozenset("\r\u0085\u2028\u2029")
# A CR of its own (not in CRLF) is a line break to YAML and old Macs, none to GitHub's editor.
FILE_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)"
)
# Names for the controls that unicodedata.name() does not know (Unicode gives Cc no name).
CONTROL_NAMES = {
    0x00: "NUL",
    0x0D: "CR",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x0B: "VT",
    0x0C: "FORM FEED",
    0x1B: "ESC",
    0x7F: "DEL",
    0x85: "NEL",
    0x9B: "CSI",
}

# Bidirectional controls reorder what a reader sees (the "Trojan Source" trick).
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# Unicode TAG characters (U+E0000-E007F) spell hidden ASCII that a page never shows.
TAG_RANGE = range(0xE0000, 0xE0080)
# Hangul fillers are letters (category Lo) that draw nothing: a "name" made of them passes any
# letter check and shows blank.
HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
# Default-ignorable marks that draw nothing and are not format characters (DerivedCoreProperties
# Default_Ignorable_Code_Point, minus Cf): combining grapheme joiner, Khmer inherent vowels,
# Mongolian variation selectors, variation selectors.
IGNORABLE_MARKS = re.compile(
    "[\u034f\u17b4\u17b5\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)
BRAILLE_BLANK = "\u2800"
# Emoji blocks, where phones know characters newer than this Python's Unicode tables.
NEWER_EMOJI = range(0x1F000, 0x1FB00)
# Text and emoji presentation selectors (VS15, VS16): harmless right after a symbol (❤️, ✔️).
EMOJI_SELECTORS = frozenset("\ufe0e\ufe0f")
# What may stand in a value without a closer look: printable ASCII and newline (a tab is
# looked at: only long text may hold one).
PLAIN = re.compile(r"[^\x20-\x7e\n]")

# Scripts that share look-alike letters (UTS #39 "moderately restrictive": Latin may be mixed
# with another script, but not with Cyrillic or Greek, whose а, о, р, е, ο, ν look Latin).
LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


@dataclass(frozen=True)
class FileCharacter:
    """A character refused before parsing, at its line and column as an editor counts them."""

    line: int
    column: int
    char: str

    @property
    def template(self) -> str:
        """The message: line breaks only YAML sees, or another control character."""
        return (
            "FILE_LINE_SEPARATOR"
            if self.char in YAML_ONLY_LINE_BREAKS
            else "FILE_CONTROL_CHARACTER"
        )

    @property
    def codepoint(self) -> str:
        """`0085`, as printed after `U+`."""
        return f"{ord(self.char):04X}"


def iter_file_characters(text: str) -> Iterable[FileCharacter]:
    """The first refused character of each line of `text` (lines counted by \\n only, as GitHub
    and editors count them; one per line, since the fix is the same for the rest of the line)."""
    # one pass: count the newlines since the previous find, then go on from the next line
    line, counted, position = 1, 0, 0
    while (found := FILE_FORBIDDEN.search(text, position)) is not None:
        start = found.start()
        line += text.count("\n", counted, start)
        line_start = text.rfind("\n", 0, start) + 1
        yield FileCharacter(line, start - line_start + 1, found.group())
        end_of_line = text.find("\n", start)
        if end_of_line == -1:
            return
        counted = position = end_of_line


def blank_out(text: str) -> str:
    """`text` with every refused character replaced by a space: after the problem is reported,
    the file is still parsed (so its other problems are found) at unchanged lines and columns."""
    return FILE_FORBIDDEN.sub(" ", text)


def character_name(char: str) -> str:
    """The Unicode name of a character, or the usual abbreviation of a control character."""
    return CONTROL_NAMES.get(ord(char), "") or unicodedata.name(char, "")


# Values --------------------------------------------------------------------------------------


def hidden_character(value: str, one_line: bool) -> tuple[str, str] | None:
    """(message template, character) for the first character a value must not hold, or None.

    Every text field refuses controls, bidirectional controls, format characters (category Cf:
    zero-width spaces and joiners, soft hyphens, TAG characters) and Hangul fillers: Indonesian
    text needs none of them. ZWJ is refused too, although emoji sequences use it: names and
    texts are read in search results and WhatsApp messages, where a joined emoji is decoration
    and a hidden joiner can split or disguise a word. One-line fields (names, variants,
    keywords, ...) also refuse spaces other than the ordinary one (U+3000, no-break spaces,
    U+2800 braille blank) and invisible marks such as variation selectors, so that two names
    that look the same are the same text; except the emoji presentation selectors right after a
    symbol, which phones add to ❤️ and ✔️ by themselves.
    """
    for found in PLAIN.finditer(value):
        char = found.group()
        if (
            char in EMOJI_SELECTORS
            and found.start()
            and unicodedata.category(value[found.start() - 1]) == "So"
        ):
            continue
        template = _template_for(char, one_line)
        if template is not None:
            return template, char
    return None


def _template_for(char: str, one_line: bool) -> str | None:
    category = unicodedata.category(char)
    if char == "\t":
        return "TEXT_CONTROL" if one_line else None
    if char in BIDI_CONTROLS:
        return "TEXT_BIDI"
    if ord(char) in TAG_RANGE:
        return "TEXT_TAG"
    if category in ("Cc", "Zl", "Zp", "Cs") or char in "\ufffe\uffff":
        return "TEXT_CONTROL"
    if category == "Cf":
        return "TEXT_INVISIBLE"
    if char in HANGUL_FILLERS:
        return "TEXT_BLANK_CHARACTER"
    if one_line and (char == BRAILLE_BLANK or (category == "Zs" and char != " ")):
        return "TEXT_BLANK_CHARACTER"
    if one_line and IGNORABLE_MARKS.match(char):
        return "TEXT_INVISIBLE"
    if one_line and (category == "Co" or (category == "Cn" and ord(char) not in NEWER_EMOJI)):
        # private-use and unassigned code points: a box or nothing on most phones, and a
        # name that cannot be typed into the search box
        return "TEXT_INVISIBLE"
    return None


def has_letter_or_digit(value: str) -> bool:
    """True when a name shows at least one letter or digit (Hangul fillers do not count)."""
    return any(unicodedata.category(c)[0] in "LN" and c not in HANGUL_FILLERS for c in value)


def lookalike_scripts(value: str) -> tuple[str, ...]:
    """The look-alike scripts mixed in `value` (e.g. Latin and Cyrillic), or () when not mixed."""
    scripts = {categories.alias(c) for c in unicodedata.normalize("NFC", value)} & LOOKALIKE_SCRIPTS
    return tuple(sorted(scripts)) if len(scripts) > 1 else ()


def script_names(scripts: Iterable[str]) -> str:
    """`Latin dan Sirilik`: scripts as a producer reads them."""
    return messages.SCRIPT_JOINER.join(messages.SCRIPT_NAMES.get(s, s.title()) for s in scripts)


# Confusable names (UTS #39) ----------------------------------------------------------------


@functools.cache
def _homoglyph_table() -> dict[str, tuple[str, ...]]:
    # confusable-homoglyphs keeps Unicode's confusables.txt as a two-way map (source -> its
    # prototype, prototype -> its sources), with right-to-left characters wrapped in U+200E
    # marks for display; the marks are dropped here.
    def clean(text: str) -> str:
        return text.replace("\u200e", "")

    return {
        clean(char): tuple(clean(e["c"]) for e in entries)
        for char, entries in confusables.confusables_data.items()
    }


@functools.cache
def prototype(char: str) -> str:
    """The UTS #39 prototype of one character: `а` (Cyrillic) -> `a`, `1` -> `l`, `m` -> `rn`.

    In confusables.txt every source has exactly one prototype and prototypes map to themselves,
    so in the two-way table a character with several entries is a prototype, and one with a
    single entry is a source of it, unless that entry lists only the character back: then the
    two form a pair and the smaller one stands for both.
    """
    table = _homoglyph_table()
    entries = table.get(char, ())
    if len(entries) != 1:
        return char
    other = entries[0]
    if len(other) > 1:
        # a sequence (`m` -> `rn`): its characters are prototypes, or one side of a pair
        return "".join(_paired(c) for c in other)
    return other if len(table.get(other, ())) > 1 else min(char, other)


def _paired(char: str) -> str:
    entries = _homoglyph_table().get(char, ())
    return min(char, entries[0]) if len(entries) == 1 and len(entries[0]) == 1 else char


def skeleton(value: str) -> str:
    """A comparison key, equal for texts that only look alike: the UTS #39 skeleton of the
    lower-case text (NFKC, NFD, default-ignorable characters dropped, each character mapped
    to its prototype, NFD again), case-folded again since prototypes can be capitals (`0` -> `O`)."""
    return _skeleton(unicodedata.normalize("NFKC", value).casefold())


def skeletons(value: str) -> tuple[str, str]:
    """The skeletons of the lower-case and of the upper-case text: names compare without case,
    but confusables.txt is not: Cyrillic `М` looks like `M` while its small `м` does not look
    like `m`. Two names are look-alikes when either skeleton is the same."""
    normal = unicodedata.normalize("NFKC", value)
    return _skeleton(normal.casefold()), _skeleton(normal.upper())


def _skeleton(value: str) -> str:
    kept = "".join(c for c in unicodedata.normalize("NFD", value) if not _is_ignorable(c))
    mapped = "".join(prototype(c) for c in kept)
    # A dot above on a letter that already has one ("i" + U+0307, dotless ı + U+0307) draws
    # nothing new: "Fatumnası̇" must read as "Fatumnasi".
    return DOT_ON_DOTTED.sub(r"\1", unicodedata.normalize("NFD", mapped)).casefold()


DOT_ON_DOTTED = re.compile("([ijlI])\u0307+")


def _is_ignorable(char: str) -> bool:
    return (
        unicodedata.category(char) == "Cf"
        or char in HANGUL_FILLERS
        or bool(IGNORABLE_MARKS.match(char))
    )


# Typographic quotes and dashes that keyboards and phones put in by themselves: "Mama’s" and
# "Mama's" are one name written two ways, not a disguise (whichever of the two came first).
TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
    }
)


def folded(value: str) -> str:
    """NFKC, typographic quotes and dashes made plain, case folded: two names equal here are the
    same name written differently."""
    return unicodedata.normalize("NFKC", value).translate(TYPOGRAPHIC).casefold()


@dataclass(frozen=True)
class Name:
    """A name as written in one file, for the catalogue-wide twin check."""

    value: str
    path: str
    line: int
    column: int
    key: str = "nama"


def find_twins(names: Iterable[Name]) -> list[tuple[Name, Name]]:
    """(twin, original) for every name that looks like another one but is different text.

    A name written only in ASCII is never a twin: pairs such as "Modem"/"Modern" are different
    words, and browsers' IDN checks leave ASCII domains alone for the same reason. Of a group
    of look-alikes, the original is the first ASCII one (in path order), or the first one.
    """
    twins: list[tuple[Name, Name]] = []
    for group in _lookalike_groups(list(names)):
        if len({folded(n.value) for n in group}) < 2:
            continue
        ordered = sorted(group, key=lambda n: (n.path, n.line))
        original = next((n for n in ordered if n.value.isascii()), ordered[0])
        twins.extend(
            (n, original)
            for n in ordered
            if not n.value.isascii() and folded(n.value) != folded(original.value)
        )
    return twins


def _lookalike_groups(names: list[Name]) -> list[list[Name]]:
    # Names sharing either skeleton, transitively (union-find over the names' indexes).
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[int, str], int] = {}
    for index, name in enumerate(names):
        for kind, key in enumerate(skeletons(name.value)):
            other = first.setdefault((kind, key), index)
            parent[root(index)] = root(other)
    groups: dict[int, list[Name]] = {}
    for index, name in enumerate(names):
        groups.setdefault(root(index), []).append(name)
    return list(groups.values())


def first_difference(value: str, original: str) -> str:
    """The first character of `value` that `original` does not have, as `"а" (U+0430 ...)`."""
    for char in unicodedata.normalize("NFC", value):
        if char not in original:
            return f'"{char}" (U+{ord(char):04X} {character_name(char)})'
    return ""
