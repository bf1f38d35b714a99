"""Search words: local names and spelling variants (shared/spec/search-terms.md), Indonesian
word forms, the words of a query that mean a filter, and the vocabulary for suggestions.

Data and pure functions, used by the page stage to write each product's hidden list of
search words: Pagefind has no synonym support, so "se'i", "se’i" and "sei" all stand in
the page, and a page about kelor also says moringa and marungga.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

# Each group is one term for shoppers; any member found in a product's text adds them all.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    # Not "se'i sapi" / "se'i babi": the meat is the product's own fact (facets.ANIMALS), and a
    # synonym would make every pork se'i match a search for beef.
    ("se'i", "se’i", "sei", "daging asap"),
    ("sambal lu'at", "lu'at", "luat", "sambal luat"),
    ("jagung titi", "titi", "titie", "emping jagung"),
    ("jagung bose", "bose"),
    ("keripik", "kripik"),
    ("kelor", "marungga", "moringa", "daun kelor"),
    ("madu hutan", "madu liar", "madu alam", "madu pohon", "madu batu", "honey"),
    (
        "tenun",
        "tenunan",
        "kain tenun",
        "tenun ikat",
        "ikat",
        "songke",
        "buna",
        "hinggi",
        "lau",
        "kewatak",
        "weaving",
    ),
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


# Every product page carries this word, so browsing by facet alone is a one-word search:
# Pagefind answers a search with no words by loading its whole index (1 MB at 5,000 products).
ALL_PRODUCTS_WORD = "xzkatalog"

# A query naming one of these means the halal facet (issue 9): `produk halal` lists the
# certified products only, and the filler words around it are not searched for.
HALAL_QUERY_WORDS = ("halal",)
HALAL_QUERY_FILLER = (
    "produk",
    "makanan",
    "yang",
    "bersertifikat",
    "sertifikat",
    "berlabel",
    "label",
    "sudah",
    "ada",
)
# "tidak halal", "non halal": the shopper asks for the other side of the same facet.
QUERY_NEGATIONS = ("tidak", "non", "bukan", "nonhalal")

# Pagefind's Indonesian stemmer strips the nasal prefixes me-/pe- but cannot restore the
# letter they replaced before t and k (menenun -> "enun", not "tenun"; mengopi -> "opi").
# For p and s it does (memakai -> pakai, menyabun -> sabun: measured on pagefind 1.5.2).
# So a product saying "tenun" also carries "menenun" and "penenun", whose stems meet the query's.
NASAL_PREFIXES = {"t": ("men", "pen"), "k": ("meng", "peng")}


def index_forms(words: list[str]) -> list[str]:
    """The prefixed forms of `words` that Pagefind's stemmer would not bring back to them."""
    forms: list[str] = []
    for word in words:
        if len(word) >= 4 and word.isalpha() and word[0] in NASAL_PREFIXES:
            forms.extend(prefix + word[1:] for prefix in NASAL_PREFIXES[word[0]])
    return forms


def vocabulary_words(texts: Iterable[str], limit: int) -> list[str]:
    """The `limit` most frequent words of `texts` (3+ letters), most frequent first.

    Shipped to the search page for "Maksud Anda ...?" after an empty result; ties are broken
    alphabetically so the file is the same on every build.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w for w in set(re.findall(r"[a-z]+", normalise(text))) if len(w) >= 3)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:limit]]


_NORMALISED_GROUPS = tuple(tuple(normalise(term) for term in group) for group in SYNONYM_GROUPS)


def expand_terms(text: str) -> list[str]:
    """Words to index beside `text`: its normalised form and every synonym of what it mentions."""
    plain = " " + re.sub(r"[^\w\s-]", " ", normalise(text)) + " "
    found: list[str] = []
    for original, normalised in zip(SYNONYM_GROUPS, _NORMALISED_GROUPS, strict=True):
        if any(f" {term} " in plain for term in normalised):
            found.extend(original)
            found.extend(normalised)
    seen: dict[str, None] = {}
    for term in [*plain.split(), *found]:
        seen.setdefault(term, None)
    return list(seen)
