"""The 22 regencies and the city of Nusa Tenggara Timur, and lookups by slug and code.

Source: shared/spec/ntt-regencies.md (Kepmendagri 300.2.2-2138/2025). The Kemendagri code
is the key; the BPS-style code is kept only as an alias, because P-IRT numbers issued by
different offices use either numbering.
"""

from __future__ import annotations

from catalogue_gen.model import Regency

# slug, Kemendagri code, BPS-style code, name, short name, capital, island group, search aliases
REGENCIES: tuple[Regency, ...] = (
    Regency(
        "kupang", "5301", "5303", "Kabupaten Kupang", "Kupang", "Oelamasi", "Timor", ("semau",)
    ),
    Regency(
        "timor-tengah-selatan",
        "5302",
        "5304",
        "Kabupaten Timor Tengah Selatan",
        "TTS",
        "Soe",
        "Timor",
        ("tts", "soe"),
    ),
    Regency(
        "timor-tengah-utara",
        "5303",
        "5305",
        "Kabupaten Timor Tengah Utara",
        "TTU",
        "Kefamenanu",
        "Timor",
        ("ttu", "kefa"),
    ),
    Regency("belu", "5304", "5306", "Kabupaten Belu", "Belu", "Atambua", "Timor", ("atambua",)),
    Regency(
        "alor", "5305", "5307", "Kabupaten Alor", "Alor", "Kalabahi", "Alor", ("kalabahi", "pantar")
    ),
    Regency(
        "flores-timur",
        "5306",
        "5309",
        "Kabupaten Flores Timur",
        "Flores Timur",
        "Larantuka",
        "Flores",
        ("flotim", "larantuka", "adonara", "solor"),
    ),
    Regency("sikka", "5307", "5310", "Kabupaten Sikka", "Sikka", "Maumere", "Flores", ("maumere",)),
    Regency("ende", "5308", "5311", "Kabupaten Ende", "Ende", "Ende", "Flores", ()),
    Regency("ngada", "5309", "5312", "Kabupaten Ngada", "Ngada", "Bajawa", "Flores", ("bajawa",)),
    Regency(
        "manggarai",
        "5310",
        "5313",
        "Kabupaten Manggarai",
        "Manggarai",
        "Ruteng",
        "Flores",
        ("ruteng",),
    ),
    Regency(
        "sumba-timur",
        "5311",
        "5302",
        "Kabupaten Sumba Timur",
        "Sumba Timur",
        "Waingapu",
        "Sumba",
        ("waingapu",),
    ),
    Regency(
        "sumba-barat",
        "5312",
        "5301",
        "Kabupaten Sumba Barat",
        "Sumba Barat",
        "Waikabubak",
        "Sumba",
        ("waikabubak",),
    ),
    Regency(
        "lembata",
        "5313",
        "5308",
        "Kabupaten Lembata",
        "Lembata",
        "Lewoleba",
        "Lembata",
        ("lewoleba",),
    ),
    Regency(
        "rote-ndao",
        "5314",
        "5314",
        "Kabupaten Rote Ndao",
        "Rote Ndao",
        "Ba'a",
        "Rote",
        ("rote", "roti", "ndao"),
    ),
    Regency(
        "manggarai-barat",
        "5315",
        "5315",
        "Kabupaten Manggarai Barat",
        "Manggarai Barat",
        "Labuan Bajo",
        "Flores",
        ("mabar", "labuan bajo", "labuhanbajo", "komodo"),
    ),
    Regency("nagekeo", "5316", "5318", "Kabupaten Nagekeo", "Nagekeo", "Mbay", "Flores", ("mbay",)),
    Regency(
        "sumba-tengah",
        "5317",
        "5316",
        "Kabupaten Sumba Tengah",
        "Sumba Tengah",
        "Waibakul",
        "Sumba",
        ("waibakul",),
    ),
    Regency(
        "sumba-barat-daya",
        "5318",
        "5317",
        "Kabupaten Sumba Barat Daya",
        "SBD",
        "Tambolaka",
        "Sumba",
        ("sbd", "tambolaka"),
    ),
    Regency(
        "manggarai-timur",
        "5319",
        "5319",
        "Kabupaten Manggarai Timur",
        "Manggarai Timur",
        "Borong",
        "Flores",
        ("matim", "borong"),
    ),
    Regency(
        "sabu-raijua",
        "5320",
        "5320",
        "Kabupaten Sabu Raijua",
        "Sabu Raijua",
        "Menia",
        "Sabu",
        ("sabu", "savu", "sawu", "raijua"),
    ),
    Regency("malaka", "5321", "5321", "Kabupaten Malaka", "Malaka", "Betun", "Timor", ("betun",)),
    Regency("kota-kupang", "5371", "5371", "Kota Kupang", "Kota Kupang", "Kupang", "Timor", ()),
)

BY_SLUG: dict[str, Regency] = {r.slug: r for r in REGENCIES}

NTT_PROVINCE_CODE = "53"


def find_regency(slug: str) -> Regency | None:
    """The regency with this `kabupaten:` slug, or None."""
    return BY_SLUG.get(slug)


def regencies_for_code(code: str) -> list[Regency]:
    """Regencies whose Kemendagri or BPS-style code is `code` (a 4-digit string)."""
    return [r for r in REGENCIES if code in (r.code, r.bps_code)]
