"""schema.org data for search engines: the JSON-LD `Product` of each product page.

Pure data from the validated product; the page stage gives it the addresses (absolute when
the site URL is known) and writes it in a `<script type="application/ld+json">`.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from catalogue_gen.model import Product

IN_STOCK = "https://schema.org/InStock"
OUT_OF_STOCK = "https://schema.org/OutOfStock"


def product_data(product: Product, url: str, images: list[str]) -> dict[str, Any]:
    """schema.org Product: name, image, description, brand, category, offers in IDR.

    `url` is the page's absolute address, "" when the site URL is unknown (then left out).
    """
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
    if url:
        data["url"] = url
    if product.prices:
        data["offers"] = _offers(product, url)
    return data


def render_script(data: dict[str, Any]) -> Markup:
    """JSON for a `<script type="application/ld+json">` that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _offers(product: Product, url: str) -> dict[str, Any]:
    # schema.org wants an Offer for one price and an AggregateOffer for a range.
    amounts = [p.rupiah for p in product.prices]
    offers: dict[str, Any]
    if len(amounts) == 1:
        offers = {"@type": "Offer", "price": str(amounts[0])}
    else:
        offers = {
            "@type": "AggregateOffer",
            "lowPrice": str(min(amounts)),
            "highPrice": str(max(amounts)),
            "offerCount": len(amounts),
        }
    offers["priceCurrency"] = "IDR"
    offers["availability"] = IN_STOCK if product.is_available else OUT_OF_STOCK
    if url:
        offers["url"] = url
    return offers
