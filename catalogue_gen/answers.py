"""One answer read as catalogue values: a price line, a license line, a product's address.

Input: one line (or one address) as a producer typed it in an issue form; output: the values
produk.yml holds, or None when the text says nothing certain. Pure functions, no I/O: what
is unclear is refused here and told on the issue, never guessed at.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from catalogue_gen import licenses
from catalogue_gen.load import PRODUCT_FILE, is_valid_slug

# "250 ml: 75000", "Rp 75.000", "1 kg = 150.000,-": the price is the number at the end.
PRICE_AT_END = re.compile(
    r"(?P<rp>rp\.?\s*)?(?P<amount>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,12})(?:,-|,00)?$",
    re.IGNORECASE | re.ASCII,
)
BULLET = re.compile(r"^\s*(?:[-*•]|[0-9]{1,2}[.)])\s+")
EXPLICIT_LICENSE = re.compile(r"^(?P<kind>[a-z][a-z-]+)\s*:\s*(?P<number>.+)$", re.IGNORECASE)
BPOM_PREFIX = re.compile(r"^(?P<code>MD|ML|TR|TI|TL|HT|FF|SD|SI|SL)(?![A-Z])")
COSMETIC_PREFIX = re.compile(r"^N(?:KIT|[A-E])\s*-?\s*[0-9]")
ADDRESS_EXAMPLE = (
    "https://beli-produk-ntt.github.io/katalog/produk/madu-contoh-fatumnasi/madu-hutan-fatumnasi/"
)


def parse_price_line(line: str) -> tuple[str, int] | None:
    """`250 ml: 75000` -> ("250 ml", 75000); `Rp75.000` -> ("", 75000); None when unclear.

    A variant needs a `:` or `=` (or `Rp`) before the price: in `Paket 2` the 2 is no price.
    """
    text = BULLET.sub("", line).strip()
    match = PRICE_AT_END.search(text)
    if match is None:
        return None
    head = text[: match.start()].rstrip()
    if head.endswith((":", "=")):
        variant = head[:-1].strip()
    elif not head or match.group("rp"):
        variant = head.rstrip(" -").strip()
    else:
        return None
    return variant, int(match.group("amount").replace(".", ""))


def license_kind(line: str) -> tuple[str, str] | None:
    """(jenis, nomor) for one line of the license field, or None when no kind fits.

    `pirt: 2065...` names the kind; otherwise the first kind whose format the number fits,
    else the kind its prefix announces (so that validate.py can say what is wrong with it).
    """
    explicit = EXPLICIT_LICENSE.match(line)
    if explicit and explicit.group("kind").lower() in licenses.LICENSE_TYPES:
        return explicit.group("kind").lower(), explicit.group("number").strip()
    for kind in licenses.LICENSE_TYPES:
        if licenses.parse_license(kind, line).error is None:
            return kind, line
    if licenses.parse_halal_number(line).error is None:
        return None
    text = licenses.strip_label_words(licenses.normalise_number(line))
    if text.startswith("SNI"):
        return "sni", line
    if "PSAT" in text or "PRIMA" in text:
        return "psat", line
    bpom = BPOM_PREFIX.match(text)
    if bpom:
        return f"bpom-{bpom.group('code').lower()}", line
    if COSMETIC_PREFIX.match(text):
        return "notifikasi-kosmetik", line
    if text[:1].isdigit():
        return "pirt", line
    return None


def parse_product_address(text: str) -> tuple[str, str] | None:
    """(producer, product) from a product page's address, or None.

    Takes the full site URL, `produk/<produsen>/<produk>/`, or the repository path
    `products/<produsen>/<produk>/produk.yml`; both names must be valid slugs.
    """
    value = text.strip().strip("<>\"'")
    try:
        path = urlsplit(value).path if "://" in value else re.split(r"[?#]", value)[0]
    except ValueError:
        return None
    segments = [s for s in path.split("/") if s]
    if segments and segments[-1] in (PRODUCT_FILE, "index.html"):
        segments.pop()
    if len(segments) < 3 or segments[-3] not in ("produk", "products"):
        return None
    producer, product = segments[-2], segments[-1]
    if is_valid_slug(producer) and is_valid_slug(product):
        return producer, product
    return None
