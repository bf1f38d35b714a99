// Beli Produk NTT: search (Pagefind, loaded on first use), listing filters, gallery, share, copy.
// Pages work without this file except search and filters.
(function () {
  "use strict";
  var root = new URL("..", document.currentScript.src);
  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () { return pf; });
      }).catch(function (error) {
        pagefind = null; // offline for a moment: try again on the next keystroke
        throw error;
      });
    }
    return pagefind;
  }

  // "se'i", "se’i" and "sei" are one word to shoppers; the index holds the plain form too.
  function normalise(query) {
    return query.toLowerCase().replace(/['’ʼ`‘]/g, "").trim();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind returns meta.image as written on the product page, relative to that page.
  function resultImage(data) {
    var image = (data.meta || {}).image;
    if (!image) return "";
    try { return new URL(image, new URL(data.url, location.href)).href; } catch (e) { return ""; }
  }

  function resultLink(data) {
    var meta = data.meta || {};
    var link = el("a", { class: "bp-result", href: data.url });
    var src = resultImage(data);
    if (src) link.appendChild(el("img", { class: "bp-result__img", src: src, alt: "", width: "64", height: "64", loading: "lazy", decoding: "async" }));
    var text = el("span", { class: "bp-result__text" });
    text.appendChild(el("span", { class: "bp-result__name" }, meta.title || ""));
    if (meta.price) text.appendChild(el("span", { class: "bp-result__price" }, meta.price));
    var details = [meta.producer, meta.regency].filter(Boolean).join(" \u00b7 ");
    if (details) text.appendChild(el("span", { class: "bp-result__meta" }, details));
    link.appendChild(text);
    return link;
  }

  // Each box shows only the answer to the newest query typed into it.
  var searchCounter = 0;

  function search(query, box, limit, moreUrl) {
    var q = normalise(query);
    var ticket = ++searchCounter;
    box.setAttribute("data-search-ticket", ticket);
    if (q.length < 2) { box.hidden = true; box.textContent = ""; return Promise.resolve(); }
    return loadPagefind().then(function (pf) {
      return pf.debouncedSearch(q, {}, 250);
    }).then(function (found) {
      if (found === null || box.getAttribute("data-search-ticket") !== String(ticket)) return; // superseded
      return Promise.all(found.results.slice(0, limit).map(function (r) { return r.data(); })).then(function (items) {
        if (box.getAttribute("data-search-ticket") !== String(ticket)) return;
        box.textContent = "";
        if (!items.length) box.appendChild(el("p", { class: "bp-result__empty" }, "Tidak ada produk untuk \u201c" + query.trim() + "\u201d."));
        items.forEach(function (data) { box.appendChild(resultLink(data)); });
        if (moreUrl && found.results.length > limit) {
          box.appendChild(el("a", { class: "bp-result__more", href: moreUrl + "?q=" + encodeURIComponent(query.trim()) },
            "Lihat semua " + found.results.length + " hasil"));
        }
        box.hidden = false;
      });
    }).catch(function () {
      box.textContent = "";
      box.appendChild(el("p", { class: "bp-result__empty" }, "Pencarian tidak dapat dimuat. Periksa sambungan internet lalu coba lagi."));
      box.hidden = false;
    });
  }

  var input = document.querySelector("[data-search-input]");
  var results = document.querySelector("[data-search-results]");
  if (input && results) {
    // Search costs nothing until the shopper asks for it: Pagefind loads on first focus.
    input.addEventListener("focus", function () { loadPagefind().catch(function () {}); }, { once: true });
    var searchPage = new URL("cari/", root).href;
    input.addEventListener("input", function () { search(input.value, results, 6, searchPage); });
    input.addEventListener("focus", function () { if (results.childNodes.length && input.value.trim().length >= 2) results.hidden = false; });
    document.addEventListener("click", function (event) {
      if (!event.target.closest("[data-search-form]")) results.hidden = true;
    });
    input.addEventListener("keydown", function (event) { if (event.key === "Escape") results.hidden = true; });
  }

  var pageForm = document.querySelector("[data-search-page]");
  if (pageForm) {
    var pageInput = pageForm.querySelector("input");
    var pageResults = document.querySelector("[data-search-page-results]");
    var initial = new URLSearchParams(location.search).get("q") || "";
    pageInput.value = initial;
    pageForm.addEventListener("submit", function (event) { event.preventDefault(); search(pageInput.value, pageResults, 48); });
    pageInput.addEventListener("input", function () { search(pageInput.value, pageResults, 48); });
    if (initial) search(initial, pageResults, 48);
  }

  // Listing filters: cards on this page are filtered in place by their data-filter words.
  var filters = document.querySelector("[data-filters]");
  if (filters) {
    filters.hidden = false;
    var cards = Array.prototype.slice.call(document.querySelectorAll(".bp-listing .bp-card"));
    var count = document.querySelector(".bp-listing .bp-count");
    var applyFilters = function () {
      var wanted = Array.prototype.slice.call(filters.elements)
        .filter(function (f) { return f.value && (f.type !== "checkbox" || f.checked); })
        .map(function (f) { return f.value; });
      var shown = 0;
      cards.forEach(function (card) {
        var words = card.getAttribute("data-filter").split(" ");
        var ok = wanted.every(function (w) { return words.indexOf(w) !== -1; });
        card.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + " produk ditampilkan.";
    };
    filters.addEventListener("change", applyFilters);
  }

  // Gallery: tap a photo to enlarge it; arrows and swipe move between photos.
  var gallery = document.querySelector("[data-gallery]");
  if (gallery && typeof HTMLDialogElement === "function") {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-large]"));
    var dialog = el("dialog", { class: "bp-lightbox", "aria-label": "Foto produk" });
    var bar = el("div", { class: "bp-lightbox__bar" });
    var prev = el("button", { type: "button", "aria-label": "Foto sebelumnya" }, "\u2039");
    var next = el("button", { type: "button", "aria-label": "Foto berikutnya" }, "\u203a");
    var close = el("button", { type: "button", "aria-label": "Tutup" }, "\u00d7");
    var image = el("img", { alt: "" });
    bar.append(prev, next, close);
    dialog.append(bar, image);
    document.body.appendChild(dialog);
    var current = 0;
    var show = function (index) {
      current = (index + links.length) % links.length;
      image.src = links[current].getAttribute("href");
      image.alt = links[current].querySelector("img").alt;
    };
    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) { event.preventDefault(); show(index); dialog.showModal(); });
    });
    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    var startX = null;
    dialog.addEventListener("touchstart", function (e) { startX = e.touches[0].clientX; }, { passive: true });
    dialog.addEventListener("touchend", function (e) {
      if (startX === null) return;
      var dx = e.changedTouches[0].clientX - startX;
      if (Math.abs(dx) > 40) show(current + (dx < 0 ? 1 : -1));
      startX = null;
    });
    dialog.addEventListener("keydown", function (e) {
      if (e.key === "ArrowLeft") show(current - 1);
      if (e.key === "ArrowRight") show(current + 1);
    });
  }

  function toast(text) {
    var note = el("div", { class: "bp-toast", role: "status" }, text);
    document.body.appendChild(note);
    setTimeout(function () { note.remove(); }, 2500);
  }

  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { toast(done); }, function () { toast(text); });
    } else {
      toast(text);
    }
  }

  // Share: the phone's share sheet (WhatsApp, Facebook) where there is one, else copy the link.
  document.querySelectorAll("[data-share]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var url = location.href.split("#")[0];
      if (navigator.share) {
        navigator.share({ title: button.getAttribute("data-title"), url: url }).catch(function () {});
      } else {
        copy(url, "Tautan disalin");
      }
    });
  });

  // Copy buttons beside license numbers, so shoppers can paste them into cekbpom.
  document.querySelectorAll("[data-copy]").forEach(function (code) {
    var button = el("button", { type: "button", class: "bp-copy", "aria-label": "Salin nomor " + code.textContent }, "Salin");
    button.addEventListener("click", function () { copy(code.textContent, "Nomor disalin"); });
    code.after(button);
  });
})();
