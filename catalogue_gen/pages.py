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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from catalogue_gen import addresses, categories, contacts, facets, regencies, synonyms
from catalogue_gen.display import count, display_phone, indonesian_date
from catalogue_gen.model import Catalogue, HalalStatus, ProcessedPhoto, Producer, Product
from catalogue_gen.synonyms import expand_terms, index_forms, normalise, vocabulary_words

if TYPE_CHECKING:
    from catalogue_gen.photos import ShareCards

# 48 cards a page: 12 rows of 4 on a laptop, and a listing stays well under 50 KB gzip.
PAGE_SIZE = 48
# Cards and the product photo start at the 400 px rendition; 200 px is for thumbnails.
CARD_WIDTH = 400
PRODUCERS_PAGE_SIZE = 96
OTHER_PRODUCTS_LIMIT = 8
SITE_NAME = "Beli Produk NTT"
HOME_SHARE_TITLE = f"{SITE_NAME} – Katalog produk UMKM Nusa Tenggara Timur"
# Share cards (collages of a page's first photos) all live at the top of produk/, beside the
# product folders: one place for a file that several pages may share, and the home page's own
# folder (the site root) belongs to the hand-written pages.
SHARE_DIR = "produk/"
# Client-side result pages: each result costs one Pagefind fragment request and a photo.
# Filtered listings show 24 cards; the search page 12 rows, which keeps a filtered first
# search under 200 KB (239 KB with 24 at 1,000 products).
RESULTS_PAGE_SIZE = 24
SEARCH_PAGE_SIZE = 12
# The vocabulary for "Maksud Anda ...?" keeps the most frequent words: a few KB gzip.
VOCABULARY_LIMIT = 3000


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
class Badge:
    """A short label on cards and product pages: kind picks the colour."""

    kind: str
    text: str


BADGES = {
    badge.kind: badge
    for badge in (
        Badge("bpom", "BPOM"),
        Badge("pirt", "P-IRT"),
        Badge("sni", "SNI"),
        Badge("halal", "Halal"),
        Badge("tidak-halal", "Tidak halal"),
        Badge("halal-proses", "Halal: dalam proses"),
        Badge("expired", "Izin perlu diperbarui"),
        Badge("habis", "Stok habis"),
    )
}
HALAL_BADGE_OF_STATUS = {
    HalalStatus.CERTIFIED: "halal",
    HalalStatus.NOT_HALAL: "tidak-halal",
    HalalStatus.IN_PROCESS: "halal-proses",
}


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


def make_environment() -> Environment:
    """The Jinja2 environment: autoescape on for every template, whatever its name."""
    env = Environment(
        loader=PackageLoader("catalogue_gen", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["rupiah"] = format_rupiah
    env.filters["link_name"] = link_name
    env.filters["indonesian_date"] = indonesian_date
    env.filters["phone"] = display_phone
    env.filters["count"] = count
    return env


# How marketplaces and social networks spell themselves; `tautan:` keys are written in lower
# case. The validator lets a key of contacts.LINK_SITES link only to that site's own hosts.
LINK_NAMES = {key: site.label for key, site in contacts.LINK_SITES.items()}


def link_name(key: str) -> str:
    """`shopee` -> `Shopee`: the name of a `tautan:` entry as shoppers know it."""
    return LINK_NAMES.get(key.strip().lower(), key[:1].upper() + key[1:])


def format_rupiah(value: int) -> str:
    """`75000` -> `Rp75.000`, the way prices are printed in Indonesia."""
    return "Rp" + f"{value:,}".replace(",", ".")


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


def price_text(product: Product) -> str:
    """The price shown on cards: the lowest, "mulai" when there are several."""
    if not product.prices:
        return ""
    lowest = min(p.rupiah for p in product.prices)
    prefix = "mulai " if len({p.rupiah for p in product.prices}) > 1 else ""
    return prefix + format_rupiah(lowest)


def badges_for(product: Product) -> tuple[Badge, ...]:
    """Certification and stock badges, in a fixed order (the search results show the same)."""
    kinds = facets.license_kinds(product)
    badges: list[Badge] = []
    if any(kind in facets.BPOM_KINDS for kind in kinds):
        badges.append(BADGES["bpom"])
    badges += [BADGES[kind] for kind in ("pirt", "sni") if kind in kinds]
    if product.halal is not None and product.halal.shown_status is not None:
        badges.append(BADGES[HALAL_BADGE_OF_STATUS[product.halal.shown_status]])
    if product.has_expired_license:
        badges.append(BADGES["expired"])
    if not product.is_available:
        badges.append(BADGES["habis"])
    return tuple(badges)


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


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a `<script type="application/ld+json">` that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


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
        self.by_producer: dict[str, list[Product]] = defaultdict(list)
        for product in catalogue.products:
            self.by_producer[product.producer.slug].append(product)

    # Helpers used by templates -------------------------------------------------------------

    def product_dir(self, product: Product) -> str:
        """Site folder of a product page."""
        return f"produk/{product.producer.slug}/{product.slug}/"

    def absolute(self, site_path: str) -> str:
        """Absolute URL for canonical links and Open Graph; "" when the site URL is unknown."""
        return self.site_url + site_path if self.site_url else ""

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
            badges=badges_for(product),
        )

    def _render(self, template: str, path: str, meta: dict[str, Any], **context: Any) -> Page:
        body = self.env.get_template(template).render(
            page_path=path,
            rel=lambda target: relative_url(path, target),
            **context,
        )
        meta = {**meta, **self.share_meta(path, meta, context.get("cards"))}
        return Page(path, front_matter(**meta) + _compact_html(body))

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

    # Pages ---------------------------------------------------------------------------------

    def render_all(self) -> tuple[list[Page], list[StaticFile]]:
        """Every page and photo file of the site, in a stable order."""
        pages: list[Page] = [self.render_home()]
        files: list[StaticFile] = []
        for product in self.catalogue.products:
            pages.append(self.render_product(product))
            files.extend(self._photo_files(product))
        for producer in self.catalogue.producers:
            pages.append(self.render_producer(producer))
            if producer.logo is not None and producer.logo.source_path in self.photos:
                for variant in [self.photos[producer.logo.source_path].at_least(CARD_WIDTH)]:
                    files.append(
                        StaticFile(
                            f"produsen/{producer.slug}/{variant.file_name}", variant.cache_path
                        )
                    )
        pages.extend(self.render_producer_index())
        by_category = self._group(lambda p: p.category.slug)
        pages.append(self.render_category_index(by_category))
        for category in categories.CATEGORIES:
            pages.extend(
                self.render_listing(
                    f"kategori/{category.slug}",
                    category.name,
                    category.description,
                    by_category.get(category.slug, []),
                    kind="kategori",
                    base_filters={"kategori": category.slug},
                )
            )
        by_regency = self._group(lambda p: p.producer.regency.slug)
        pages.append(self.render_regency_index(by_regency))
        for regency in regencies.REGENCIES:
            description = f"Produk UMKM dari {regency.name}, ibu kota {regency.capital}, pulau {regency.island}."
            pages.extend(
                self.render_listing(
                    f"kabupaten/{regency.slug}",
                    regency.name,
                    description,
                    by_regency.get(regency.slug, []),
                    kind="kabupaten",
                    base_filters={"kabupaten": regency.slug},
                )
            )
        for listing in CERTIFICATION_LISTINGS:
            chosen = [p for p in self.catalogue.products if listing.includes(p)]
            pages.extend(
                self.render_listing(
                    f"sertifikasi/{listing.slug}",
                    listing.title,
                    listing.description,
                    chosen,
                    kind="sertifikasi",
                    base_filters=listing.filters,
                )
            )
        pages.extend(self.render_search())
        files.extend(self.share_files[name] for name in sorted(self.share_files))
        return pages, files

    def _group(self, key: Any) -> dict[str, list[Product]]:
        groups: dict[str, list[Product]] = defaultdict(list)
        for product in self.catalogue.products:
            groups[key(product)].append(product)
        return groups

    def _photo_files(self, product: Product) -> Iterable[StaticFile]:
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

    def render_product(self, product: Product) -> Page:
        """`produk/<producer>/<product>/index.md`."""
        path = self.product_dir(product) + "index.md"
        folder = self.product_dir(product)
        gallery = []
        for photo in product.photos:
            processed = self.photos[photo.source_path]
            gallery.append(
                {
                    "photo": processed,
                    "src": processed.at_least(CARD_WIDTH).file_name,
                    "srcset": ", ".join(
                        f"{v.file_name} {v.width}w" for v in processed.srcset_from(CARD_WIDTH)
                    ),
                    "large": processed.largest.file_name,
                    "display": processed.at_least(CARD_WIDTH),
                }
            )
        cover = self.photos[product.photos[0].source_path]
        page_url = self.absolute(folder)
        social = cover.social.file_name if cover.social else cover.largest.file_name
        others = [p for p in self.by_producer[product.producer.slug] if p.slug != product.slug]
        meta = dict(
            title=f"{product.name} – {product.producer.name}",
            description=product.summary,
            template="compact.html",
            og_type="product",
            og_image=self.absolute(folder + social) or social,
            og_image_alt=product.photos[0].alt,
            hide=["toc"],
        )
        body = self.env.get_template("product.html.j2").render(
            product=product,
            gallery=gallery,
            badges=badges_for(product),
            whatsapp=whatsapp_url(product.producer, product, page_url),
            json_ld=json_ld(self.product_json_ld(product, folder, social)),
            others=[self.card(p, path) for p in others[:OTHER_PRODUCTS_LIMIT]],
            rel=lambda target: relative_url(path, target),
            page_url=page_url,
            cover=cover,
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
        return Page(path, front_matter(**meta) + "\n" + _compact_html(body))

    def product_json_ld(self, product: Product, folder: str, social: str) -> dict[str, Any]:
        """schema.org Product: name, image, description, brand, category, offers in IDR."""
        images = [
            self.absolute(folder + self.photos[p.source_path].largest.file_name)
            or self.photos[p.source_path].largest.file_name
            for p in product.photos
        ]
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": product.name,
            "description": product.summary,
            "image": images,
            "category": product.category.name,
            "brand": {"@type": "Brand", "name": product.producer.name},
            "manufacturer": {
                "@type": "Organization",
                "name": product.producer.name,
                "address": {
                    "@type": "PostalAddress",
                    "addressRegion": "Nusa Tenggara Timur",
                    "addressLocality": product.producer.regency.name,
                    "addressCountry": "ID",
                },
            },
            "countryOfOrigin": {"@type": "Country", "name": "Indonesia"},
        }
        url = self.absolute(folder)
        if url:
            data["url"] = url
        availability = (
            "https://schema.org/InStock"
            if product.is_available
            else "https://schema.org/OutOfStock"
        )
        if product.prices:
            amounts = [p.rupiah for p in product.prices]
            if len(product.prices) == 1:
                offers: dict[str, Any] = {"@type": "Offer", "price": str(amounts[0])}
            else:
                offers = {
                    "@type": "AggregateOffer",
                    "lowPrice": str(min(amounts)),
                    "highPrice": str(max(amounts)),
                    "offerCount": len(amounts),
                }
            offers.update({"priceCurrency": "IDR", "availability": availability})
            if url:
                offers["url"] = url
            data["offers"] = offers
        return data

    def render_producer(self, producer: Producer) -> Page:
        """`produsen/<producer>/index.md`."""
        path = f"produsen/{producer.slug}/index.md"
        products = self.by_producer[producer.slug]
        logo = None
        if producer.logo is not None and producer.logo.source_path in self.photos:
            logo = self.photos[producer.logo.source_path].at_least(CARD_WIDTH)
        return self._render(
            "producer.html.j2",
            path,
            dict(
                title=producer.name,
                description=f"{producer.name}: produsen dari {producer.regency.name}, NTT.",
                template="compact.html",
            ),
            producer=producer,
            cards=[self.card(p, path) for p in products],
            logo=logo,
            whatsapp=whatsapp_url(producer, None, ""),
        )

    def render_producer_index(self) -> list[Page]:
        """`produsen/index.md` and its next pages: every producer with regency and product count."""
        counts = {p.slug: len(self.by_producer[p.slug]) for p in self.catalogue.producers}
        producers = sorted(self.catalogue.producers, key=lambda p: p.name.casefold())
        pages = []
        chunks = _chunks(producers, PRODUCERS_PAGE_SIZE)
        for number, chunk in enumerate(chunks, start=1):
            path = addresses.producer_index_path(number)
            pages.append(
                self._render(
                    "producer_index.html.j2",
                    path,
                    dict(title="Produsen", description="Daftar produsen UMKM NTT di katalog."),
                    producers=chunk,
                    counts=counts,
                    pager=_pager(
                        path, addresses.PRODUCERS_DIR, number, len(chunks), addresses.PAGE_PREFIX
                    ),
                )
            )
        return pages

    def render_listing(
        self,
        folder: str,
        title: str,
        description: str,
        products: Sequence[Product],
        kind: str,
        base_filters: dict[str, Any],
    ) -> list[Page]:
        """A listing of product cards, `PAGE_SIZE` to a page: `<folder>/`, `<folder>/2/`, ...

        The static pages list every product; when a shopper filters or sorts, finder.js asks
        Pagefind for the same set (`base_filters`) and answers for all of it, not one page.
        """
        ordered = sorted(products, key=lambda p: (not p.is_available, p.name.casefold(), p.key))
        chunks = _chunks(ordered, PAGE_SIZE)
        pages = []
        fixed = set(base_filters)
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
                    facets=[f for f in facets.FACETS if f.key not in fixed],
                    sorts=facets.SORTS,
                    finder=self.finder_settings(path, base_filters),
                )
            )
        return pages

    def finder_settings(
        self, from_page: str, base_filters: dict[str, Any], page_size: int = RESULTS_PAGE_SIZE
    ) -> str:
        """JSON for `data-finder`: the listing's own filter, page size, where the rules live."""
        return json.dumps(
            {
                "base": base_filters,
                "pageSize": page_size,
                "rules": relative_url(from_page, "cari/aturan.json"),
                "vocabulary": relative_url(from_page, "cari/kosakata.json"),
            },
            sort_keys=True,
            ensure_ascii=False,
        )

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
            finder=self.finder_settings(path, {}, SEARCH_PAGE_SIZE),
            categories=categories.CATEGORIES,
        )
        rules = {
            "allProducts": synonyms.ALL_PRODUCTS_WORD,
            "halalWords": list(synonyms.HALAL_QUERY_WORDS),
            "negations": list(synonyms.QUERY_NEGATIONS),
            "halalFiller": list(synonyms.HALAL_QUERY_FILLER),
            "animals": {animal: list(names) for animal, names in facets.ANIMALS.items()},
            "noAnimal": facets.NO_ANIMAL,
            "halalCertified": facets.HALAL_CERTIFIED,
            "halalNot": facets.HALAL_VALUE_OF_STATUS[HalalStatus.NOT_HALAL],
            "badges": {kind: badge.text for kind, badge in BADGES.items()},
            "sorts": {value: [key, direction] for value, key, direction, _ in facets.SORTS},
        }
        words = vocabulary_words(self._vocabulary_texts(), VOCABULARY_LIMIT)
        return [
            page,
            Page(
                "cari/aturan.json",
                json.dumps(rules, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
            ),
            Page(
                "cari/kosakata.json",
                json.dumps({"words": " ".join(words)}, ensure_ascii=False, separators=(",", ":"))
                + "\n",
            ),
        ]

    def _vocabulary_texts(self) -> Iterable[str]:
        # What shoppers type: names, local names, categories and places; not the long texts.
        for product in self.catalogue.products:
            yield " ".join(
                [
                    product.name,
                    *product.keywords,
                    product.category.name,
                    product.producer.regency.short_name,
                    product.producer.name,
                ]
            )
        for category in categories.CATEGORIES:
            yield category.name
        for regency in regencies.REGENCIES:
            yield " ".join([regency.short_name, regency.capital, *regency.aliases])

    def render_category_index(self, groups: dict[str, list[Product]]) -> Page:
        """`kategori/index.md`: every category with its count."""
        return self._render(
            "category_index.html.j2",
            "kategori/index.md",
            dict(title="Kategori", description="Jelajahi produk NTT menurut kategori."),
            categories=categories.CATEGORIES,
            counts={k: len(v) for k, v in groups.items()},
        )

    def render_regency_index(self, groups: dict[str, list[Product]]) -> Page:
        """`kabupaten/index.md`: every regency with its count, grouped by island."""
        return self._render(
            "regency_index.html.j2",
            "kabupaten/index.md",
            dict(
                title="Kabupaten/Kota",
                description="Jelajahi produk NTT menurut kabupaten dan kota.",
            ),
            regencies=regencies.REGENCIES,
            counts={k: len(v) for k, v in groups.items()},
        )

    def render_home(self) -> Page:
        """`index.md`: what the catalogue is, counts, and the ways in."""
        path = "index.md"
        by_category = self._group(lambda p: p.category.slug)
        by_regency = self._group(lambda p: p.producer.regency.slug)
        newest = sorted(
            self.catalogue.products,
            key=lambda p: (p.updated is None, -(p.updated.toordinal() if p.updated else 0), p.key),
        )[:8]
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
            regency_count=len(by_regency),
            categories=categories.CATEGORIES,
            category_counts={k: len(v) for k, v in by_category.items()},
            regencies=regencies.REGENCIES,
            regency_counts={k: len(v) for k, v in by_regency.items()},
            cards=[self.card(p, path) for p in newest],
        )


def search_terms(product: Product) -> str:
    """Extra words indexed for search: keywords, local names, spelling variants, word forms.

    "halal" is indexed only for a certified product (the word on a pork product's page,
    "tidak halal", stays out of the index), whatever a producer wrote.
    """
    words = [
        product.name,
        product.category.name,
        product.producer.regency.name,
        product.producer.regency.short_name,
        *product.producer.regency.aliases,
        *product.keywords,
    ]
    terms = expand_terms(" ".join(words))
    terms += index_forms([*terms, *normalise(product.summary).split()])
    terms.append(synonyms.ALL_PRODUCTS_WORD)
    if facets.is_halal_certified(product):
        terms.append("halal")
    else:
        terms = [term for term in terms if term not in synonyms.HALAL_QUERY_WORDS]
    return " ".join(dict.fromkeys(terms))


@dataclass(frozen=True)
class CertificationListing:
    """A listing of `sertifikasi/<slug>/`: its products and the same set as Pagefind filters."""

    slug: str
    title: str
    description: str
    filters: dict[str, Any]
    """The Pagefind filter that selects exactly the products of this listing."""

    def includes(self, product: Product) -> bool:
        """True when the product belongs on this listing (decided from its facet values)."""
        values = facets.product_filters(product)
        return all(
            bool(
                set(values.get(key, ()))
                & set(wanted["any"] if isinstance(wanted, dict) else [wanted])
            )
            for key, wanted in self.filters.items()
        )


CERTIFICATION_LISTINGS = (
    CertificationListing(
        "bpom",
        "Berizin BPOM",
        "Produk dengan izin edar atau notifikasi BPOM.",
        {"izin": {"any": list(facets.BPOM_KINDS)}},
    ),
    CertificationListing(
        "pirt",
        "Berizin P-IRT",
        "Produk pangan industri rumah tangga dengan izin P-IRT.",
        {"izin": "pirt"},
    ),
    CertificationListing(
        "halal",
        "Bersertifikat halal",
        "Produk dengan sertifikat halal BPJPH.",
        {"halal": facets.HALAL_CERTIFIED},
    ),
)


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]


def _pager(
    path: str, folder: str, number: int, count: int, prefix: str = ""
) -> dict[str, Any] | None:
    if count <= 1:
        return None

    def url(n: int) -> str:
        return relative_url(path, f"{folder}/" if n == 1 else f"{folder}/{prefix}{n}/")

    return {
        "number": number,
        "count": count,
        "previous": url(number - 1) if number > 1 else "",
        "next": url(number + 1) if number < count else "",
        "pages": [(n, url(n)) for n in range(1, count + 1)],
    }
