// Beli Produk NTT: search and filters over the whole catalogue, through Pagefind.
// An ES module loaded by katalog.js only when a shopper starts to search or filter, so a page
// costs nothing extra until then. The rules it applies are decided in Python and shipped as
// cari/aturan.json (facets.py, synonyms.py); the vocabulary as cari/kosakata.json.

const root = new URL("..", import.meta.url);
let pagefind = null;

export function loadPagefind() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
      // noWorker: Pagefind's web worker is one more 12 KB script on a slow link, and a search
      // of this index takes milliseconds on the main thread.
      return pf.options({ baseUrl: root.pathname, noWorker: true }).then(function () { return pf; });
    }).catch(function (error) {
      pagefind = null; // offline for a moment: try again on the next keystroke
      throw error;
    });
  }
  return pagefind;
}

// "se'i", "se’i" and "sei" are one word to shoppers; the index holds the plain form too.
function normalise(query) {
  return query.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/['’ʼ`‘]/g, "").trim();
}

function el(tag, attrs, text) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  if (text) node.textContent = text;
  return node;
}

var jsonFiles = {};
function loadJSON(url) {
  if (!jsonFiles[url]) {
    jsonFiles[url] = fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    }).catch(function (error) { delete jsonFiles[url]; throw error; });
  }
  return jsonFiles[url];
}
var rulesUrl = new URL("cari/aturan.json", root).href;

// The search rules are decided in Python (facets.py, synonyms.py) and shipped as
// cari/aturan.json: which words mean the halal facet, which name an animal.
function parseQuery(text, rules) {
  var tokens = normalise(text).split(/[^a-z0-9]+/).filter(Boolean);
  var halal = "";
  var dropped = {};
  tokens.forEach(function (token, i) {
    var negatedWord = token === "nonhalal";
    if (rules.halalWords.indexOf(token) === -1 && !negatedWord) return;
    var negated = negatedWord || (i > 0 && rules.negations.indexOf(tokens[i - 1]) !== -1);
    halal = negated ? rules.halalNot : rules.halalCertified;
    dropped[i] = true;
    if (negated && !negatedWord) dropped[i - 1] = true;
  });
  var words = tokens.filter(function (token, i) {
    return !dropped[i] && !(halal && rules.halalFiller.indexOf(token) !== -1);
  });
  var animal = "";
  words.forEach(function (token) {
    Object.keys(rules.animals).forEach(function (name) {
      if (!animal && rules.animals[name].indexOf(token) !== -1) animal = name;
    });
  });
  return { text: words.join(" "), halal: halal, animal: animal };
}

function longestCommon(a, b) {
  var best = 0;
  for (var i = 0; i < a.length; i++) {
    for (var j = 0; j < b.length; j++) {
      var k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

// True when every query word of 2+ letters shares at least 3 letters in a row (or all of
// itself) with a word Pagefind matched in the result: "kering" in "dikeringkan" counts.
function resembles(data, term) {
  var words = (data.content || "").split(/\s+/);
  var matched = (data.locations || []).map(function (at) { return normalise(words[at] || "").replace(/[^a-z0-9]/g, ""); });
  return term.split(" ").filter(function (t) { return t.length >= 2; }).every(function (token) {
    var need = Math.min(3, token.length);
    return matched.some(function (word) { return longestCommon(token, word) >= need; });
  });
}

function ids(found) {
  var set = {};
  found.results.forEach(function (r) { set[r.id] = true; });
  return set;
}

// One search for every box: the halal words become the halal filter (a product that is
// not certified never answers "halal"), and for a query naming an animal the products
// that name it come first, then those that name none, then those that name another.
async function findProducts(pf, rules, query, filters, sort) {
  // A search with no words asks for a word every product page carries: Pagefind answers a
  // null search by loading every index chunk (1 MB at 5,000 products), this word one chunk.
  var term = query.text || rules.allProducts;
  var options = { filters: filters };
  if (sort) options.sort = sort;
  var found = await pf.search(term, options);
  if (found === null) return found;
  if (query.text && found.results.length && !resembles(await found.results[0].data(), term)) {
    // Pagefind answers a word it does not know with pages holding a prefix of it ("xqzv"
    // finds the "x" of "200 x 90 cm"); when even the best result is such a match, none is real.
    found.results = [];
    found.filters = {};
    found.junk = true;
    return found;
  }
  if (!query.animal) return found;
  var with_ = function (value) {
    var f = Object.assign({}, filters, { hewan: value });
    return pf.search(term, sort ? { filters: f, sort: sort } : { filters: f });
  };
  var tiers = await Promise.all([with_(query.animal), with_(rules.noAnimal)]);
  var matching = ids(tiers[0]), neutral = ids(tiers[1]);
  var tier = function (r) { return matching[r.id] ? 0 : neutral[r.id] ? 1 : 2; };
  found.results = found.results.map(function (r, i) { return [tier(r), i, r]; })
    .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
    .map(function (entry) { return entry[2]; });
  return found;
}

// Pagefind returns meta images as written on the product page, relative to that page.
function resultImage(data, key) {
  var image = (data.meta || {})[key];
  if (!image) return "";
  try { return new URL(image, new URL(data.url, location.href)).href; } catch (e) { return ""; }
}

function badgeList(data, rules) {
  var kinds = ((data.meta || {}).badges || "").split(" ").filter(Boolean);
  var list = el("p", { class: "bp-badges" });
  kinds.forEach(function (kind) {
    list.appendChild(el("span", { class: "bp-badge bp-badge--" + kind }, rules.badges[kind] || kind));
  });
  return kinds.length ? list : null;
}

function resultLink(data, rules) {
  var meta = data.meta || {};
  var link = el("a", { class: "bp-result", href: data.url });
  // the square 128 px thumbnail: sharp at 64 px on a DPR 2 phone, half the 200 px rendition
  var src = resultImage(data, "thumb") || resultImage(data, "image");
  if (src) link.appendChild(el("img", { class: "bp-result__img", src: src, alt: "", width: "64", height: "64", loading: "lazy", decoding: "async" }));
  var text = el("span", { class: "bp-result__text" });
  text.appendChild(el("span", { class: "bp-result__name" }, meta.title || ""));
  if (meta.price) text.appendChild(el("span", { class: "bp-result__price" }, meta.price));
  var details = [meta.producer, meta.regency].filter(Boolean).join(" \u00b7 ");
  if (details) text.appendChild(el("span", { class: "bp-result__meta" }, details));
  var badges = badgeList(data, rules);
  if (badges) text.appendChild(badges);
  link.appendChild(text);
  return link;
}

// The same card as partials/card.html.j2, built from the product page's Pagefind meta.
function resultCard(data, rules) {
  var meta = data.meta || {};
  var card = el("li", { class: "bp-card" });
  var link = el("a", { class: "bp-card__link", href: data.url });
  // The 200 px rendition where it is sharp enough (a phone at DPR 1), the 400 px one otherwise.
  var small = resultImage(data, "image"), large = resultImage(data, "cover") || small;
  link.appendChild(el("img", { class: "bp-card__img", src: large, srcset: small + " 200w, " + large + " 400w",
    sizes: "(min-width: 45em) 220px, 46vw", alt: meta.image_alt || "", width: "400", height: "300", loading: "lazy", decoding: "async" }));
  link.appendChild(el("span", { class: "bp-card__name" }, meta.title || ""));
  card.appendChild(link);
  if (meta.price) card.appendChild(el("p", { class: "bp-card__price" }, meta.price));
  card.appendChild(el("p", { class: "bp-card__meta" }, [meta.producer, meta.area].filter(Boolean).join(" \u00b7 ")));
  var badges = badgeList(data, rules);
  if (badges) card.appendChild(badges);
  return card;
}

// Each box shows only the answer to the newest query typed into it.
var searchCounter = 0;

export function quickSearch(query, box, limit, moreUrl) {
  var ticket = ++searchCounter;
  box.setAttribute("data-search-ticket", ticket);
  box.removeAttribute("data-search-answered");
  // Says which query the box now answers, so a reader (a test, the benchmark) need not guess
  // when the results have stopped changing.
  var answered = function () { box.setAttribute("data-search-answered", query); };
  if (normalise(query).length < 2) { box.hidden = true; box.textContent = ""; answered(); return Promise.resolve(); }
  var current = function () { return box.getAttribute("data-search-ticket") === String(ticket); };
  // A fast typist's earlier keystrokes are never searched.
  var pause = new Promise(function (resolve) { setTimeout(resolve, 250); });
  return Promise.all([loadPagefind(), loadJSON(rulesUrl), pause]).then(function (loaded) {
    var pf = loaded[0], rules = loaded[1];
    if (!current()) return;
    var parsed = parseQuery(query, rules);
    var filters = parsed.halal ? { halal: parsed.halal } : {};
    if (!parsed.text && !parsed.halal) { answered(); return; }
    return findProducts(pf, rules, parsed, filters).then(function (found) {
      return Promise.all(found.results.slice(0, limit).map(function (r) { return r.data(); })).then(function (items) {
        if (!current()) return;
        box.textContent = "";
        if (!items.length) box.appendChild(el("p", { class: "bp-result__empty" }, "Tidak ada produk untuk \u201c" + query.trim() + "\u201d."));
        items.forEach(function (data) { box.appendChild(resultLink(data, rules)); });
        if (moreUrl && (found.results.length > limit || !items.length)) {
          box.appendChild(el("a", { class: "bp-result__more", href: moreUrl + "?q=" + encodeURIComponent(query.trim()) },
            items.length ? "Lihat semua " + found.results.length + " hasil" : "Cari dengan saringan dan saran ejaan"));
        }
        box.hidden = false;
        answered();
      });
    });
  }).catch(function () {
    if (!current()) return;
    box.textContent = "";
    box.appendChild(el("p", { class: "bp-result__empty" }, "Pencarian tidak dapat dimuat. Periksa sambungan internet lalu coba lagi."));
    box.hidden = false;
    answered();
  });
}

// "Maksud Anda ...?": the closest catalogue word (optimal string alignment distance,
// at most 1 for short words and 2 otherwise), most frequent first (cari/kosakata.json).
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var rows = [];
  for (var i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (var j = 1; j <= b.length; j++) {
      if (i === 0) { rows[0].push(j); continue; }
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i].push(best);
    }
  }
  return rows[a.length][b.length];
}

function suggest(text, words) {
  var known = {};
  words.forEach(function (w) { known[w] = true; });
  var changed = false;
  var out = normalise(text).split(/\s+/).filter(Boolean).map(function (token) {
    if (known[token] || token.length < 3) return token;
    var limit = token.length <= 4 ? 1 : 2;
    var best = null, bestDistance = limit + 1;
    words.forEach(function (word) {
      if (bestDistance === 1) return;
      var d = distance(token, word, limit);
      if (d < bestDistance) { best = word; bestDistance = d; }
    });
    if (best) { changed = true; return best; }
    return token;
  });
  return changed ? out.join(" ") : "";
}

// The finder: the search page and every listing answer for the whole catalogue through
// Pagefind filters, with the state in the URL (?q=kopi&kabupaten=ngada&halal=ya&urut=harga).
function Finder(scope) {
  this.scope = scope;
  this.settings = JSON.parse(scope.getAttribute("data-finder"));
  this.form = scope.querySelector("[data-finder-form]");
  this.results = scope.querySelector("[data-finder-results]");
  this.count = scope.querySelector("[data-result-count]");
  this.staticPart = scope.querySelector("[data-static]");
  this.browse = scope.querySelector("[data-browse]");
  this.reset = scope.querySelector("[data-filters-reset]");
  this.isSearch = scope.hasAttribute("data-search-app");
  this.staticCount = this.count ? this.count.textContent : "";
  this.staticTotal = this.count ? this.count.getAttribute("data-count") : "";
  this.seq = 0;
  this.controls = Array.prototype.slice.call(this.form.querySelectorAll("select, input[type=checkbox], input[type=search]"));
  this.controls.forEach(function (c) {
    if (c.tagName === "SELECT") Array.prototype.forEach.call(c.options, function (o) { o.setAttribute("data-label", o.textContent); });
  });
}

Finder.prototype.readURL = function () {
  var params = new URLSearchParams(location.search);
  var state = { filters: {}, q: params.get("q") || "", urut: params.get("urut") || "", halaman: parseInt(params.get("halaman"), 10) || 1 };
  this.controls.forEach(function (c) {
    if (c.name !== "q" && c.name !== "urut" && params.get(c.name)) state.filters[c.name] = params.get(c.name);
  });
  return state;
};

Finder.prototype.readControls = function () {
  var state = { filters: {}, q: "", urut: "", halaman: 1 };
  this.controls.forEach(function (c) {
    var value = c.type === "checkbox" ? (c.checked ? c.value : "") : c.value;
    if (c.name === "q") state.q = value;
    else if (c.name === "urut") state.urut = value;
    else if (value) state.filters[c.name] = value;
  });
  return state;
};

Finder.prototype.writeControls = function (state) {
  this.controls.forEach(function (c) {
    var value = c.name === "q" ? state.q : c.name === "urut" ? state.urut : (state.filters[c.name] || "");
    if (c.type === "checkbox") c.checked = value === c.value;
    else if (c.tagName === "SELECT") c.value = Array.prototype.some.call(c.options, function (o) { return o.value === value; }) ? value : "";
    else if (document.activeElement !== c) c.value = value;
  });
};

Finder.prototype.url = function (state) {
  var params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  this.controls.forEach(function (c) {
    if (c.name !== "q" && c.name !== "urut" && state.filters[c.name]) params.set(c.name, state.filters[c.name]);
  });
  if (state.urut) params.set("urut", state.urut);
  if (state.halaman > 1) params.set("halaman", String(state.halaman));
  var text = params.toString();
  return location.pathname + (text ? "?" + text : "");
};

Finder.prototype.isIdle = function (state) {
  return !normalise(state.q) && !Object.keys(state.filters).length && !state.urut;
};

Finder.prototype.go = function (state, how) {
  var target = this.url(state);
  if (target !== location.pathname + location.search) history[how === "replace" ? "replaceState" : "pushState"](null, "", target);
  return this.run(state);
};

Finder.prototype.showStatic = function () {
  if (this.staticPart) this.staticPart.hidden = false;
  if (this.results) { this.results.hidden = !this.isSearch; this.results.textContent = ""; }
  if (this.browse) this.browse.hidden = true;
  if (this.count) { this.count.textContent = this.isSearch ? "" : this.staticCount; this.count.setAttribute("data-count", this.staticTotal || "0"); }
  if (this.reset) this.reset.hidden = true;
  this.controls.forEach(function (c) {
    if (c.tagName === "SELECT") Array.prototype.forEach.call(c.options, function (o) { o.textContent = o.getAttribute("data-label"); o.disabled = false; });
  });
  this.scope.setAttribute("data-state", "ready");
};

Finder.prototype.run = async function (state) {
  var seq = ++this.seq;
  this.writeControls(state);
  if (this.isIdle(state)) { this.showStatic(); return; }
  this.scope.setAttribute("data-state", "loading");
  if (this.reset) this.reset.hidden = false;
  var self = this;
  try {
    var loaded = await Promise.all([loadPagefind(), loadJSON(this.settings.rules)]);
    var pf = loaded[0], rules = loaded[1];
    // Pagefind counts facet values only once every filter file is loaded.
    await pf.filters();
    var query = parseQuery(state.q, rules);
    var chosen = Object.assign({}, state.filters);
    if (query.halal) chosen.halal = query.halal;
    if (!query.text && !Object.keys(chosen).length && !Object.keys(this.settings.base).length && !state.urut) {
      if (seq === this.seq) this.showStatic();
      return;
    }
    var filters = Object.assign({}, this.settings.base, chosen);
    var sortRule = rules.sorts[state.urut];
    var sort = sortRule ? { [sortRule[0]]: sortRule[1] } : (query.text ? null : { bawaan: "asc" });
    var found = await findProducts(pf, rules, query, filters, sort);
    var counts = await this.facetCounts(pf, rules, query, chosen, found);
    if (found.junk) Object.keys(counts).forEach(function (key) { counts[key] = {}; });
    var pageSize = this.settings.pageSize;
    var pages = Math.max(1, Math.ceil(found.results.length / pageSize));
    var number = Math.min(Math.max(1, state.halaman), pages);
    var shown = await Promise.all(found.results.slice((number - 1) * pageSize, number * pageSize).map(function (r) { return r.data(); }));
    if (seq !== this.seq) return;
    this.writeControls({ q: state.q, urut: state.urut, filters: chosen });
    this.showCounts(counts, chosen);
    this.render(state, query, found.results.length, shown, number, pages, rules);
    this.scope.setAttribute("data-state", "ready");
    if (!shown.length && query.text) this.offerSuggestion(pf, query, state);
  } catch (error) {
    if (seq !== this.seq) return;
    self.results.hidden = false;
    self.results.textContent = "";
    self.results.appendChild(el("p", { class: "bp-result__empty" }, "Pencarian tidak dapat dimuat. Periksa sambungan internet lalu coba lagi."));
    self.scope.setAttribute("data-state", "error");
  }
};

// Counts per facet value: for a facet already chosen, what each other value would give
// (a search without that facet), so a shopper can switch from Ngada to Ende knowing the number.
Finder.prototype.facetCounts = async function (pf, rules, query, chosen, found) {
  var base = this.settings.base;
  var counts = {};
  var keys = this.controls.filter(function (c) { return c.name !== "q" && c.name !== "urut"; }).map(function (c) { return c.name; });
  for (var i = 0; i < keys.length; i++) {
    var key = keys[i];
    if (!chosen[key]) { counts[key] = (found.filters || {})[key] || {}; continue; }
    var others = Object.assign({}, base, chosen);
    delete others[key];
    var wider = await pf.search(query.text || rules.allProducts, { filters: others });
    counts[key] = (wider.filters || {})[key] || {};
  }
  return counts;
};

Finder.prototype.showCounts = function (counts, chosen) {
  this.controls.forEach(function (c) {
    var values = counts[c.name];
    if (!values) return;
    if (c.tagName === "SELECT") {
      Array.prototype.forEach.call(c.options, function (o) {
        if (!o.value) return;
        var n = values[o.value] || 0;
        o.textContent = o.getAttribute("data-label") + " (" + n + ")";
        o.disabled = n === 0 && chosen[c.name] !== o.value;
      });
    } else if (c.type === "checkbox") {
      var label = c.closest("label").querySelector("[data-facet-count]");
      if (label) label.textContent = "(" + (values[c.value] || 0) + ")";
    }
  });
};

Finder.prototype.render = function (state, query, total, shown, number, pages, rules) {
  var self = this;
  if (this.staticPart) this.staticPart.hidden = true;
  this.results.hidden = false;
  this.results.textContent = "";
  if (this.browse) this.browse.hidden = total > 0;
  this.count.setAttribute("data-count", String(total));
  this.count.textContent = total ? total.toLocaleString("id-ID") + " produk ditemukan" + (pages > 1 ? " \u00b7 halaman " + number + " dari " + pages : "") + "." : "";
  if (!total) {
    var words = state.q.trim() ? " untuk \u201c" + state.q.trim() + "\u201d" : "";
    this.results.appendChild(el("p", { class: "bp-empty", "data-empty": "" }, "Tidak ditemukan produk" + words + " dengan saringan ini."));
    return;
  }
  // The search page lists rows with 64 px square thumbnails, which keeps a
  // filtered first search under 200 KB; a listing keeps its cards.
  var list = el(this.isSearch ? "div" : "ul", { class: this.isSearch ? "bp-results" : "bp-cards" });
  shown.forEach(function (data) { list.appendChild(self.isSearch ? resultLink(data, rules) : resultCard(data, rules)); });
  this.results.appendChild(list);
  if (pages > 1) {
    var nav = el("nav", { class: "bp-pager", "aria-label": "Halaman hasil" });
    var link = function (n, text, rel) {
      var target = Object.assign({}, state, { halaman: n });
      var a = el("a", { href: self.url(target) }, text);
      if (rel) a.setAttribute("rel", rel);
      a.addEventListener("click", function (event) {
        event.preventDefault();
        self.go(target).then(function () { self.scope.scrollIntoView({ block: "start" }); });
      });
      return a;
    };
    if (number > 1) nav.appendChild(link(number - 1, "\u2039 Sebelumnya", "prev"));
    for (var n = 1; n <= pages; n++) {
      if (n === number) nav.appendChild(el("span", { "aria-current": "page" }, String(n)));
      else if (n === 1 || n === pages || Math.abs(n - number) <= 2) nav.appendChild(link(n, String(n)));
      else if (Math.abs(n - number) === 3) nav.appendChild(el("span", { class: "bp-pager__gap" }, "\u2026"));
    }
    if (number < pages) nav.appendChild(link(number + 1, "Berikutnya \u203a", "next"));
    this.results.appendChild(nav);
  }
};

// Loaded only after an empty result; offered only when the suggestion finds something.
Finder.prototype.offerSuggestion = async function (pf, query, state) {
  var self = this;
  var seq = this.seq;
  try {
    var vocabulary = await loadJSON(this.settings.vocabulary);
    var better = suggest(query.text, vocabulary.words.split(" "));
    if (!better) return;
    var check = await pf.search(better, { filters: Object.assign({}, this.settings.base, state.filters) });
    if (!check.results.length || seq !== this.seq) return;
    var target = Object.assign({}, state, { q: better, halaman: 1 });
    var line = el("p", { class: "bp-suggest", "data-suggestion": better }, "Maksud Anda: ");
    var a = el("a", { href: this.url(target) }, better);
    a.addEventListener("click", function (event) { event.preventDefault(); self.go(target); });
    line.appendChild(a);
    line.appendChild(document.createTextNode("?"));
    this.results.insertBefore(line, this.results.firstChild);
  } catch (error) { /* no suggestion is better than a broken page */ }
};

Finder.prototype.start = function () {
  var self = this;
  var timer = null;
  this.form.addEventListener("submit", function (event) {
    event.preventDefault();
    self.go(self.readControls());
  });
  this.form.addEventListener("change", function (event) {
    if (event.target.type === "search") return;
    self.go(self.readControls());
  });
  this.form.addEventListener("input", function (event) {
    if (event.target.type !== "search") return;
    clearTimeout(timer);
    timer = setTimeout(function () { self.go(self.readControls(), "replace"); }, 300);
  });
  if (this.reset) this.reset.addEventListener("click", function () { self.go({ q: "", filters: {}, urut: "", halaman: 1 }); });
  window.addEventListener("popstate", function () { self.run(self.readURL()); });
  var initial = this.readURL();
  // A choice made while this module was still loading is in the form, not yet in the URL.
  var chosen = this.readControls();
  if (!this.isIdle(initial)) this.run(initial);
  else if (!this.isIdle(chosen)) this.go(chosen);
  else this.showStatic();
};


/** Starts the finder of the search page or a listing (`scope` has `data-finder`). */
export function startFinder(scope) {
  if (!scope.bpFinder) {
    scope.bpFinder = new Finder(scope);
    scope.bpFinder.start();
  }
  return scope.bpFinder;
}
