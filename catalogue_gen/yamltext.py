"""YAML text from untrusted answers: new files through yaml's emitter, and keys edited in place.

Input: Python values (strings exactly as a producer typed them, whole numbers, booleans), or
an existing file's node tree; output: YAML text that loads back to exactly those values. No
answer is ever pasted into YAML text: each string goes through the emitter as one scalar,
double-quoted (or as a literal block when it has several lines), so `key: value`, `#`, `---`,
`!!python/object`, `&anchor` and quotes stay characters of the string. Numbers that are
identifiers (license numbers, phone numbers) come out quoted, as validate.py requires.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from catalogue_gen.load import SAFE_LOADER, RawFile

STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
# No folding: a long answer stays on one line, so a diff shows what changed; 2**20 is far past
# load.MAX_FILE_BYTES, the longest line any file may have.
LINE_WIDTH = 2**20


class Plain(str):
    """A value from the catalogue's own tables (a category or regency slug, a license kind),
    written without quotes like the hand-written files; the emitter still quotes it if it had
    to. Never used for a producer's text."""

    __slots__ = ()


class _Writer(yaml.SafeDumper):
    """yaml.SafeDumper that never writes an anchor and indents lists under their key."""

    def ignore_aliases(self, data: Any) -> bool:
        # Two equal lists would become `&id001` and `*id001`, which load.py refuses.
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # `foto:\n  - a.jpg` as in the guide and every hand-written file, not `foto:\n- a.jpg`.
        super().increase_indent(flow, False)


# Line breaks other than "\n" that a YAML reader turns into "\n" inside a literal block (NEL,
# the Unicode line and paragraph separators, a carriage return): text holding one is quoted.
_FOLDED_BREAKS = frozenset("\r\x85\u2028\u2029")


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # The emitter falls back to double quotes when a literal block cannot hold the text exactly
    # (trailing spaces, special characters), but not for the breaks it would read back as "\n".
    block = "\n" in value and _FOLDED_BREAKS.isdisjoint(value)
    return dumper.represent_scalar(STR_TAG, value, style="|" if block else '"')


def _represent_plain(dumper: yaml.SafeDumper, value: Plain) -> yaml.ScalarNode:
    return dumper.represent_scalar(STR_TAG, str(value))


def _represent_mapping(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    # A list of pairs keeps the order given; keys are the catalogue's own, written plain.
    node = dumper.represent_mapping(MAP_TAG, list(value.items()))
    for key_node, _ in node.value:
        key_node.style = None
    return node


_Writer.add_representer(str, _represent_text)
_Writer.add_representer(Plain, _represent_plain)
_Writer.add_representer(dict, _represent_mapping)


def render_yaml(data: dict[str, Any], comments: Iterable[str] = ()) -> str:
    """A YAML file of `data` (keys in the given order), after `# ` comment lines of our own."""
    body = yaml.dump(
        data,
        Dumper=_Writer,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=LINE_WIDTH,
    )
    return "".join(f"# {comment}\n" for comment in comments) + body


def loads_back(text: str, data: dict[str, Any]) -> bool:
    """True when `text` loads, with the validator's own loader, to exactly `data`."""
    try:
        return bool(yaml.load(text, Loader=SAFE_LOADER) == data)
    except Exception:  # noqa: BLE001 - a text that does not load is the answer, not a crash
        return False


def replace_keys(raw: RawFile, values: dict[str, Any]) -> str | None:
    """The text of `raw` (line ends as load.py reads them: `\n`) with each top-level key of
    `values` set to its value, or None.

    Every other line is kept byte for byte, comments included. The lines of a replaced key are
    written anew, so a comment inside that key's value (between `harga:` and its last entry,
    or after the last value on its line) is lost: the emitter cannot write comments, and no
    place for them is certain once the entries change. A missing key is added at the end.
    None when the file is not one block mapping or the edit would change anything else: the
    result is parsed again and compared, key by key, with the original.
    """
    root = raw.root
    if root is None or root.flow_style:
        return None
    lines = list(raw.lines)
    found = {
        key.value: (key, value) for key, value in root.value if isinstance(key, yaml.ScalarNode)
    }
    spans: list[tuple[int, int, list[str]]] = []
    added: list[str] = []
    for name, value in values.items():
        new_lines = render_yaml({name: value}).splitlines()
        if name in found:
            key_node, value_node = found[name]
            indent = " " * key_node.start_mark.column
            spans.append(
                (
                    key_node.start_mark.line,
                    _last_line(value_node, key_node.start_mark.line),
                    [indent + line for line in new_lines],
                )
            )
        else:
            added.extend(new_lines)
    for first, last, new in sorted(spans, reverse=True):
        lines[first : last + 1] = new
    if added:
        at = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
        lines[at:at] = added
        if lines[-1] != "":
            lines.append("")
    text = "\n".join(lines)
    return text if _is_same_but(root, text, values) else None


def _last_line(node: yaml.Node, key_line: int) -> int:
    """The 0-based line where a value's text ends (a block collection: its last leaf's line)."""
    if isinstance(node, yaml.SequenceNode | yaml.MappingNode) and not node.flow_style:
        children: list[yaml.Node] = (
            list(node.value)
            if isinstance(node, yaml.SequenceNode)
            else [part for pair in node.value for part in pair]
        )
        return max((_last_line(child, key_line) for child in children), default=key_line)
    if isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style:
        # `harga:` with nothing after it: the parser marks the empty value at the next token
        return key_line
    end = node.end_mark
    # a literal block ends at the start of the next line
    if end.column == 0 and end.line > node.start_mark.line:
        return max(key_line, int(end.line) - 1)
    return max(key_line, int(end.line))


def _is_same_but(original: yaml.MappingNode, text: str, values: dict[str, Any]) -> bool:
    try:
        edited = yaml.compose(text, Loader=SAFE_LOADER)
    except Exception:  # noqa: BLE001 - see loads_back
        return False
    if not isinstance(edited, yaml.MappingNode):
        return False

    def kept(root: yaml.MappingNode) -> list[tuple[Any, Any]]:
        return [(_plain(k), _plain(v)) for k, v in root.value if _plain(k) not in values]

    new_values = {
        _plain(k): v
        for k, v in edited.value
        if isinstance(k, yaml.ScalarNode) and k.value in values
    }
    if kept(original) != kept(edited) or set(new_values) != set(values):
        return False
    return all(
        yaml.load(render_yaml({name: value}), Loader=SAFE_LOADER)[name]
        == yaml.load(yaml.serialize(new_values[name]), Loader=SAFE_LOADER)
        for name, value in values.items()
    )


def _plain(node: yaml.Node) -> Any:
    """A node as nested tuples of text: what it says, whatever tags would make of it."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return tuple(_plain(item) for item in node.value)
    if isinstance(node, yaml.MappingNode):
        return tuple((_plain(k), _plain(v)) for k, v in node.value)
    return None
