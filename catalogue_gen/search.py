"""Stage 6 (after MkDocs): the Pagefind search index, plus the local-name synonyms it is fed.

Pagefind has no synonym support, so each product page carries a hidden list of its
expanded terms (`expand_terms`): "se'i", "se’i" and "sei" all stand in the index, and a
page about kelor also says moringa and marungga. Source: shared/spec/search-terms.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

# Each group is one term for shoppers; any member found in a product's text adds them all.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("se'i", "se’i", "sei", "daging asap", "se'i sapi", "se'i babi"),
    ("sambal lu'at", "lu'at", "luat", "sambal luat"),
    ("jagung titi", "titi", "titie", "emping jagung"),
    ("jagung bose", "bose"),
    ("keripik", "kripik"),
    ("kelor", "marungga", "moringa", "daun kelor"),
    ("madu hutan", "madu liar", "madu alam", "madu pohon", "madu batu", "honey"),
    ("tenun", "tenunan", "kain tenun", "tenun ikat", "ikat", "songke", "buna", "hinggi", "lau", "kewatak", "weaving"),
    ("kacang mete", "mete", "mente", "mede", "jambu mete", "cashew"),
    ("gula lontar", "gula air", "gula lempeng", "gula sabu", "palm sugar"),
    ("gula semut", "palm sugar"),
    ("kopi bajawa", "arabika flores bajawa", "afb", "kopi ngada"),
    ("kopi manggarai", "afm", "kopi colol", "colol"),
    ("kopi", "coffee", "kopi flores"),
    ("air minum kemasan", "air mineral", "amdk", "air kemasan", "bottled water"),
    ("minyak kayu putih", "kayu putih", "cajuput"),
    ("cendana", "sandalwood"),
    ("sopi", "moke", "arak"),
    ("oleh-oleh", "oleh oleh", "oleholeh"),
    ("sabun", "soap"),
    ("madu", "honey"),
    ("sabu", "savu", "sawu"),
    ("rote", "roti"),
    ("labuan bajo", "labuhanbajo", "mabar"),
    ("timor tengah selatan", "tts", "soe"),
    ("timor tengah utara", "ttu", "kefa", "kefamenanu"),
    ("flores timur", "flotim", "larantuka"),
    ("manggarai timur", "matim"),
    ("sumba barat daya", "sbd"),
)
APOSTROPHES = "'’ʼ`‘"


def normalise(text: str) -> str:
    """Lower case, apostrophes removed, diacritics folded: how queries and terms are compared."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(f"[{APOSTROPHES}]", "", text)


_NORMALISED_GROUPS = tuple(tuple(normalise(term) for term in group) for group in SYNONYM_GROUPS)


def expand_terms(text: str) -> list[str]:
    """Words to index beside `text`: its normalised form and every synonym of what it mentions."""
    plain = " " + re.sub(r"[^\w\s-]", " ", normalise(text)) + " "
    found: list[str] = []
    for original, normalised in zip(SYNONYM_GROUPS, _NORMALISED_GROUPS):
        if any(f" {term} " in plain for term in normalised):
            found.extend(original)
            found.extend(normalised)
    seen: dict[str, None] = {}
    for term in [*plain.split(), *found]:
        seen.setdefault(term, None)
    return list(seen)


def run_pagefind(site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Index the built site with the Pagefind binary shipped in the `pagefind-bin` wheel."""
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--force-language", "id", "--silent"]
    return subprocess.run(command, capture_output=True, text=True, check=False)
