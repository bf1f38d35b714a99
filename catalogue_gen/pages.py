"""Stage 4: Catalogue + processed photos -> Markdown pages (and the photo files they show).

Producer text never reaches Markdown or front matter unescaped: every page body is one raw
HTML block rendered by Jinja2 with autoescaping, so Python-Markdown passes it through
untouched and `[x](javascript:...)` is just text. Front matter carries only values we
escaped ourselves, because Material prints `title` and `description` as raw HTML.
All links are relative, so the site works under a sub-path (`https://org.github.io/repo/`).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlsplit

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, Undefined
from jinja2.bccache import Bucket
from markupsafe import escape

from catalogue_gen import (
    addresses,
    categories,
    certifications,
    contacts,
    facets,
    finder,
    jsonld,
    regencies,
)
from catalogue_gen.certifications import Badge, PagefindFilters, badges_for
from catalogue_gen.display import count, display_phone, indonesian_date
from catalogue_gen.finder import search_terms
from catalogue_gen.model import (
    Catalogue,
    HalalStatus,
    PhotoVariant,
    ProcessedPhoto,
    Producer,
    Product,
)

if TYPE_CHECKING:
    from catalogue_gen.photos import ShareCards

# 48 cards a page: 12 rows of 4 on a laptop, and a listing stays well under 50 KB gzip.
PAGE_SIZE = 48
# Cards and the product photo start at the 400 px rendition; 200 px is for thumbnails.
CARD_WIDTH = 400
PRODUCERS_PAGE_SIZE = 96
OTHER_PRODUCTS_LIMIT = 8
# "Baru diperbarui" on the home page: two rows of 4 cards on a laptop.
NEWEST_LIMIT = 8
SITE_NAME = "Beli Produk NTT"
HOME_SHARE_TITLE = f"{SITE_NAME} – Katalog produk UMKM Nusa Tenggara Timur"
# Share cards (collages of a page's first photos) all live at the top of produk/, beside the
# product folders: one place for a file that several pages may share, and the home page's own
# folder (the site root) belongs to the hand-written pages.
SHARE_DIR = "produk/"

T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """One generated Markdown file, by its path under docs/."""

    path: str
    text: str


@dataclass(frozen=True)
class StaticFile:
    """A file copied into docs/ as is (processed photos)."""

    path: str
    source: str


@dataclass(frozen=True)
class Card:
    """What a listing shows of one product."""

    product: Product
    url: str
    image: str
    srcset: str
    width: int
    height: int
    placeholder: str
    price: str
    badges: tuple[Badge, ...]


@dataclass(frozen=True)
class GalleryPhoto:
    """One photo of a product page's gallery, with file names relative to the page."""

    photo: ProcessedPhoto
    display: PhotoVariant
    """The cover's rendition in the page, before the lightbox opens."""
    srcset: str
    thumb: PhotoVariant
    """The other photos' rendition: the smallest, so a first visit fetches little."""
    large: str


@dataclass(frozen=True)
class Pager:
    """The page links under a listing that takes more than one page."""

    number: int
    count: int
    previous: str
    """Empty on the first page."""
    next: str
    """Empty on the last page."""
    pages: list[tuple[int, str]]


class PageRenderer:
    """Renders every page of a catalogue. One instance per build."""

    def __init__(
        self,
        catalogue: Catalogue,
        photos: dict[str, ProcessedPhoto],
        site_url: str,
        share_cards: ShareCards | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.photos = photos
        self.site_url = site_url if site_url.strip("/") else ""
        self.env = make_environment()
        # None: pages without share images (the photo stage's ShareCards makes them)
        self.share_cards = share_cards
        self.share_files: dict[str, StaticFile] = {}
        # grouped once: asking the catalogue per producer would make rendering quadratic
        self.by_producer = _group(catalogue.products, lambda p: p.producer.slug)
        self.by_category = _group(catalogue.products, lambda p: p.category.slug)
        self.by_regency = _group(catalogue.products, lambda p: p.producer.regency.slug)
        # decided once per product, as a card shows them on every listing the product is on
        self.badges = {p.key: badges_for(p) for p in catalogue.products}

    def render_all(self) -> tuple[list[Page], list[StaticFile]]:
        """Every page and photo file of the site, in a stable order."""
        pages = [self.render_home()]
        pages += [self.render_product(product) for product in self.catalogue.products]
        pages += [self.render_producer(producer) for producer in self.catalogue.producers]
        pages += self.render_producer_index()
        pages += self.render_category_pages()
        pages += self.render_regency_pages()
        pages += self.render_certification_pages()
        pages += self.render_search()
        # last: the pages above named the share cards they show
        shared = [self.share_files[name] for name in sorted(self.share_files)]
        return pages, [*self.iter_photo_files(), *shared]

    # Pages, in site order ------------------------------------------------------------------

    def render_home(self) -> Page:
        """`index.md`: what the catalogue is, counts, and the ways in."""
        path = "index.md"
        newest = sorted(self.catalogue.products, key=_newest_first)[:NEWEST_LIMIT]
        return self._render(
            "home.html.j2",
            path,
            dict(
                title="Beranda",
                og_title=HOME_SHARE_TITLE,
                description="Katalog produk UMKM Nusa Tenggara Timur: pangan olahan, kopi, madu, tenun ikat, dengan nomor izin yang bisa diperiksa.",
            ),
            product_count=len(self.catalogue.products),
            producer_count=len(self.catalogue.producers),
            regency_count=len(self.by_regency),
            categories=categories.CATEGORIES,
            category_counts=_counts(self.by_category),
            regencies=regencies.REGENCIES,
            regency_counts=_counts(self.by_regency),
            certifications=list(certifications.iter_listed()),
            cards=[self.card(p, path) for p in newest],
        )

    def render_product(self, product: Product) -> Page:
        """`produk/<producer>/<product>/index.md`."""
        folder = self.product_dir(product)
        path = folder + "index.md"
        cover = self.photos[product.photos[0].source_path]
        share_image = (cover.social or cover.largest).file_name
        meta = dict(
            title=f"{product.name} – {product.producer.name}",
            description=product.summary,
            template="compact.html",
            og_type="product",
            og_image=self.absolute(folder + share_image) or share_image,
            og_image_alt=product.photos[0].alt,
            hide=["toc"],
        )
        body = self._render_body("product.html.j2", path, **self._product_context(product, path))
        # one blank line more than the other pages have, kept so that rebuilt pages (and the
        # goldens) stay byte-identical
        return Page(path, front_matter(**meta) + "\n" + body)

    def _product_context(self, product: Product, path: str) -> dict[str, Any]:
        cover = self.photos[product.photos[0].source_path]
        page_url = self.absolute(self.product_dir(product))
        others = [p for p in self.by_producer[product.producer.slug] if p.slug != product.slug]
        return dict(
            product=product,
            gallery=[self._gallery_photo(self.photos[p.source_path]) for p in product.photos],
            badges=self.badges[product.key],
            price=price_text(product),
            whatsapp=whatsapp_url(product.producer, product, page_url),
            json_ld=jsonld.render_script(self.product_json_ld(product)),
            others=[self.card(p, path) for p in others[:OTHER_PRODUCTS_LIMIT]],
            page_url=page_url,
            halal_status=HalalStatus,
            search_terms=search_terms(product),
            filters=[
                (key, value)
                for key, values in facets.product_filters(product).items()
                for value in values
            ],
            sort_keys=facets.product_sort_keys(product),
            card_image=cover.at_least(CARD_WIDTH).file_name,
            thumb_image=(cover.thumbnail or cover.variants[0]).file_name,
        )

    def _gallery_photo(self, photo: ProcessedPhoto) -> GalleryPhoto:
        display = photo.at_least(CARD_WIDTH)
        return GalleryPhoto(
            photo=photo,
            display=display,
            srcset=", ".join(f"{v.file_name} {v.width}w" for v in photo.srcset_from(CARD_WIDTH)),
            thumb=photo.variants[0],
            large=photo.largest.file_name,
        )

    def product_json_ld(self, product: Product) -> dict[str, Any]:
        """The page's schema.org Product (jsonld.py), with its addresses."""
        folder = self.product_dir(product)
        largest = [self.photos[photo.source_path].largest.file_name for photo in product.photos]
        images = [self.absolute(folder + name) or name for name in largest]
        return jsonld.product_data(product, self.absolute(folder), images)

    def render_producer(self, producer: Producer) -> Page:
        """`produsen/<producer>/index.md`."""
        path = f"produsen/{producer.slug}/index.md"
        return self._render(
            "producer.html.j2",
            path,
            dict(
                title=producer.name,
                description=f"{producer.name}: produsen dari {producer.regency.name}, NTT.",
                template="compact.html",
            ),
            producer=producer,
            paragraphs=producer.about.split("\n\n") if producer.about else [],
            cards=[self.card(p, path) for p in self.by_producer.get(producer.slug, [])],
            logo=self._logo(producer),
            whatsapp=whatsapp_url(producer, None, ""),
        )

    def render_producer_index(self) -> list[Page]:
        """`produsen/index.md` and its next pages: every producer with regency and product count."""
        producers = sorted(self.catalogue.producers, key=lambda p: p.name.casefold())
        chunks = _chunks(producers, PRODUCERS_PAGE_SIZE)
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            path = addresses.producer_index_path(number)
            pages.append(
                self._render(
                    "producer_index.html.j2",
                    path,
                    dict(title="Produsen", description="Daftar produsen UMKM NTT di katalog."),
                    producers=chunk,
                    counts=_counts(self.by_producer),
                    pager=_pager(
                        path, addresses.PRODUCERS_DIR, number, len(chunks), addresses.PAGE_PREFIX
                    ),
                )
            )
        return pages

    def render_category_pages(self) -> list[Page]:
        """`kategori/index.md` (every category with its count), then a listing per category."""
        pages = [
            self._render(
                "category_index.html.j2",
                "kategori/index.md",
                dict(title="Kategori", description="Jelajahi produk NTT menurut kategori."),
                categories=categories.CATEGORIES,
                counts=_counts(self.by_category),
            )
        ]
        for category in categories.CATEGORIES:
            pages += self.render_listing(
                f"kategori/{category.slug}",
                category.name,
                category.description,
                self.by_category.get(category.slug, []),
                kind="kategori",
                base_filters={"kategori": category.slug},
            )
        return pages

    def render_regency_pages(self) -> list[Page]:
        """`kabupaten/index.md` (every regency with its count, by island), then their listings."""
        pages = [
            self._render(
                "regency_index.html.j2",
                "kabupaten/index.md",
                dict(
                    title="Kabupaten/Kota",
                    description="Jelajahi produk NTT menurut kabupaten dan kota.",
                ),
                regencies=regencies.REGENCIES,
                counts=_counts(self.by_regency),
            )
        ]
        for regency in regencies.REGENCIES:
            pages += self.render_listing(
                f"kabupaten/{regency.slug}",
                regency.name,
                f"Produk UMKM dari {regency.name}, ibu kota {regency.capital}, pulau {regency.island}.",
                self.by_regency.get(regency.slug, []),
                kind="kabupaten",
                base_filters={"kabupaten": regency.slug},
            )
        return pages

    def render_certification_pages(self) -> list[Page]:
        """`sertifikasi/<slug>/`: a listing per certification that has one (certifications.py)."""
        pages = []
        for certification, listing in certifications.iter_listed():
            # the badge is the decision: a listing holds exactly the cards that show its badge
            holders = [
                p for p in self.catalogue.products if certification.badge in self.badges[p.key]
            ]
            pages += self.render_listing(
                f"sertifikasi/{certification.slug}",
                listing.title,
                listing.description,
                holders,
                kind="sertifikasi",
                base_filters=certification.filters,
            )
        return pages

    def render_listing(
        self,
        folder: str,
        title: str,
        description: str,
        products: Sequence[Product],
        kind: str,
        base_filters: PagefindFilters,
    ) -> list[Page]:
        """A listing of product cards, `PAGE_SIZE` to a page: `<folder>/`, `<folder>/2/`, ...

        The static pages list every product; when a shopper filters or sorts, finder.js asks
        Pagefind for the same set (`base_filters`) and answers for all of it, not one page.
        """
        ordered = sorted(products, key=lambda p: (not p.is_available, p.name.casefold(), p.key))
        chunks = _chunks(ordered, PAGE_SIZE)
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            path = f"{folder}/index.md" if number == 1 else f"{folder}/{number}/index.md"
            page_title = title if number == 1 else f"{title} (halaman {number})"
            pages.append(
                self._render(
                    "listing.html.j2",
                    path,
                    dict(title=page_title, description=description),
                    title=title,
                    description=description,
                    cards=[self.card(p, path) for p in chunk],
                    total=len(ordered),
                    pager=_pager(path, folder, number, len(chunks)),
                    kind=kind,
                    facets=[f for f in facets.FACETS if f.key not in base_filters],
                    sorts=facets.SORTS,
                    finder=self.finder_settings(path, base_filters),
                )
            )
        return pages

    def render_search(self) -> list[Page]:
        """`cari/`: the search page with every facet, its rules and the suggestion vocabulary."""
        path = "cari/index.md"
        page = self._render(
            "search.html.j2",
            path,
            dict(
                title="Cari produk",
                description="Cari produk UMKM NTT menurut nama, nama lokal, produsen atau kabupaten.",
                hide=["navigation", "toc"],
            ),
            facets=facets.FACETS,
            sorts=facets.SORTS,
            finder=self.finder_settings(path, {}, finder.SEARCH_PAGE_SIZE),
            categories=categories.CATEGORIES,
        )
        return [
            page,
            Page(finder.RULES_FILE, finder.render_rules()),
            Page(finder.VOCABULARY_FILE, finder.render_vocabulary(self.catalogue)),
        ]

    # Parts of pages ------------------------------------------------------------------------

    def card(self, product: Product, from_page: str) -> Card:
        """The card of a product as seen from the page at `from_page`."""
        cover = self.photos[product.photos[0].source_path]
        folder = self.product_dir(product)
        small = cover.at_least(CARD_WIDTH)
        srcset = ", ".join(
            f"{relative_url(from_page, folder + v.file_name)} {v.width}w"
            for v in cover.srcset_from(CARD_WIDTH)
        )
        return Card(
            product=product,
            url=relative_url(from_page, folder),
            image=relative_url(from_page, folder + small.file_name),
            srcset=srcset,
            width=small.width,
            height=small.height,
            placeholder=cover.placeholder_color,
            price=price_text(product),
            badges=self.badges[product.key],
        )

    def finder_settings(
        self,
        from_page: str,
        base_filters: PagefindFilters,
        page_size: int = finder.RESULTS_PAGE_SIZE,
    ) -> str:
        """JSON for `data-finder` on the page at `from_page`."""
        return finder.render_settings(
            base_filters,
            page_size,
            rules_url=relative_url(from_page, finder.RULES_FILE),
            vocabulary_url=relative_url(from_page, finder.VOCABULARY_FILE),
        )

    def share_meta(
        self, path: str, meta: dict[str, Any], cards: Sequence[Card] | None
    ) -> dict[str, Any]:
        """og:title "<title> – Beli Produk NTT", and og:image: a collage of the page's first
        product photos, or the site's own card on a page with no product."""
        found: dict[str, Any] = {
            "og_title": meta.get("og_title") or f"{meta['title']} – {SITE_NAME}"
        }
        if self.share_cards is None:
            return found
        chosen = [card.product for card in (cards or ())][: self.share_cards.limit]
        covers = [self.photos[p.photos[0].source_path] for p in chosen]
        if len(chosen) == 1 and covers[0].social is not None:
            # one product: its own share image (the whole photo on its colour), no second file
            target = self.product_dir(chosen[0]) + covers[0].social.file_name
        else:
            image = self.share_cards.collage(covers) if chosen else self.share_cards.default()
            target = SHARE_DIR + image.file_name
            self.share_files[image.file_name] = StaticFile(target, image.cache_path)
        found["og_image_alt"] = (
            ("Foto " + ", ".join(p.name for p in chosen))
            if chosen
            else f"{SITE_NAME}: katalog produk UMKM Nusa Tenggara Timur"
        )
        found["og_image"] = self.absolute(target) or relative_url(path, target)
        return found

    def _render(self, template: str, path: str, meta: dict[str, Any], **context: Any) -> Page:
        # every page but the product page: its share image comes from the cards it shows
        body = self._render_body(template, path, **context)
        meta = {**meta, **self.share_meta(path, meta, context.get("cards"))}
        return Page(path, front_matter(**meta) + body)

    def _render_body(self, template: str, path: str, **context: Any) -> str:
        html = self.env.get_template(template).render(
            rel=lambda target: relative_url(path, target), **context
        )
        return _compact_html(html)

    # Files and addresses -------------------------------------------------------------------

    def iter_photo_files(self) -> Iterator[StaticFile]:
        """The photo files the pages show: every product's renditions, then the logos."""
        for product in self.catalogue.products:
            yield from self._product_photo_files(product)
        for producer in self.catalogue.producers:
            logo = self._logo(producer)
            if logo is not None:
                yield StaticFile(f"produsen/{producer.slug}/{logo.file_name}", logo.cache_path)

    def _product_photo_files(self, product: Product) -> Iterator[StaticFile]:
        folder = self.product_dir(product)
        for index, photo in enumerate(product.photos):
            processed = self.photos[photo.source_path]
            for variant in processed.variants:
                yield StaticFile(folder + variant.file_name, variant.cache_path)
            if index == 0 and processed.social is not None:
                yield StaticFile(folder + processed.social.file_name, processed.social.cache_path)
            if index == 0 and processed.thumbnail is not None:
                yield StaticFile(
                    folder + processed.thumbnail.file_name, processed.thumbnail.cache_path
                )

    def _logo(self, producer: Producer) -> PhotoVariant | None:
        # shown only once the photo stage has made its rendition (tests render without one)
        if producer.logo is None or producer.logo.source_path not in self.photos:
            return None
        return self.photos[producer.logo.source_path].at_least(CARD_WIDTH)

    def product_dir(self, product: Product) -> str:
        """Site folder of a product page."""
        return f"produk/{product.producer.slug}/{product.slug}/"

    def absolute(self, site_path: str) -> str:
        """Absolute URL for canonical links and Open Graph; "" when the site URL is unknown."""
        return self.site_url + site_path if self.site_url else ""


# The template environment ------------------------------------------------------------------


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept for the life of the process, by name and source checksum.

    Compiling is half of what a small catalogue's page stage costs, and `serve` and the tests
    build many times in one process. Jinja still reads each template's source, and compiles
    it anew when its checksum changed.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


def make_environment() -> Environment:
    """The Jinja2 environment: autoescape on for every template, whatever its name.

    A value a template names but is not given fails the build (StrictUndefined): a page that
    silently lacks a price or a licence number is worse than no page.
    """
    env = Environment(
        loader=PackageLoader("catalogue_gen", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED_TEMPLATES,
    )
    env.filters["rupiah"] = format_rupiah
    env.filters["link_name"] = link_name
    env.filters["host"] = url_host
    env.filters["indonesian_date"] = indonesian_date
    env.filters["phone"] = display_phone
    env.filters["count"] = count
    env.policies["json.dumps_function"] = _json_dumps
    return env


def _json_dumps(value: Any, **options: Any) -> str:
    # `tojson` of a missing value would fail as "StrictUndefined is not JSON serializable",
    # which does not say which value is missing
    return json.dumps(value, default=_undefined_json, **options)


def _undefined_json(value: object) -> object:
    if isinstance(value, Undefined):
        return str(value)  # raises UndefinedError: "'build_id' is undefined"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# How marketplaces and social networks spell themselves; `tautan:` keys are written in lower
# case. The validator lets a key of contacts.LINK_SITES link only to that site's own hosts.
LINK_NAMES = {key: site.label for key, site in contacts.LINK_SITES.items()}


def link_name(key: str) -> str:
    """`shopee` -> `Shopee`: the name of a `tautan:` entry as shoppers know it."""
    return LINK_NAMES.get(key.strip().lower(), key[:1].upper() + key[1:])


def format_rupiah(value: int) -> str:
    """`75000` -> `Rp75.000`, the way prices are printed in Indonesia."""
    return "Rp" + f"{value:,}".replace(",", ".")


def url_host(url: str) -> str:
    """`https://cekbpom.pom.go.id/...` -> `cekbpom.pom.go.id`: where a "check it here" link goes."""
    return urlsplit(url).netloc


# Page text ---------------------------------------------------------------------------------


def front_matter(**values: Any) -> str:
    """YAML front matter from values we control; strings are HTML-escaped because Material prints them raw."""
    lines = ["---"]
    for key, value in values.items():
        if value is None or value == "":
            continue
        if isinstance(value, str):
            value = str(escape(value))
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _compact_html(text: str) -> str:
    # Python-Markdown ends a raw HTML block at a blank line in some contexts; never leave one.
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


def price_text(product: Product) -> str:
    """The price shown on cards: the lowest, "mulai" when there are several."""
    if not product.prices:
        return ""
    lowest = min(p.rupiah for p in product.prices)
    prefix = "mulai " if len({p.rupiah for p in product.prices}) > 1 else ""
    return prefix + format_rupiah(lowest)


def whatsapp_url(producer: Producer, product: Product | None, page_url: str) -> str:
    """`https://wa.me/62...?text=...` with a message naming the product and the catalogue."""
    if not producer.contact.whatsapp:
        return ""
    if product is not None:
        message = (
            f"Halo {producer.name}, saya melihat {product.name} di katalog {SITE_NAME}"
            + (f" ({page_url})" if page_url else "")
            + ". Apakah masih tersedia?"
        )
    else:
        message = f"Halo {producer.name}, saya melihat usaha Anda di katalog {SITE_NAME}."
    return f"https://wa.me/{producer.contact.whatsapp}?text={quote(message, safe='')}"


# Addresses and grouping --------------------------------------------------------------------


def page_dir(path: str) -> str:
    """The folder a page is served from: `produk/a/b/index.md` -> `produk/a/b`."""
    return posixpath.dirname(path)


def relative_url(from_page: str, target: str) -> str:
    """A link from the page at `from_page` (a docs path) to `target` (a site folder or file)."""
    start = page_dir(from_page) or "."
    rel = posixpath.relpath(target.rstrip("/") or ".", start)
    if target.endswith("/") or target == "":
        return "./" if rel == "." else rel + "/"
    return rel


def _group(products: Iterable[Product], key: Callable[[Product], str]) -> dict[str, list[Product]]:
    groups: dict[str, list[Product]] = {}
    for product in products:
        groups.setdefault(key(product), []).append(product)
    return groups


def _counts(groups: dict[str, list[Product]]) -> dict[str, int]:
    return {key: len(products) for key, products in groups.items()}


def _newest_first(product: Product) -> tuple[bool, int, str]:
    # undated products last; the product key breaks ties, so the order never depends on input
    updated = product.updated.toordinal() if product.updated else 0
    return (product.updated is None, -updated, product.key)


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    # an empty listing is still one (empty) page
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]


def _pager(path: str, folder: str, number: int, page_count: int, prefix: str = "") -> Pager | None:
    if page_count <= 1:
        return None

    def url(n: int) -> str:
        return relative_url(path, f"{folder}/" if n == 1 else f"{folder}/{prefix}{n}/")

    return Pager(
        number=number,
        count=page_count,
        previous=url(number - 1) if number > 1 else "",
        next=url(number + 1) if number < page_count else "",
        pages=[(n, url(n)) for n in range(1, page_count + 1)],
    )
