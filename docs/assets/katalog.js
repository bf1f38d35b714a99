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

  function resultLink(data) {
    var meta = data.meta || {};
    var link = el("a", { class: "bp-result", href: data.url });
    if (meta.image) link.appendChild(el("img", { src: meta.image, alt: "", width: "56", height: "56", loading: "lazy" }));
    var text = el("span", {});
    text.appendChild(el("span", { class: "bp-result__name" }, meta.title || ""));
    var details = [meta.producer, meta.regency, meta.price].filter(Boolean).join(" · ");
    text.appendChild(el("span", { class: "bp-result__meta" }, details));
    link.appendChild(text);
    return link;
  }

  function search(query, box, limit) {
    var q = normalise(query);
    if (q.length < 2) { box.hidden = true; box.textContent = ""; return Promise.resolve(); }
    return loadPagefind().then(function (pf) {
      return pf.debouncedSearch(q, {}, 250);
    }).then(function (found) {
      if (found === null) return; // superseded by a newer query
      return Promise.all(found.results.slice(0, limit).map(function (r) { return r.data(); })).then(function (items) {
        box.textContent = "";
        if (!items.length) box.appendChild(el("p", { class: "bp-result__empty" }, "Tidak ada produk untuk \u201c" + query + "\u201d."));
        items.forEach(function (data) { box.appendChild(resultLink(data)); });
        box.hidden = false;
      });
    });
  }

  var input = document.querySelector("[data-search-input]");
  var results = document.querySelector("[data-search-results]");
  if (input && results) {
    input.addEventListener("focus", loadPagefind, { once: true });
    input.addEventListener("input", function () { search(input.value, results, 8); });
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
