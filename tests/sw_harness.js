// Runs the generated service worker (sw.js) in Node with a fake network and a fake Cache
// Storage, scenario by scenario, and prints what each one saw as JSON for tests/test_offline.py.
//   node tests/sw_harness.js SW_JS OFFLINE_HTML
// Each scenario gets a fresh worker (its own vm context), fresh caches and its own network.
"use strict";
const fs = require("fs");
const vm = require("vm");

const [swPath, offlinePath] = process.argv.slice(2);
const CODE = fs.readFileSync(swPath, "utf8");
const OFFLINE_HTML = fs.readFileSync(offlinePath, "utf8");
const ORIGIN = "https://contoh.github.io";
const ROOT = ORIGIN + "/katalog/";
const PHOTO = (n, width) => ROOT + "produk/p/x/" + n.toString(16).padStart(16, "0") + "-" + (width || 400) + ".webp";
const PAGE = (n) => ROOT + "produk/p/halaman-" + n + "/";

// A response as the network gives it; `type`, `status` 0 and `redirected` cannot be set through
// the Response constructor, so they are own properties that clone() carries over.
function response(body, options) {
  const o = Object.assign({ status: 200, type: "basic", redirected: false, contentType: "text/html; charset=utf-8" }, options || {});
  const real = new Response(body, { status: o.status === 0 ? 200 : o.status, headers: { "Content-Type": o.contentType } });
  return fake(real, o);
}

function fake(real, o) {
  Object.defineProperty(real, "type", { value: o.type });
  Object.defineProperty(real, "redirected", { value: o.redirected });
  if (o.status === 0) Object.defineProperty(real, "status", { value: 0 });
  const clone = real.clone.bind(real);
  real.clone = () => fake(clone(), o);
  return real;
}

function page(title, text) {
  return "<!doctype html><html><head><title>" + title + " - Beli Produk NTT</title></head><body><h1>" + text + "</h1></body></html>";
}

class FakeCache {
  constructor() { this.entries = new Map(); }
  static url(key) { return typeof key === "string" ? key : key.url; }
  async put(key, value) { const url = FakeCache.url(key); this.entries.delete(url); this.entries.set(url, value); }
  async match(key) { const hit = this.entries.get(FakeCache.url(key)); return hit ? hit.clone() : undefined; }
  async keys() { return [...this.entries.keys()].map((url) => ({ url })); }
  async delete(key) { return this.entries.delete(FakeCache.url(key)); }
  async addAll(urls) {
    for (const url of urls) {
      const got = await this.fetch(url);
      if (!got.ok) throw new TypeError("addAll: " + url + " " + got.status);
      await this.put(url, got);
    }
  }
}

function worker(network) {
  const handlers = {};
  const stores = new Map();
  const calls = [];
  const doFetch = (input) => {
    const url = typeof input === "string" ? input : input.url;
    calls.push(url);
    return Promise.resolve().then(() => network(url));
  };
  const cacheStorage = {
    open: async (name) => {
      if (!stores.has(name)) { const c = new FakeCache(); c.fetch = doFetch; stores.set(name, c); }
      return stores.get(name);
    },
    keys: async () => [...stores.keys()],
    delete: async (name) => stores.delete(name),
  };
  const sandbox = {
    self: {
      location: new URL(ROOT + "sw.js"),
      addEventListener: (type, handler) => { handlers[type] = handler; },
      skipWaiting: () => Promise.resolve(),
      clients: { claim: () => Promise.resolve() },
    },
    caches: cacheStorage, fetch: doFetch, URL, Response, Headers, console,
  };
  vm.createContext(sandbox);
  vm.runInContext(CODE, sandbox, { filename: swPath });
  const w = { handlers, stores, calls, sandbox };

  w.settle = async (pending) => {
    let seen = -1;
    while (seen !== pending.length) { seen = pending.length; await Promise.allSettled(pending.slice()); }
  };
  w.lifecycle = async (type, extra) => {
    const pending = [];
    handlers[type](Object.assign({ waitUntil: (p) => pending.push(p) }, extra || {}));
    await w.settle(pending);
    const failed = (await Promise.allSettled(pending)).filter((r) => r.status === "rejected");
    if (failed.length) throw failed[0].reason;
  };
  w.request = async (url, options) => {
    const o = Object.assign({ method: "GET", mode: "no-cors", headers: {} }, options || {});
    const pending = [];
    let answer = null;
    const event = {
      request: { url, method: o.method, mode: o.mode, headers: new Headers(o.headers) },
      respondWith: (p) => { answer = Promise.resolve(p); },
      waitUntil: (p) => pending.push(p),
    };
    handlers.fetch(event);
    let result = { handled: answer !== null };
    if (answer) {
      try {
        const got = await answer;
        result.status = got.status;
        result.type = got.type;
        result.body = await got.text();
      } catch (error) {
        result.error = String(error);
      }
    }
    await w.settle(pending);
    return result;
  };
  w.keys = async () => {
    const out = {};
    for (const [name, cache] of stores) out[name] = [...cache.entries.keys()].map((u) => u.replace(ORIGIN, ""));
    return out;
  };
  w.kind = (kind) => {
    const name = [...stores.keys()].find((n) => n.endsWith(" " + kind));
    return name ? [...stores.get(name).entries.keys()].map((u) => u.replace(ORIGIN, "")) : [];
  };
  return w;
}

// The network of a site that is up: the offline page, its assets, pages, photos, Pagefind.
function online(overrides) {
  return (url) => {
    if (overrides && overrides[url]) return overrides[url]();
    if (url === ROOT + "luring/") return response(OFFLINE_HTML);
    if (url.endsWith("/")) return response(page("Halaman " + url.replace(ROOT, ""), "isi " + url));
    if (url.endsWith(".webp")) return response("foto " + url, { contentType: "image/webp" });
    return response("berkas " + url, { contentType: "application/octet-stream" });
  };
}

function offline() { return () => Promise.reject(new TypeError("Failed to fetch")); }

async function installed(network) {
  let net = network || online();
  const w = worker((url) => net(url));
  w.setNetwork = (n) => { net = n; };
  await w.lifecycle("install");
  await w.lifecycle("activate");
  return w;
}

const scenarios = {
  async install() {
    const w = await installed();
    return { caches: await w.keys(), build: w.sandbox.BUILD };
  },

  async not_handled() {
    const w = await installed();
    const before = w.calls.length;
    return {
      post: (await w.request(PAGE(1), { method: "POST", mode: "navigate" })).handled,
      cross_origin: (await w.request("https://cdn.example.com/" + "0".repeat(16) + "-400.webp")).handled,
      cross_origin_page: (await w.request("https://cdn.example.com/katalog/", { mode: "navigate" })).handled,
      outside_scope: (await w.request(ORIGIN + "/lain/halaman/", { mode: "navigate" })).handled,
      range: (await w.request(PHOTO(1), { headers: { Range: "bytes=0-10" } })).handled,
      other_file: (await w.request(ROOT + "katalog.json")).handled,
      network_calls: w.calls.length - before,
      caches: await w.keys(),
    };
  },

  async not_storable() {
    const w = await installed(online({
      [PHOTO(1)]: () => response("", { status: 0, type: "opaque" }),
      [PHOTO(2)]: () => response("sebagian", { status: 206 }),
      [PHOTO(3)]: () => response("cors", { type: "cors" }),
      [PAGE(1)]: () => response(page("Dialihkan", "x"), { redirected: true }),
      [PAGE(2)]: () => response(page("Tidak ada", "x"), { status: 404 }),
      [PAGE(3)]: () => response(page("Galat", "x"), { status: 500 }),
    }));
    const answered = [];
    for (const url of [PHOTO(1), PHOTO(2), PHOTO(3)]) answered.push((await w.request(url)).status);
    for (const url of [PAGE(1), PAGE(2), PAGE(3)]) answered.push((await w.request(url, { mode: "navigate" })).status);
    return { answered, photos: w.kind("foto"), pages: w.kind("halaman") };
  },

  async caps() {
    const w = await installed();
    for (let n = 0; n < 250; n++) await w.request(PAGE(n), { mode: "navigate" });
    for (let n = 0; n < 320; n++) await w.request(PHOTO(n));
    for (let n = 0; n < 70; n++) await w.request(ROOT + "assets/berkas-" + n + ".css");
    const pages = w.kind("halaman"), photos = w.kind("foto"), core = w.kind("inti");
    return {
      pages: pages.length, first_page: pages[0], last_page: pages[pages.length - 1],
      photos: photos.length, first_photo: photos[0], last_photo: photos[photos.length - 1],
      core: core.length, core_has_offline_page: core.includes("/katalog/luring/"),
    };
  },

  async pages_network_first() {
    let version = "v1";
    const w = await installed(online({ [PAGE(1)]: () => response(page("Kopi Bajawa", "kopi " + version)) }));
    const first = (await w.request(PAGE(1), { mode: "navigate" })).body;
    version = "v2";
    const second = (await w.request(PAGE(1), { mode: "navigate" })).body;
    w.setNetwork(offline());
    const saved = await w.request(PAGE(1), { mode: "navigate" });
    const withQuery = await w.request(PAGE(1) + "?q=kopi#harga", { mode: "navigate" });
    const unvisited = await w.request(PAGE(2) + "?q=a%22b", { mode: "navigate" });
    const fetched = await w.request(PAGE(3));
    return {
      first, second, saved: saved.body, saved_status: saved.status, with_query: withQuery.body,
      unvisited_status: unvisited.status, unvisited: unvisited.body,
      fetched_unvisited_error: fetched.error || null, pages: w.kind("halaman"),
    };
  },

  async cache_first() {
    const w = await installed();
    const fragment = ROOT + "pagefind/fragment/id_b1a271d.pf_fragment";
    const entry = ROOT + "pagefind/pagefind-entry.json";
    const script = ROOT + "pagefind/pagefind.js";
    const rules = ROOT + "cari/aturan.json";
    const count = (url) => w.calls.filter((c) => c.split("?")[0] === url).length;
    for (let i = 0; i < 2; i++) {
      await w.request(PHOTO(7));
      await w.request(fragment);
      await w.request(entry + "?ts=" + (1000 + i));
      await w.request(script);
      await w.request(rules);
    }
    const photoCalls = count(PHOTO(7)), fragmentCalls = count(fragment), entryCalls = count(entry), scriptCalls = count(script);
    const rulesCalls = count(rules);
    await w.request(ROOT + "cari/?q=kopi", { mode: "navigate" });
    w.setNetwork(offline());
    const entryOffline = await w.request(entry + "?ts=2000");
    const otherSize = await w.request(PHOTO(7, 800));
    const neverSeen = await w.request(PHOTO(8, 800));
    return {
      photo_calls: photoCalls, fragment_calls: fragmentCalls, entry_calls: entryCalls, script_calls: scriptCalls,
      rules_calls: rulesCalls, pages: w.kind("halaman"),
      search: w.kind("cari"), entry_offline: entryOffline.body, other_size: otherSize.body,
      never_seen_error: neverSeen.error || null,
    };
  },

  async activate() {
    const w = worker(online());
    for (const name of ["bp /katalog/ 0000000000000000 halaman", "bp /katalog/ 0000000000000000 foto", "bp /lain/ 0000000000000000 halaman", "toko-lain"]) {
      await w.sandbox.caches.open(name);
    }
    await w.lifecycle("install");
    await w.lifecycle("activate");
    return { caches: [...w.stores.keys()].sort() };
  },

  async message() {
    const w = await installed();
    const before = w.calls.length;
    const pending = [];
    w.handlers.message({
      data: [PAGE(5) + "?q=madu", PHOTO(5), "https://cdn.example.com/x.js", ORIGIN + "/lain/x/", ROOT + "katalog.json", 42],
      waitUntil: (p) => pending.push(p),
    });
    await w.settle(pending);
    const pending2 = [];
    w.handlers.message({ data: "bukan daftar", waitUntil: (p) => pending2.push(p) });
    await w.settle(pending2);
    return { calls: w.calls.slice(before).map((u) => u.replace(ORIGIN, "")), pages: w.kind("halaman"), photos: w.kind("foto") };
  },
};

(async () => {
  const out = {};
  for (const [name, run] of Object.entries(scenarios)) {
    try { out[name] = await run(); } catch (error) { out[name] = { failed: String(error && error.stack || error) }; }
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
})();
