// Beli Produk NTT: gallery, share, copy, and the loader of finder.js (search and filters over
// the whole catalogue, fetched on first use). Pages work without this file except search and filters.
(function () {
  "use strict";
  var root = new URL("..", document.currentScript.src);
  var finder = null;

  // Search and filters live in finder.js, fetched when a shopper starts to use them.
  function loadFinder() {
    if (!finder) {
      finder = import(new URL("assets/finder.js", root).href).catch(function (error) {
        finder = null; // offline for a moment: try again on the next interaction
        throw error;
      });
    }
    return finder;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  var input = document.querySelector("[data-search-input]");
  var results = document.querySelector("[data-search-results]");
  if (input && results) {
    // Search costs nothing until the shopper asks for it: Pagefind loads on first focus.
    input.addEventListener("focus", function () {
      loadFinder().then(function (f) { return f.loadPagefind(); }).catch(function () {});
    }, { once: true });
    var searchPage = new URL("cari/", root).href;
    input.addEventListener("input", function () {
      var query = input.value;
      loadFinder().then(function (f) { f.quickSearch(query, results, 6, searchPage); }, function () {
        results.textContent = "Pencarian tidak dapat dimuat. Periksa sambungan internet lalu coba lagi.";
        results.hidden = false;
      });
    });
    input.addEventListener("focus", function () { if (results.childNodes.length && input.value.trim().length >= 2) results.hidden = false; });
    document.addEventListener("click", function (event) {
      if (!event.target.closest("[data-search-form]")) results.hidden = true;
    });
    input.addEventListener("keydown", function (event) { if (event.key === "Escape") results.hidden = true; });
  }

  // The search page starts its finder at once; a listing on the first touch of its form,
  // or at once when its address already holds a filter (a shared link).
  var finderScope = document.querySelector("[data-finder]");
  // scope.js hid a listing's cards for a filtered address; from here `hidden` says it.
  var filtered = document.documentElement.classList.contains("bp-finding");
  document.documentElement.classList.remove("bp-finding");
  if (finderScope) {
    var staticPart = finderScope.querySelector("[data-static]");
    var wake = function () {
      loadFinder().then(function (f) { f.startFinder(finderScope); }).catch(function () {
        if (staticPart) staticPart.hidden = false; // no finder (offline): the plain listing is still true
      });
    };
    if (finderScope.hasAttribute("data-search-app") || filtered) {
      // A shared filtered link: the page's own cards would be replaced at once, so their
      // photos are not fetched at all.
      if (staticPart && filtered) staticPart.hidden = true;
      wake();
    } else {
      ["focusin", "pointerdown", "change"].forEach(function (name) {
        finderScope.addEventListener(name, wake, { once: true });
      });
    }
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

  // Copy buttons beside license numbers, so shoppers can paste them into cekbpom. They copy
  // the number as the checker searches it (data-copy="MD224510107115", no spaces), not as shown.
  document.querySelectorAll("[data-copy]").forEach(function (code) {
    var number = code.getAttribute("data-copy") || code.textContent;
    var button = el("button", { type: "button", class: "bp-copy", "aria-label": "Salin nomor " + number }, "Salin");
    button.addEventListener("click", function () { copy(number, "Nomor disalin"); });
    code.after(button);
  });

  // --- Offline (sw.js, generated by catalogue_gen/offline.py) ------------------------------
  // Registered after load. A page shown before the worker took over tells it what to save.
  var sw = navigator.serviceWorker;
  if (sw) addEventListener("load", function () {
    sw.addEventListener("controllerchange", function () {
      if (sw.controller) sw.controller.postMessage([location.href].concat(performance.getEntriesByType("resource").map(function (e) { return e.name; })));
    });
    sw.register(new URL("sw.js", root).href, { scope: root.pathname }).catch(function () {});
  });
  // --- end offline ------------------------------------------------------------------------
})();
