"""Local names and spelling variants that shoppers treat as one term (shared/spec/search-terms.md).

Data and pure functions, used by the page stage to write each product's hidden list of
search words: Pagefind has no synonym support, so "se'i", "se’i" and "sei" all stand in
the page, and a page about kelor also says moringa and marungga.
"""

from __future__ import annotations

import re
import unicodedata

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
