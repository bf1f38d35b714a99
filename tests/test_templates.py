"""Issue 12, item 3: a value a template names but is not given fails the build (StrictUndefined),
and every template renders the sample catalogue with the values the build gives it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
import pytest

from catalogue_gen import scaffold
from catalogue_gen.model import Catalogue
from catalogue_gen.pages import PageRenderer, make_environment
from catalogue_gen.pipeline import generate

from .golden_catalogue import materialise

TEMPLATES = sorted(make_environment().list_templates(extensions=["j2"]))
# The templates the build renders itself; partials/ are only ever included by these.
PAGE_TEMPLATES = [name for name in TEMPLATES if not name.startswith("partials/")]


@dataclass
class Renders:
    """What a build of the sample catalogue did with the templates."""

    loaded: set[str] = field(default_factory=set)
    """Every template read, included ones too."""
    contexts: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    """The values each page template was rendered with, one dict per render."""


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> Renders:
    """Generate the sample catalogue and scaffold a producer and a product, recording renders."""
    seen = Renders()
    get_source = jinja2.PackageLoader.get_source
    render = jinja2.Template.render

    def recording_get_source(
        self: jinja2.PackageLoader, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        seen.loaded.add(template)
        return get_source(self, environment, template)

    def recording_render(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        assert self.name is not None
        seen.contexts[self.name].append(dict(*args, **kwargs))
        return render(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.PackageLoader, "get_source", recording_get_source)
        patch.setattr(jinja2.Template, "render", recording_render)
        settings = materialise(tmp_path_factory.mktemp("katalog"))
        generate(settings)
        scaffold.new_producer(settings, "usaha-baru", "Usaha Baru", "ngada", "0812-3456-7890")
        scaffold.new_product(settings, "usaha-baru", "kopi-baru", "Kopi Baru", "pangan-olahan")
    return seen


def test_the_page_environment_is_strict() -> None:
    assert make_environment().undefined is jinja2.StrictUndefined
    assert PageRenderer(Catalogue(), {}, "").env.undefined is jinja2.StrictUndefined


def test_a_missing_value_is_an_error_not_an_empty_string() -> None:
    env = make_environment()
    with pytest.raises(jinja2.UndefinedError, match="'price' is undefined"):
        env.from_string("<p>{{ price }}</p>").render()
    with pytest.raises(jinja2.UndefinedError, match="'build_id' is undefined"):
        env.from_string("var BUILD = {{ build_id | tojson }};").render()
    # a test of a missing value fails too: a template must be given None or "" to test for
    with pytest.raises(jinja2.UndefinedError, match="'price' is undefined"):
        env.from_string("{% if price %}<p>{{ price }}</p>{% endif %}").render()
    assert env.from_string("{% if price %}<p>{{ price }}</p>{% endif %}").render(price="") == ""


def test_a_product_page_without_its_price_fails(renders: Renders) -> None:
    context = next(c for c in renders.contexts["product.html.j2"] if c["product"].prices)
    template = make_environment().get_template("product.html.j2")
    assert 'data-pagefind-meta="price">Rp' in template.render(context)
    with pytest.raises(jinja2.UndefinedError, match="'price' is undefined"):
        template.render({key: value for key, value in context.items() if key != "price"})


def test_every_template_renders_the_sample_catalogue(renders: Renders) -> None:
    assert sorted(renders.loaded) == TEMPLATES
    assert sorted(renders.contexts) == PAGE_TEMPLATES


@pytest.mark.parametrize("name", PAGE_TEMPLATES)
def test_every_value_a_template_is_given_is_needed(renders: Renders, name: str) -> None:
    """Each value, left out, fails at least one render: none is given but unused, and no
    template reads a missing one as "" (the values of the sample catalogue take every branch
    that names a value)."""
    template = make_environment().get_template(name)
    contexts = renders.contexts[name]
    keys = sorted({key for context in contexts for key in context})
    tolerated = [key for key in keys if not _fails_without(template, contexts, key)]
    assert tolerated == []


def _fails_without(template: jinja2.Template, contexts: list[dict[str, Any]], key: str) -> bool:
    for context in contexts:
        if key not in context:
            continue
        try:
            template.render({k: v for k, v in context.items() if k != key})
        except jinja2.UndefinedError as error:
            if error.message == f"'{key}' is undefined":
                return True
            raise
    return False
