"""What the site's finder (finder.js: the search page, the listing filters) reads from the build.

finder.js asks Pagefind and draws the results in the browser. From the page stage it gets the
`data-finder` settings of each page with a form, the rules file (query words that mean a
filter, facet values, badge texts, sort orders), the vocabulary for "Maksud Anda ...?", and
on each product page the words Pagefind indexes beyond the page text (`search_terms`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from catalogue_gen import categories, facets, regencies, synonyms
from catalogue_gen.certifications import BADGES, PagefindFilters
from catalogue_gen.model import Catalogue, HalalStatus, Product
from catalogue_gen.synonyms import expand_terms, index_forms, normalise, vocabulary_words

# Both files sit beside the search page; every page with a form links to them.
RULES_FILE = "cari/aturan.json"
VOCABULARY_FILE = "cari/kosakata.json"
# Client-side result pages: each result costs one Pagefind fragment request and a photo.
# Filtered listings show 24 cards; the search page 12 rows, which keeps a filtered first
# search under 200 KB (239 KB with 24 at 1,000 products).
RESULTS_PAGE_SIZE = 24
SEARCH_PAGE_SIZE = 12
# The vocabulary for "Maksud Anda ...?" keeps the most frequent words: a few KB gzip.
VOCABULARY_LIMIT = 3000


def render_settings(
    base_filters: PagefindFilters, page_size: int, rules_url: str, vocabulary_url: str
) -> str:
    """JSON for `data-finder`: the page's own filter, page size, where the rules live."""
    return json.dumps(
        {
            "base": base_filters,
            "pageSize": page_size,
            "rules": rules_url,
            "vocabulary": vocabulary_url,
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def render_rules() -> str:
    """`cari/aturan.json`: how finder.js reads a query, and the words it shows."""
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
    return json.dumps(rules, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def render_vocabulary(catalogue: Catalogue) -> str:
    """`cari/kosakata.json`: the words "Maksud Anda ...?" may suggest, most frequent first."""
    words = vocabulary_words(_vocabulary_texts(catalogue), VOCABULARY_LIMIT)
    return json.dumps({"words": " ".join(words)}, ensure_ascii=False, separators=(",", ":")) + "\n"


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


def _vocabulary_texts(catalogue: Catalogue) -> Iterator[str]:
    # What shoppers type: names, local names, categories and places; not the long texts.
    for product in catalogue.products:
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
