"""Markdown reports for maintainers: the catalogue's standing warnings, and a pull request's summary.

`render_report`: a checked catalogue -> what needs a producer's attention (expired P-IRT,
halal still in process where the category needs it, data not checked for a year, permits
ending within 90 days, numbers accepted with a warning) plus every problem the checker found;
`render_report_json` says the same as one JSON document. `render_pr_summary`: the files a pull request changes -> one row
per product added or changed, with its problems and the address its page will get; written
to GitHub's job summary by .github/workflows/validate.yml.

Producer text reaches these tables as product names and inside problem messages; every cell
is escaped, so a product file cannot add links, HTML or table columns to a maintainer's report.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from catalogue_gen import messages
from catalogue_gen.categories import LICENSE_RULES
from catalogue_gen.load import PRODUCT_FILE
from catalogue_gen.model import Catalogue, HalalStatus, Product
from catalogue_gen.pipeline import CheckResult, check
from catalogue_gen.problems import Problem, Problems
from catalogue_gen.scope import PRODUCTS_PREFIX, Change, check_changes, iter_changes
from catalogue_gen.settings import Settings

# A product file not checked for a year may show a wrong price, a sold-out product or an
# expired permit: the issue asks for a reminder after 12 months.
STALE_MONTHS = 12
# Codes that have their own section in the report, so the warnings table does not repeat them
# (an ended halal certificate is a row of "Izin yang segera berakhir").
REPORTED_IN_SECTIONS = frozenset({"PIRT_EXPIRED", "HALAL_DEADLINE", "HALAL_CERTIFICATE_ENDED"})
# A pull request touching hundreds of products would make an unreadable cell; the full list
# is in the annotations and the job log.
MAX_PROBLEMS_PER_ROW = 20
# Renewing a P-IRT at the Dinas Kesehatan/OSS or a halal certificate at BPJPH takes weeks: the
# issue asks for three months' notice.
EXPIRY_WARN_DAYS = 90
# Warnings about a license entry or the halal certificate: `izin[2].nomor`, `halal.nomor`, `halal`.
NUMBER_KEY = re.compile(r"^(?:izin(?:\[(?P<index>\d+)\])?|halal)(?:\.|$)")


# The catalogue report --------------------------------------------------------------------------


def render_report(result: CheckResult, today: date) -> str:
    """The report of one checked catalogue, as Markdown."""
    catalogue, problems = result.catalogue, result.problems
    lines = [
        messages.REPORT_TITLE.format(date=today.isoformat()),
        "",
        messages.REPORT_INTRO.format(
            products=len(catalogue.products),
            producers=len(catalogue.producers),
            errors=len(problems.errors),
            warnings=len(problems.warnings),
        ),
    ]

    # expired P-IRT: still shown on the page, marked "izin perlu diperbarui"
    expired = [
        (p, messages.REPORT_PIRT_ROW.format(number=lic.number, year=lic.expires_year))
        for p in catalogue.products
        for lic in p.licenses
        if lic.is_expired
    ]
    lines += _section(
        messages.REPORT_SECTION_PIRT, messages.REPORT_PIRT_NOTE, _product_rows(expired)
    )

    # halal in process, only where the category needs halal (a tenun needs none)
    in_process = [
        (p, messages.REPORT_HALAL_ROW.format(category=p.category.slug))
        for p in catalogue.products
        if is_halal_pending(p)
    ]
    lines += _section(
        messages.REPORT_SECTION_HALAL, messages.REPORT_HALAL_NOTE, _product_rows(in_process)
    )

    # stale or undated files
    cutoff = months_before(today, STALE_MONTHS)
    stale = [
        (
            p,
            messages.REPORT_STALE_MISSING
            if p.updated is None
            else messages.REPORT_STALE_OLD.format(date=p.updated.isoformat()),
        )
        for p in catalogue.products
        if is_stale(p, cutoff)
    ]
    lines += _section(
        messages.REPORT_SECTION_STALE,
        messages.REPORT_STALE_NOTE.format(months=STALE_MONTHS),
        _product_rows(stale),
    )

    lines += _section(
        messages.REPORT_SECTION_EXPIRING,
        messages.REPORT_EXPIRING_NOTE.format(days=EXPIRY_WARN_DAYS),
        _expiring_rows(expiring_licenses(catalogue, today)),
    )
    lines += _section(
        messages.REPORT_SECTION_NUMBER_WARNINGS,
        messages.REPORT_NUMBER_WARNINGS_NOTE,
        _number_warning_rows(number_warnings(result)),
    )

    # everything else the checker said
    warnings = [p for p in problems.warnings if p.code not in REPORTED_IN_SECTIONS]
    lines += _section(messages.REPORT_SECTION_WARNINGS, "", _problem_rows(warnings))
    lines += _section(messages.REPORT_SECTION_ERRORS, "", _problem_rows(problems.errors))
    return "\n".join(lines) + "\n"


def render_report_json(result: CheckResult, today: date) -> str:
    """The report of one checked catalogue as one JSON document: the Markdown's sections as lists of objects."""
    catalogue, problems = result.catalogue, result.problems
    cutoff = months_before(today, STALE_MONTHS)
    document: dict[str, Any] = {
        "tanggal": today.isoformat(),
        "ringkasan": {
            "produk": len(catalogue.products),
            "produsen": len(catalogue.producers),
            "galat": len(problems.errors),
            "peringatan": len(problems.warnings),
        },
        "pirt_kedaluwarsa": [
            {**_product_fields(p), "nomor": lic.number, "tahun_berakhir": lic.expires_year}
            for p in catalogue.products
            for lic in p.licenses
            if lic.is_expired
        ],
        "halal_dalam_proses": [
            {**_product_fields(p), "kategori": p.category.slug}
            for p in catalogue.products
            if is_halal_pending(p)
        ],
        "data_lama": [
            {**_product_fields(p), "diperbarui": p.updated.isoformat() if p.updated else None}
            for p in catalogue.products
            if is_stale(p, cutoff)
        ],
        "izin_berakhir": [item.as_json() for item in expiring_licenses(catalogue, today)],
        "peringatan_nomor": [
            {**_problem_fields(w.problem), "nomor": w.number or None}
            for w in number_warnings(result)
        ],
        "peringatan": [
            _problem_fields(p) for p in problems.warnings if p.code not in REPORTED_IN_SECTIONS
        ],
        "galat": [_problem_fields(p) for p in problems.errors],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class ExpiringLicense:
    """A P-IRT or halal certificate that has ended or ends within EXPIRY_WARN_DAYS of the report."""

    product: Product
    type: str
    """`izin[].jenis` (`pirt`), or `halal`."""
    number: str
    ends: date
    """The last day it is valid: 31 December of the year for a P-IRT."""
    is_exact: bool
    """False for a P-IRT: its number carries the year only, so `ends` is the latest it can be."""
    days_left: int
    """Days from the report date to `ends`; negative once it has ended."""

    @property
    def ends_text(self) -> str:
        """The end as a maintainer should read it: never an exact-looking date for a P-IRT."""
        if self.is_exact:
            return self.ends.isoformat()
        return messages.REPORT_EXPIRING_YEAR_END.format(year=self.ends.year)

    @property
    def status(self) -> str:
        """`sudah berakhir`, `berakhir hari ini` or `berakhir dalam N hari`."""
        if self.days_left < 0:
            return messages.REPORT_EXPIRING_PAST
        if self.days_left == 0:
            return messages.REPORT_EXPIRING_TODAY
        return messages.REPORT_EXPIRING_DAYS.format(days=self.days_left)

    def as_json(self) -> dict[str, Any]:
        """A plain object for `report --format json`."""
        return {
            **_product_fields(self.product),
            "jenis": self.type,
            "nomor": self.number,
            "berakhir": self.ends.isoformat(),
            "berakhir_tepat": self.is_exact,
            "berakhir_tertulis": self.ends_text,
            "sisa_hari": self.days_left,
            "status": self.status,
        }


def expiring_licenses(
    catalogue: Catalogue, today: date, days: int = EXPIRY_WARN_DAYS
) -> list[ExpiringLicense]:
    """Every P-IRT and dated halal certificate of the catalogue ended or ending within `days`, soonest first."""
    horizon = today + timedelta(days=days)
    found: list[ExpiringLicense] = []
    for product in catalogue.products:
        for lic in product.licenses:
            if lic.expires_year is not None:
                ends = date(lic.expires_year, 12, 31)
                found.append(
                    ExpiringLicense(product, lic.type, lic.number, ends, False, (ends - today).days)
                )
        halal = product.halal
        # valid_until is only there for older certificates that print an end date (None until
        # the validator reads halal.berlaku_sampai); newer BPJPH certificates do not end.
        if halal is not None and halal.valid_until is not None:
            found.append(
                ExpiringLicense(
                    product,
                    "halal",
                    halal.number,
                    halal.valid_until,
                    True,
                    (halal.valid_until - today).days,
                )
            )
    return sorted(
        (item for item in found if item.ends <= horizon),
        key=lambda item: (item.ends, item.product.source_path, item.number),
    )


@dataclass(frozen=True)
class NumberWarning:
    """A warning the checker gave about a license or halal entry of a product that is on the site."""

    problem: Problem
    number: str
    """The number as the product page shows it; "" when the warning concerns no number."""


def number_warnings(result: CheckResult) -> list[NumberWarning]:
    """The warnings on license and halal entries of valid products, in file and line order.

    Only products of the catalogue count: their numbers were accepted and are published. A
    product with a galat is listed with all its problems in the other sections. An entry
    dropped as a duplicate (LICENSE_DUPLICATE) is skipped too: the number it repeats is the
    one published, with its own warnings.
    """
    products = {p.source_path: p for p in result.catalogue.products}
    found = [
        (p, match)
        for p in result.problems.warnings
        if p.path in products
        and p.code not in REPORTED_IN_SECTIONS
        and (match := NUMBER_KEY.match(p.key))
    ]
    dropped = {
        (p.path, int(m["index"])) for p, m in found if p.code == "LICENSE_DUPLICATE" and m["index"]
    }
    rows: list[NumberWarning] = []
    for problem, match in found:
        product = products[problem.path]
        if match["index"] is None:
            halal = product.halal if problem.key.startswith("halal") else None
            rows.append(NumberWarning(problem, halal.number if halal else ""))
            continue
        index = int(match["index"])
        if (problem.path, index) in dropped:
            continue
        # Product.licenses keeps the izin: entries in order, less the dropped duplicates.
        position = index - sum(
            1 for path, other in dropped if path == problem.path and other < index
        )
        number = product.licenses[position].number if position < len(product.licenses) else ""
        rows.append(NumberWarning(problem, number))
    return rows


def is_halal_pending(product: Product) -> bool:
    """True when the category needs halal and the product's certificate is still in process."""
    rule = LICENSE_RULES.get(product.category.slug)
    return bool(
        rule
        and rule.needs_halal
        and product.halal
        and product.halal.status is HalalStatus.IN_PROCESS
    )


def is_stale(product: Product, cutoff: date) -> bool:
    """True when `diperbarui` is missing or before `cutoff`."""
    return product.updated is None or product.updated < cutoff


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the last day of the month when that day does not exist)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def _section(title: str, note: str, rows: list[str]) -> list[str]:
    lines = ["", title, ""]
    if note:
        lines += [note, ""]
    return lines + (rows or [messages.REPORT_NONE])


def _product_rows(items: Sequence[tuple[Product, str]]) -> list[str]:
    if not items:
        return []
    rows = [messages.REPORT_TABLE_HEADER, _rule(3)]
    for product, text in items:
        rows.append(f"| {cell(product.key)} | {cell(product.source_path)} | {cell(text)} |")
    return rows


def _expiring_rows(items: Sequence[ExpiringLicense]) -> list[str]:
    if not items:
        return []
    rows = [messages.REPORT_EXPIRING_HEADER, _rule(6)]
    for item in items:
        rows.append(
            f"| {cell(item.product.source_path)} | {cell(item.product.name)} | {cell(item.type)} "
            f"| {cell(item.number)} | {cell(item.ends_text)} | {cell(item.status)} |"
        )
    return rows


def _number_warning_rows(items: Sequence[NumberWarning]) -> list[str]:
    if not items:
        return []
    rows = [messages.REPORT_NUMBER_WARNINGS_HEADER, _rule(4)]
    for item in items:
        problem = item.problem
        rows.append(
            f"| {cell(problem.path)}:{problem.line} | {cell(problem.key)} "
            f"| {cell(item.number or messages.REPORT_NUMBER_NONE)} | {cell(problem.message)} |"
        )
    return rows


def _product_fields(product: Product) -> dict[str, Any]:
    return {"produk": product.key, "berkas": product.source_path, "nama": product.name}


def _problem_fields(problem: Problem) -> dict[str, Any]:
    # The same shape as `validate --format json`, so one tool can read both.
    return {**asdict(problem), "level": problem.level.value}


def _problem_rows(problems: Sequence[Problem]) -> list[str]:
    if not problems:
        return []
    rows = [messages.REPORT_PROBLEM_HEADER, _rule(3)]
    for problem in problems:
        rows.append(
            f"| {cell(problem.path)} | {problem.line}:{problem.column} | {cell(problem.level.value + ': ' + problem.message)} |"
        )
    return rows


# The pull request summary ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProductChange:
    """A product page a pull request adds, changes or removes."""

    key: str
    """`<producer>/<product>`."""
    status: str
    """A sentence from messages: baru, diubah, dihapus, data produsen diubah."""

    @property
    def folder(self) -> str:
        """The product folder, relative to the project root."""
        return f"{PRODUCTS_PREFIX}{self.key}"


def render_pr_summary(settings: Settings, base: str) -> str:
    """Markdown for the job summary: products the pull request touches, their problems and page addresses."""
    changes = list(iter_changes(settings.root, base))
    scope_problems = check_changes(changes)
    products = list(iter_product_changes(changes, settings.products_dir))
    existing = [settings.root / p.folder for p in products if (settings.root / p.folder).is_dir()]
    problems = check(settings, existing, read_only=True).problems if existing else Problems()

    lines = [
        messages.PR_SUMMARY_TITLE,
        "",
        messages.PR_SUMMARY_INTRO.format(
            base=cell(base), files=len(changes), products=len(products)
        ),
        "",
    ]
    if products:
        lines += [messages.PR_SUMMARY_HEADER, _rule(4)]
        for product in products:
            lines.append(_summary_row(settings, product, problems))
    else:
        lines.append(messages.PR_SUMMARY_NO_PRODUCTS)
    lines += ["", messages.PR_SCOPE_TITLE, ""]
    if len(scope_problems):
        lines += [messages.PR_SCOPE_HEADER, _rule(3)]
        lines += [
            f"| {cell(p.path)} | {p.level.value} | {cell(p.message)} |" for p in scope_problems
        ]
    else:
        lines.append(messages.PR_SCOPE_OK)
    return "\n".join(lines) + "\n"


def iter_product_changes(changes: Iterable[Change], products_dir: Path) -> Iterator[ProductChange]:
    """Product pages touched by `changes`, sorted by key.

    A changed product file or photo touches its product; a changed produsen.yml or logo
    touches every product of that producer (each page shows the producer's name and contact).
    """
    found: dict[str, str] = {}
    producers: set[str] = set()
    for change in changes:
        parts = change.path.split("/")
        if not change.path.startswith(PRODUCTS_PREFIX) or len(parts) < 3:
            continue
        if len(parts) == 3:
            producers.add(parts[1])
            continue
        key = f"{parts[1]}/{parts[2]}"
        if parts[3] == PRODUCT_FILE and change.status == "A":
            found[key] = messages.PR_STATUS_ADDED
        elif parts[3] == PRODUCT_FILE and change.is_deleted:
            found[key] = messages.PR_STATUS_DELETED
        else:
            found.setdefault(key, messages.PR_STATUS_CHANGED)
    for key, status in list(found.items()):
        if (
            status != messages.PR_STATUS_DELETED
            and not (products_dir / key / PRODUCT_FILE).is_file()
        ):
            found[key] = messages.PR_STATUS_DELETED
    for producer in sorted(producers):
        folder = products_dir / producer
        if not folder.is_dir():
            continue
        for product in sorted(folder.iterdir()):
            if (product / PRODUCT_FILE).is_file() and not product.is_symlink():
                found.setdefault(f"{producer}/{product.name}", messages.PR_STATUS_PRODUCER)
    for key in sorted(found):
        yield ProductChange(key, found[key])


def _summary_row(settings: Settings, product: ProductChange, problems: Problems) -> str:
    producer = product.key.split("/")[0]
    # The product's own files, plus the producer's folder and files (produsen.yml, logo):
    # a galat there keeps every product of the producer off the site.
    own = problems.for_path(product.folder) + [
        p for p in problems.for_path(f"{PRODUCTS_PREFIX}{producer}") if p.path.count("/") <= 2
    ]
    mine = sorted(set(own), key=lambda p: (p.path, p.line, p.column))
    errors = sum(1 for p in mine if p.is_error)
    if product.status == messages.PR_STATUS_DELETED:
        address = messages.PR_PAGE_REMOVED
        mine, errors = [], 0
    else:
        url = f"{settings.site_url}produk/{product.key}/"
        # our own address, built from the site setting and a checked slug: left linkable
        address = (
            cell(url, linkable=True)
            if not errors
            else cell(messages.PR_PAGE_AFTER_FIX.format(url=url), linkable=True)
        )
    if mine:
        shown = [
            f"{cell(p.path.rsplit('/', 1)[-1])}:{p.line}:{p.column}: {cell(p.level.value + ': ' + p.message)}"
            for p in mine[:MAX_PROBLEMS_PER_ROW]
        ]
        if len(mine) > MAX_PROBLEMS_PER_ROW:
            shown.append(
                cell(messages.PR_PROBLEMS_MORE.format(count=len(mine) - MAX_PROBLEMS_PER_ROW))
            )
        counts = messages.PR_PROBLEMS_COUNT.format(errors=errors, warnings=len(mine) - errors)
        text = "<br>".join([f"**{counts}**", *shown])
    else:
        text = messages.PR_PROBLEMS_NONE
    return f"| {cell(product.key)} | {product.status} | {text} | {address} |"


# Markdown helpers ------------------------------------------------------------------------------


def cell(text: str, linkable: bool = False) -> str:
    """Text safe inside a Markdown table cell: no HTML, no links or emphasis, no column breaks.

    `linkable` keeps bare addresses clickable, for addresses the catalogue made itself.
    """
    escaped = re.sub(r"([\\`*_\[\]~!#])", r"\\\1", str(text))
    escaped = html.escape(escaped, quote=False).replace("|", "&#124;")
    if not linkable:
        # GitHub links bare addresses and notifies @names: break both without changing what is read.
        escaped = escaped.replace("://", "&#58;//").replace("@", "&#64;")
        escaped = re.sub(r"(?i)\bwww\.", lambda m: m.group(0)[:-1] + "&#46;", escaped)
    return re.sub(r"\s*[\r\n]+\s*", " ", escaped)


def _rule(columns: int) -> str:
    return "|" + "---|" * columns
