"""Stage 6 (after MkDocs): the Pagefind search index over the built site.

Product pages carry their synonyms, facets and sort keys already (synonyms.py, facets.py,
written by the page stage), so this stage runs the indexer shipped in the `pagefind-bin`
wheel, then makes its filter files byte-stable.

Pagefind 1.5 writes each filter's values (and the list of filters and of sort orders) in
hash-map order, so two builds of the same site differ in `filter/*.pf_filter`, the
`.pf_meta` that names them and
`pagefind-entry.json` (Pagefind #638). A published site must be reproducible (a rebuild
that changes nothing must upload nothing), so the values are sorted and the files renamed
by their content. The files are gzip-compressed CBOR behind a `pagefind_dcd` signature.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

from catalogue_gen import addresses

SIGNATURE = b"pagefind_dcd"
# Where the .pf_meta of pagefind 1.5 lists its filter files as [name, hash] pairs.
FILTERS_IN_META = 3
# ... and its sort orders as [name, page numbers] pairs, also in hash-map order.
SORTS_IN_META = 4


def run_pagefind(site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Index the built site with the Pagefind binary shipped in the `pagefind-bin` wheel."""
    command = [
        sys.executable,
        "-m",
        "pagefind_bin",
        "--site",
        str(site_dir),
        "--force-language",
        "id",
        "--silent",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode == 0:
        write_stable_filters(site_dir / addresses.PAGEFIND_DIR)
    return done


def indexed_pages(site_dir: Path) -> int:
    """How many pages the index of the built site holds (product pages only: the others carry
    no `data-pagefind-body`); 0 when it cannot be read."""
    try:
        entry = json.loads(
            (site_dir / addresses.PAGEFIND_DIR / "pagefind-entry.json").read_text(encoding="utf-8")
        )
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0


def write_stable_filters(index_dir: Path) -> None:
    """Sort every filter file's values, name the files by content and point the index at them."""
    entry_path = index_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = index_dir / f"pagefind.{language['hash']}.pf_meta"
        meta = decode_file(meta_path.read_bytes())
        renamed: list[list[Any]] = []
        for name, file_hash in meta[FILTERS_IN_META]:
            old = index_dir / "filter" / f"{file_hash}.pf_filter"
            if not old.is_file():
                raise ValueError(f"Pagefind index layout changed: {old.name} is not a filter file")
            filter_name, values = decode_file(old.read_bytes())
            data = encode_file([filter_name, sorted(values, key=lambda value: value[0])])
            new_hash = _content_hash(file_hash, data, 7)
            old.unlink()
            (index_dir / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            renamed.append([name, new_hash])
        meta[FILTERS_IN_META] = sorted(renamed, key=lambda item: item[0])
        meta[SORTS_IN_META] = sorted(meta[SORTS_IN_META], key=lambda item: item[0])
        data = encode_file(meta)
        new_meta_hash = _content_hash(language["hash"], data, 10)
        meta_path.unlink()
        (index_dir / f"pagefind.{new_meta_hash}.pf_meta").write_bytes(data)
        language["hash"] = new_meta_hash
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _content_hash(old: str, data: bytes, length: int) -> str:
    # Keep Pagefind's shape: the language prefix ("id_") and the hash length it uses.
    prefix = old.rsplit("_", 1)[0] + "_" if "_" in old else ""
    return prefix + hashlib.sha256(data).hexdigest()[:length]


def decode_file(data: bytes) -> Any:
    """A Pagefind index file (gzip, signature, CBOR) -> Python lists, ints and strings."""
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError("trailing bytes in a Pagefind index file")
    return value


def encode_file(value: Any) -> bytes:
    """The inverse of decode_file; gzip without a timestamp, so equal input gives equal bytes."""
    return gzip.compress(SIGNATURE + _encode(value), compresslevel=6, mtime=0)


# CBOR (RFC 8949), the subset Pagefind writes: definite-length ints, strings, arrays, maps,
# booleans, null and floats.


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(size)):
            return bytes([major << 5 | extra]) + struct.pack(size, value)
    raise ValueError("integer too large for CBOR")


def _encode(value: Any) -> bytes:
    if value is True or value is False or value is None:
        return bytes([0xF5 if value is True else 0xF4 if value is False else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if major == 7:
        if info in (20, 21, 22):
            return (False, True, None)[info - 20], at
        if info == 27:
            return struct.unpack(">d", data[at : at + 8])[0], at + 8
        if info == 26:
            return struct.unpack(">f", data[at : at + 4])[0], at + 4
        raise ValueError(f"unsupported CBOR simple value {info}")
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError("indefinite-length CBOR is not used by Pagefind")
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major in (2, 3):
        chunk = data[at : at + length]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(length):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    raise ValueError(f"unsupported CBOR major type {major}")
