"""Contacts and links: phone numbers, e-mail addresses and web hosts, parsed and checked.

Pure functions used by the validator. The pages render only what these return (E.164
numbers, plain e-mail addresses, links whose host matches their name), so what a `tel:`,
`mailto:` or marketplace link does is decided here, not by the producer's spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from catalogue_gen import characters, licenses, messages

# Phone numbers ---------------------------------------------------------------------------------
REGION = "ID"
# A number may be written with spaces, dots, dashes and brackets; letters are refused here
# because phonenumbers would read them as a vanity number ("0812-FLOWERS").
PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")
PHONE_SHAPE = re.compile(r"\+?[0-9]+")
# "https://wa.me/628..." copied from a business card or an Instagram bio.
WA_LINK = re.compile(r"HTTPS?://(?:API\.)?WA\.ME/(?:SEND\?PHONE=)?\+?([0-9]+)/?")
MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


@dataclass(frozen=True)
class Finding:
    """A problem found in one value: the message template of messages.py and its values."""

    template: str
    values: dict[str, object] = field(default_factory=dict)


def parse_phone(raw: str, for_whatsapp: bool) -> tuple[str, Finding | None]:
    """(`62812...`, None) for a valid Indonesian number, or ("", the problem).

    The result is E.164 without its `+` (country code and national number), which is what
    `wa.me/` takes and what `tel:+` is built from. WhatsApp needs a mobile number: a landline,
    a toll-free 0800 number or a premium number cannot receive WhatsApp messages.
    """
    number = _parse(raw)
    if number is None or not phonenumbers.is_valid_number(number):
        return "", Finding("PHONE_BAD")
    if phonenumbers.region_code_for_number(number) != REGION:
        return "", Finding("PHONE_FOREIGN")
    kind = phonenumbers.number_type(number)
    if for_whatsapp and kind == PhoneNumberType.FIXED_LINE:
        return "", Finding("PHONE_NOT_MOBILE")
    if for_whatsapp and kind not in MOBILE_TYPES:
        return "", Finding("PHONE_SPECIAL", {"kind": _kind_name(kind)})
    return phonenumbers.format_number(number, PhoneNumberFormat.E164).removeprefix("+"), None


def _parse(raw: str) -> phonenumbers.PhoneNumber | None:
    written = licenses.normalise_number(raw)
    link = WA_LINK.fullmatch(written)
    compact = PHONE_SEPARATORS.sub("", link.group(1) if link else written)
    if not PHONE_SHAPE.fullmatch(compact):
        return None
    if compact.startswith("00"):
        # "0062 380 ..." as written abroad: 00 is the international prefix there, and no
        # Indonesian number starts with 00, but phonenumbers knows only Indonesia's own (001, 007...)
        compact = "+" + compact[2:]
    try:
        return phonenumbers.parse(compact, REGION)
    except NumberParseException:
        return None


def _kind_name(kind: int) -> str:
    names: dict[str, str] = messages.PHONE_KIND_NAMES
    for name, value in vars(PhoneNumberType).items():
        if value == kind and name in names:
            return names[name]
    return names["UNKNOWN"]


def normalise_phone(raw: str) -> str | None:
    """`0812-3456-7890`, `+62 812...`, `0062 380...` -> `62...`; None when not a valid Indonesian number."""
    number, finding = parse_phone(raw, for_whatsapp=False)
    return None if finding else number


# E-mail ------------------------------------------------------------------------------------------
# Only what a `mailto:` link can carry as a plain address: `?`, `&` and `%` would add headers
# (`?cc=...&subject=...`), a second @ or a space a second address.
EMAIL_INJECTION = re.compile(r"[?&%\s]|@.*@")
EMAIL = re.compile(
    r"""
    [A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*              # local part: dot-separated words, no quoting
    @
    (?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+  # domain labels
    (?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})            # top-level domain
    """,
    re.VERBOSE,
)


def check_email(raw: str) -> Finding | None:
    """None for one plain address `name@domain.tld`, else the problem."""
    if EMAIL_INJECTION.search(raw):
        return Finding("EMAIL_NOT_PLAIN")
    if len(raw) > 254 or not EMAIL.fullmatch(raw):
        return Finding("EMAIL_BAD")
    return check_host(raw.rsplit("@", 1)[1].lower())


# Hosts and marketplace links ---------------------------------------------------------------------


@dataclass(frozen=True)
class LinkSite:
    """A marketplace or social network a `tautan:` key may name."""

    label: str
    """How shoppers know it; the link is shown under this name."""
    hosts: tuple[str, ...] = ()
    """Its real hosts (their subdomains included); () for a key that may link anywhere."""


# `tautan:` keys, written in lower case. The hosts are the ones the apps' "share" buttons give
# (shope.ee, id.shp.ee and tokopedia.link are their short links).
LINK_SITES = {
    "shopee": LinkSite("Shopee", ("shopee.co.id", "shope.ee", "shp.ee")),
    "tokopedia": LinkSite("Tokopedia", ("tokopedia.com", "tokopedia.link")),
    "lazada": LinkSite("Lazada", ("lazada.co.id",)),
    "bukalapak": LinkSite("Bukalapak", ("bukalapak.com",)),
    "blibli": LinkSite("Blibli", ("blibli.com",)),
    "tiktok": LinkSite("TikTok", ("tiktok.com",)),
    "instagram": LinkSite("Instagram", ("instagram.com", "instagr.am")),
    "facebook": LinkSite("Facebook", ("facebook.com", "fb.com", "fb.me", "fb.watch")),
    "youtube": LinkSite("YouTube", ("youtube.com", "youtu.be")),
    "whatsapp": LinkSite("WhatsApp", ("wa.me", "whatsapp.com")),
    "situs": LinkSite("Situs web"),
    "web": LinkSite("Situs web"),
}
KNOWN_HOSTS = tuple(sorted({host for site in LINK_SITES.values() for host in site.hosts}))
# Skeletons computed once: every link of 5,000 products is compared with each of them.
_HOST_SHAPES = tuple((real, characters.skeleton(real)) for real in KNOWN_HOSTS)
_SITE_SHAPES = tuple(
    (characters.skeleton(name), site) for name, site in LINK_SITES.items() if site.hosts
)


def is_under(host: str, domain: str) -> bool:
    """True for `domain` itself and its subdomains (`tk.tokopedia.com` under `tokopedia.com`)."""
    return host == domain or host.endswith("." + domain)


def decode_host(host: str) -> str | None:
    """The host as people read it: punycode labels (`xn--...`) decoded; None when one is broken."""
    labels = []
    for label in host.rstrip(".").lower().split("."):
        if label.startswith("xn--"):
            try:
                label = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                return None
        labels.append(label)
    return ".".join(labels)


def check_host(host: str) -> Finding | None:
    """A host that imitates a marketplace's (`shоpee.co.id` with a Cyrillic о, or its punycode)
    or mixes look-alike scripts is refused; None when the host may be linked."""
    readable = decode_host(host)
    if readable is None:
        return Finding("URL_HOST_BAD", {"host": host})
    shape = characters.skeleton(readable)
    for real, real_shape in _HOST_SHAPES:
        looks_like = shape == real_shape or shape.endswith("." + real_shape)
        if looks_like and not is_under(readable, real):
            return Finding("URL_HOST_LOOKALIKE", {"host": readable, "real": real})
    scripts = characters.lookalike_scripts(readable)
    if scripts:
        return Finding(
            "URL_HOST_MIXED_SCRIPT", {"host": readable, "scripts": characters.script_names(scripts)}
        )
    return None


def site_named(key: str) -> LinkSite | None:
    """The marketplace a `tautan:` key names anywhere in it, however spelled and joined
    (`Shopee`, `toko shopee`, `ShopeeMall`, `TikTokShop`, `shоpee` with a Cyrillic о); None
    for a key that names none. Contained, not whole words: a key is a label shoppers read."""
    shape = characters.skeleton(re.sub(r"[\W_]+", "", key.lower()))
    for name_shape, site in _SITE_SHAPES:
        if name_shape in shape:
            return site
    return None


def check_link_site(key: str, host: str) -> Finding | None:
    """A link under a marketplace's key must go to that marketplace; None when it does."""
    site = site_named(key)
    readable = decode_host(host) or host
    if site is None or any(is_under(readable, real) for real in site.hosts):
        return None
    return Finding("LINK_WRONG_HOST", {"label": site.label, "hosts": ", ".join(site.hosts)})
