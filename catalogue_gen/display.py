"""How dates, counts and phone numbers read on the pages: the way Indonesians write them.

Only the text people read changes here. Machine values stay machine format where they are
made: ISO dates in `<time datetime=...>` and the Pagefind sort keys, E.164 in `tel:`, `wa.me/`
and JSON-LD.
"""

from __future__ import annotations

from datetime import date

import phonenumbers
from babel.dates import format_date
from babel.numbers import format_decimal
from phonenumbers import NumberParseException, PhoneNumberFormat

# CLDR's `id` long date is "2 Desember 2026": no leading zero, the month spelled out.
LOCALE = "id"


def indonesian_date(day: date) -> str:
    """`date(2026, 12, 2)` -> `2 Desember 2026`."""
    return format_date(day, format="long", locale=LOCALE)


def count(number: int) -> str:
    """`1234` -> `1.234`: Indonesian groups thousands with a dot, as prices do (`Rp75.000`)."""
    return format_decimal(number, locale=LOCALE)


def display_phone(e164_digits: str) -> str:
    """`6281234567890` -> `+62 812-3456-7890`, `62380821234` -> `+62 380 821234`.

    Takes what contacts.parse_phone stores (E.164 without its `+`). libphonenumber groups the
    national number the way the operator does, so a mobile and a Kupang landline each read as
    written on a business card.
    """
    try:
        number = phonenumbers.parse("+" + e164_digits)
    except NumberParseException:
        # Validated numbers always parse; should one not, the digits still reach the shopper.
        return "+" + e164_digits
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
