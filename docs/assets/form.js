// "Buat berkas produk" (docs/buat/index.md): builds produk.yml, and produsen.yml for a new
// producer, in the browser as the producer types, and checks every value the way catalogue-gen
// validate does. Nothing is sent anywhere: the GitHub button opens GitHub's "create new file"
// page with the text in its address. The license patterns are ports of catalogue_gen/licenses.py
// and the category rules of catalogue_gen/categories.py; tests/test_form_browser.py compares
// them with the Python originals.
(function () {
  "use strict";

  // Limits, categories, license kinds and label words come from the rule book
  // (catalogue_gen/rules.py), written to aturan-form.js by `catalogue-gen schema --write`, so the
  // form and the validator cannot drift apart.
  var BOOK = window.BeliProdukRules;
  var LIMITS = BOOK.limits;
  var RULES = BOOK.categories;
  var LICENSES = BOOK.licenses;
  var HALAL = BOOK.halal;
  var TRADITIONAL = ["bpom-tr", "bpom-ti", "bpom-tl", "bpom-ht", "bpom-ff"];

  // The regexes of licenses.py, without the verbose-mode comments (see there for each part).
  // Words labels print around numbers (licenses.py LABEL_WORDS), dropped before matching.
  var LABEL_WORDS = BOOK.labelWords;
  var BPOM = /^(MD|ML|TR|TI|TL|HT|FF|SD|SI|SL)\s*-?\s*([0-9][0-9\s\-]*?)\s*(E)?$/;
  var PIRT = /^([0-9][0-9\s]*?)(?:\s*[-\/]\s*([0-9]+))?$/;
  var COSMETIC = /^(NKIT|N[A-Z])\s*-?\s*([0-9][0-9\s\-]*)$/;
  // The patterns licenses.py writes without verbose mode come from the rule book as they are.
  var SHARED = BOOK.licensePatterns;
  var GS1_TEXT = new RegExp(SHARED.gs1Text);
  var GS1 = new RegExp(SHARED.gs1);
  var PSAT_PREFIX = new RegExp(SHARED.psatPrefix);
  var PSAT = new RegExp(SHARED.psat);
  var HALAL_BPJPH = new RegExp(SHARED.halalBpjph);
  var HALAL_MUI = new RegExp(SHARED.halalMui);
  var HALAL_MUI_BARE = new RegExp(SHARED.halalMuiBare);
  var HALAL_KH = /\bKH\b|^KH|\bKH[0-9.\-\/]/;
  var SNI = /^SNI\s*[-.]?\s*((?:ISO|IEC|ISO\/IEC)\s+)?((?:[0-9]{2}-)?[0-9]{1,5}(?:\.[0-9]+)*)\s*([:\-\s])\s*((?:19|20)[0-9]{2})(?:\s+[A-Z][A-Z\s]*)?$/;

  function stripLabelWords(text, words) {
    words = words || LABEL_WORDS;
    return text.replace(/[.:#,;()]/g, " ").split(/\s+/).filter(function (token) {
      return token && words.indexOf(token) < 0;
    }).join(" ");
  }

  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  // GitHub user names, as catalogue_gen/owners.py checks them: 1-39 letters, digits, single hyphens.
  var GITHUB_LOGIN = new RegExp(BOOK.patterns.akunGithub);
  var PHOTO = new RegExp(BOOK.patterns.foto);
  var MAX_PHOTO_BYTES = 10 * 1024 * 1024; // scope.py MAX_PHOTO_BYTES
  // Characters validate.py refuses (bidi controls, invisible, control): dropped, never wanted.
  var UNWANTED = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff\u00ad\u180e]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
  var SCHEMA = "https://raw.githubusercontent.com/beli-produk-ntt/katalog/main/catalogue_gen/schema/";
  // Browsers and GitHub handle long addresses, but past this a cut-off file is possible.
  var LONG_URL = 8000;

  // Checks ---------------------------------------------------------------------------------

  function normalise(value) {
    return value.normalize("NFKC").toUpperCase().replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\s+/g, " ").trim();
  }

  function digits(text) {
    return text.replace(/[^0-9]/g, "");
  }

  function bad(type, detail) {
    var info = type === "halal" ? HALAL : LICENSES[type];
    return { error: "Nomor " + info.name + " harus " + info.shape + (detail ? " (" + detail + ")" : "") + ", contoh " + info.example };
  }

  // { canonical } when valid, { error } when not; { warning } may come with either.
  // licenses.py gs1_registration: the number after "(90)" in text pasted from a barcode scan.
  function gs1Registration(text) {
    if (!GS1_TEXT.test(text)) return text;
    var match = GS1.exec(text);
    return match ? match.groups.value.trim() : text;
  }

  function checkLicense(type, value, year) {
    var info = LICENSES[type];
    var text = normalise(value);
    if (info.code || type === "notifikasi-kosmetik") text = gs1Registration(text);
    var match, number;
    if (type === "psat") {
      var body = text.replace(PSAT_PREFIX, "").trim();
      match = PSAT.exec(body);
      if (!match || digits(body).length < 10) return bad(type);
      return { canonical: match.groups.number.replace(/\s*([\/.\-])\s*/g, "$1") };
    }
    if (type !== "sni") text = stripLabelWords(text);
    if (info.code) {
      match = BPOM.exec(text);
      if (!match) return bad(type);
      if (match[1] !== info.code) {
        return { error: "Ini nomor " + match[1] + ", bukan " + info.code + "; pilih jenis izin yang sesuai atau periksa nomornya (contoh " + info.example + ")" };
      }
      number = digits(match[2]);
      if (info.digits.indexOf(number.length) < 0) return bad(type, "ada " + number.length + " digit");
      if (match[3]) {
        if (TRADITIONAL.indexOf(type) < 0) return bad(type);
        return { canonical: "POM " + info.code + " " + number + "E", warning: "Nomor diakhiri E (juga diekspor); periksa nomornya di cekbpom.pom.go.id" };
      }
      return { canonical: (info.code === "MD" || info.code === "ML" ? "BPOM RI " : "POM ") + info.code + " " + number };
    }
    if (type === "pirt") {
      match = PIRT.exec(text);
      if (!match) return bad(type);
      var main = digits(match[1]);
      var expiry = match[2];
      if (expiry === undefined && main.length === 15) {
        expiry = main.slice(13);
        main = main.slice(0, 13);
      }
      if (main.length !== 13 || expiry === undefined || expiry.length !== 2) {
        return bad(type, "ada " + (main.length + (expiry ? expiry.length : 0)) + " digit");
      }
      var result = { canonical: "P-IRT No. " + main + "-" + expiry };
      var until = 2000 + parseInt(expiry, 10);
      if (year && until < year) {
        result.warning = "Izin ini berlaku sampai " + until + " dan perlu diperbarui di Dinas Kesehatan/OSS; halaman produk akan menampilkan \"izin perlu diperbarui\"";
      }
      return result;
    }
    if (type === "notifikasi-kosmetik") {
      match = COSMETIC.exec(text);
      if (!match) return bad(type);
      number = digits(match[2]);
      if (match[1] !== "NKIT" && "ABCDE".indexOf(match[1].charAt(1)) < 0) return bad(type, "huruf wilayah " + match[1].charAt(1) + " tidak dikenal");
      if (number.length !== (match[1] === "NKIT" ? 9 : 11)) return bad(type, "ada " + number.length + " digit");
      return { canonical: match[1] + number };
    }
    match = SNI.exec(text);
    if (!match) return bad(type);
    var adopted = match[1] ? match[1].trim().split(/\s+/).join(" ") + " " : "";
    return { canonical: "SNI " + adopted + match[2] + (/^[0-9]{2}-/.test(match[2]) ? "-" : ":") + match[4] };
  }

  // validate.py LICENSE_EXAMPLE: a number copied from the guide has not been filled in yet.
  function withExampleWarning(result) {
    if (result.canonical && BOOK.exampleNumbers.indexOf(result.canonical) >= 0) {
      result.warning = "Ini nomor contoh dari panduan, bukan nomor produk Anda; ganti dengan nomor yang tercetak pada label";
    }
    return result;
  }

  function checkHalal(value) {
    var text = normalise(value);
    if (HALAL_KH.test(text)) {
      return { error: "Ini nomor ketetapan halal (KH), bukan nomor sertifikat; tulis nomor sertifikat BPJPH yang diawali ID (contoh " + HALAL.example + ")" };
    }
    text = stripLabelWords(text, BOOK.halalLabelWords);
    var match = HALAL_BPJPH.exec(text);
    if (match) {
      var number = digits(match.groups.number);
      return number.length === 17 ? { canonical: "ID" + number } : bad("halal", "ada " + number.length + " digit");
    }
    var legacy = HALAL_MUI.exec(text) || HALAL_MUI_BARE.exec(text);
    if (legacy) {
      var old = digits(legacy.groups.number);
      if (old.length !== 14) return bad("halal", "ada " + old.length + " digit");
      if (BOOK.phoneStarts.indexOf(old.slice(0, 2)) >= 0) return bad("halal", "tampak seperti nomor telepon");
      return { canonical: "MUI " + old, warning: "Tampak seperti nomor sertifikat MUI lama; periksa masa berlakunya dan ganti dengan nomor BPJPH (ID...) bila sudah ada" };
    }
    return bad("halal");
  }

  // contacts.py normalise_phone (phonenumbers, roughly): "0812-3456-7890", "+62 812...",
  // "0062 812..." -> "62812..."; null if not a phone.
  function normalisePhone(raw) {
    var number = raw.replace(/[\s.\-()]/g, "").replace(/^(\+|00)/, "");
    if (!/^\d+$/.test(number)) return null;
    if (number.charAt(0) === "0") number = "62" + number.slice(1);
    if (number.slice(0, 2) !== "62") return null;
    var national = number.slice(2);
    if (national.charAt(0) === "8") return national.length >= 9 && national.length <= 12 ? number : null;
    return national.length >= 8 && national.length <= 11 ? number : null;
  }

  // "75.000", "Rp 75.000,-", "75000" -> 75000; null when not a whole number of rupiah.
  function parseRupiah(raw) {
    var text = raw.trim().replace(/^rp\.?\s*/i, "").replace(/,(-|0{1,2})$/, "").replace(/[.\s]/g, "");
    if (!/^\d+$/.test(text)) return null;
    var value = parseInt(text, 10);
    return value > 0 && value <= 1000000000 ? value : null;
  }

  // load.py slugify: lower-case ASCII, digits and single hyphens, 3-60 characters.
  function slugify(text) {
    var slug = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/g, "");
    return slug.length >= 3 || !slug ? slug : (slug + "-produk").slice(0, 60);
  }

  function isSlug(text) {
    return text.length >= 3 && text.length <= 60 && SLUG.test(text);
  }

  // YAML ------------------------------------------------------------------------------------

  // Every string is double-quoted: no value can turn into a number, a date, a comment or a key.
  function quote(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      var code = text.charCodeAt(i);
      if (ch === "\\") out += "\\\\";
      else if (ch === "\"") out += "\\\"";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029) {
        out += "\\u" + ("000" + code.toString(16)).slice(-4);
      } else out += ch;
    }
    return "\"" + out + "\"";
  }

  function oneLine(text) {
    return text.replace(UNWANTED, "").replace(/\s+/g, " ").trim();
  }

  function paragraphs(text) {
    return text.replace(/\r\n?/g, "\n").replace(UNWANTED, "").split("\n")
      .map(function (line) { return line.replace(/[ \t]+$/, ""); }).join("\n")
      .replace(/\n{3,}/g, "\n\n").trim();
  }

  function list(text) {
    return text.split(",").map(oneLine).filter(Boolean);
  }

  function renderProduct(data) {
    var lines = ["# yaml-language-server: $schema=" + SCHEMA + "produk.schema.json"];
    lines.push("nama: " + quote(data.nama));
    lines.push("kategori: " + quote(data.kategori));
    lines.push("ringkasan: " + quote(data.ringkasan));
    lines.push("deskripsi: " + quote(data.deskripsi));
    lines.push("foto:");
    data.foto.forEach(function (name, index) {
      lines.push("  - berkas: " + quote(name));
      if (index === 0 && data.keterangan) lines.push("    keterangan: " + quote(data.keterangan));
    });
    if (data.harga.length) {
      lines.push("harga:");
      data.harga.forEach(function (price) {
        if (price.varian) {
          lines.push("  - varian: " + quote(price.varian));
          lines.push("    rupiah: " + price.rupiah);
        } else {
          lines.push("  - rupiah: " + price.rupiah);
        }
      });
    }
    if (data.isi) lines.push("isi_bersih: " + quote(data.isi));
    pushList(lines, "komposisi", data.komposisi);
    if (data.izin.length) {
      lines.push("izin:");
      data.izin.forEach(function (lic) {
        lines.push("  - jenis: " + quote(lic.jenis));
        lines.push("    nomor: " + quote(lic.nomor));
      });
    }
    if (data.halal) {
      lines.push("halal:");
      if (data.halal.nomor) lines.push("  nomor: " + quote(data.halal.nomor));
      if (data.halal.status) lines.push("  status: " + quote(data.halal.status));
      if (data.halal.alasan) lines.push("  alasan: " + quote(data.halal.alasan));
    }
    pushList(lines, "kata_kunci", data.kataKunci);
    lines.push("tersedia: " + (data.tersedia ? "true" : "false"));
    if (data.diperbarui) lines.push("diperbarui: " + quote(data.diperbarui));
    return lines.join("\n") + "\n";
  }

  function pushList(lines, key, items) {
    if (!items.length) return;
    lines.push(key + ":");
    items.forEach(function (item) { lines.push("  - " + quote(item)); });
  }

  function renderProducer(data) {
    var lines = [
      "# yaml-language-server: $schema=" + SCHEMA + "produsen.schema.json",
      "nama: " + quote(data.nama),
      "kabupaten: " + quote(data.kabupaten)
    ];
    if (data.akunGithub) lines.push("akun_github: [" + quote(data.akunGithub) + "]");
    lines.push("kontak:", "  whatsapp: " + quote(data.whatsapp));
    return lines.join("\n") + "\n";
  }

  // The page --------------------------------------------------------------------------------

  window.BeliProdukForm = { checkLicense: checkLicense, checkHalal: checkHalal, normalisePhone: normalisePhone,
    parseRupiah: parseRupiah, slugify: slugify, quote: quote };

  var form = document.querySelector("[data-produk-form]");
  if (!form) return;

  var $ = function (id) { return document.getElementById(id); };
  var touched = {};
  var folderEdited = false;
  var rowCount = 0;
  var thisYear = new Date().getFullYear();

  function addRow(kind) {
    var template = $("f-" + kind + "-template");
    var row = template.content.firstElementChild.cloneNode(true);
    rowCount += 1;
    row.querySelectorAll("[data-field]").forEach(function (input) {
      input.id = "f-" + kind + "-" + rowCount + "-" + input.getAttribute("data-field");
      var label = input.parentNode.querySelector("label");
      if (label) label.htmlFor = input.id;
    });
    var error = row.querySelector("[data-error]");
    error.id = "f-" + kind + "-" + rowCount + "-error";
    row.querySelectorAll("input").forEach(function (input) { input.setAttribute("aria-describedby", error.id); });
    $("f-" + kind + "-rows").appendChild(row);
    return row;
  }

  function show(id, message) {
    var element = $(id + "-error");
    element.textContent = message || "";
    var input = $(id);
    if (input) input.setAttribute("aria-invalid", message ? "true" : "false");
  }

  // A required field shows "wajib diisi" only after the producer has left it once.
  function required(id, value, problems, label) {
    if (!value) {
      show(id, touched[id] ? label + " wajib diisi" : "");
      problems.push(label + " belum diisi");
      return false;
    }
    return true;
  }

  function length(id, value, minimum, maximum, problems, label) {
    if (!required(id, value, problems, label)) return;
    var message = "";
    if (value.length < minimum) message = label + " terlalu pendek (minimal " + minimum + " huruf)";
    else if (value.length > maximum) message = label + " terlalu panjang (" + value.length + " huruf, maksimal " + maximum + ")";
    show(id, message);
    if (message) problems.push(message);
  }

  function update() {
    var problems = [];
    var data = { harga: [], izin: [] };

    // producer folder and, for a new producer, produsen.yml
    var producer = $("f-produsen").value.trim();
    if (required("f-produsen", producer, problems, "Nama folder usaha")) {
      var producerMessage = isSlug(producer) ? "" : "Nama folder hanya boleh huruf kecil, angka dan tanda hubung (3-60 huruf), misalnya " + (slugify(producer) || "madu-fatumnasi");
      show("f-produsen", producerMessage);
      if (producerMessage) problems.push(producerMessage);
    }
    var isNew = $("f-produsen-baru").checked;
    $("f-produsen-data").hidden = !isNew;
    $("f-produsen-output").hidden = !isNew;
    var producerProblems = [];
    var producerData = {
      nama: oneLine($("f-produsen-nama").value),
      kabupaten: $("f-kabupaten").value,
      whatsapp: oneLine($("f-whatsapp").value),
      akunGithub: oneLine($("f-akun-github").value).replace(/^@/, "")
    };
    if (isNew) {
      length("f-produsen-nama", producerData.nama, LIMITS.nama[0], LIMITS.nama[1], producerProblems, "Nama usaha");
      required("f-kabupaten", producerData.kabupaten, producerProblems, "Kabupaten/kota");
      if (required("f-whatsapp", producerData.whatsapp, producerProblems, "Nomor WhatsApp")) {
        var phone = normalisePhone(producerData.whatsapp);
        var phoneMessage = phone === null ? "Nomor ini bukan nomor HP Indonesia; tulis misalnya 0812-3456-7890 atau +62 812-3456-7890"
          : phone.slice(0, 3) !== "628" ? "WhatsApp memerlukan nomor HP yang diawali 08 atau +628" : "";
        show("f-whatsapp", phoneMessage);
        if (phoneMessage) producerProblems.push(phoneMessage);
      }
      // check-pr accepts a new producer folder only when akun_github names the pull request's author
      if (required("f-akun-github", producerData.akunGithub, producerProblems, "Akun GitHub")) {
        var accountMessage = GITHUB_LOGIN.test(producerData.akunGithub) ? ""
          : "Akun GitHub hanya berisi huruf, angka dan tanda hubung (1-39 huruf, tidak di awal atau akhir), tanpa @";
        show("f-akun-github", accountMessage);
        if (accountMessage) producerProblems.push(accountMessage);
      }
    }

    // product text
    data.nama = oneLine($("f-nama").value);
    length("f-nama", data.nama, LIMITS.nama[0], LIMITS.nama[1], problems, "Nama produk");
    if (!folderEdited) $("f-folder").value = slugify(data.nama);
    var folder = $("f-folder").value.trim();
    if (required("f-folder", folder, problems, "Nama folder produk")) {
      var folderMessage = isSlug(folder) ? "" : "Nama folder hanya boleh huruf kecil, angka dan tanda hubung (3-60 huruf), misalnya " + (slugify(folder) || "madu-hutan");
      show("f-folder", folderMessage);
      if (folderMessage) problems.push(folderMessage);
    }
    data.kategori = $("f-kategori").value;
    required("f-kategori", data.kategori, problems, "Kategori");
    var rule = RULES[data.kategori] || { groups: [] };
    $("f-kategori-hint").textContent = !data.kategori ? "" : rule.groups.length
      ? "Wajib: " + rule.groups.map(function (group) { return group.map(function (t) { return LICENSES[t].name; }).join(" atau "); }).join(" dan ") + (rule.halal ? ", dan keterangan halal." : ".")
      : "Kategori ini tidak memerlukan izin.";
    data.ringkasan = oneLine($("f-ringkasan").value);
    $("f-ringkasan-count").textContent = "(" + data.ringkasan.length + "/" + LIMITS.ringkasan[1] + ")";
    length("f-ringkasan", data.ringkasan, LIMITS.ringkasan[0], LIMITS.ringkasan[1], problems, "Ringkasan");
    data.deskripsi = paragraphs($("f-deskripsi").value);
    length("f-deskripsi", data.deskripsi, LIMITS.deskripsi[0], LIMITS.deskripsi[1], problems, "Deskripsi");
    data.isi = oneLine($("f-isi").value);
    data.komposisi = list($("f-komposisi").value);
    data.kataKunci = list($("f-kata-kunci").value);
    checkList("f-komposisi", data.komposisi, LIMITS.komposisi[0], LIMITS.komposisi[1], "komposisi", problems);
    checkList("f-kata-kunci", data.kataKunci, LIMITS.kataKunci[0], LIMITS.kataKunci[1], "kata kunci", problems);
    data.tersedia = $("f-tersedia").checked;

    // photos (not needed for the issue path: they are dragged into the issue on GitHub)
    var photoStart = problems.length;
    data.foto = $("f-foto").value.split("\n").map(oneLine).filter(Boolean);
    data.keterangan = oneLine($("f-foto-keterangan").value);
    var photoMessage = "";
    if (required("f-foto", data.foto.length ? "x" : "", problems, "Foto")) {
      var wrong = data.foto.filter(function (name) { return !PHOTO.test(name) || /[\/\\:]|\.\./.test(name) || name.charAt(0) === "."; });
      var seen = {};
      var twice = data.foto.filter(function (name) { var again = seen[name]; seen[name] = true; return again; });
      if (data.foto.length > LIMITS.foto) photoMessage = "Paling banyak " + LIMITS.foto + " foto (ada " + data.foto.length + ")";
      else if (wrong.length) photoMessage = "Bukan nama foto yang didukung: " + wrong.join(", ") + ". Pakai " + BOOK.photoExtensions.join(", ");
      else if (twice.length) photoMessage = "Foto " + twice[0] + " disebut dua kali";
      show("f-foto", photoMessage);
      if (photoMessage) problems.push(photoMessage);
    }

    var photoCount = problems.length - photoStart;

    // prices
    document.querySelectorAll("[data-row=harga]").forEach(function (row) {
      var variant = oneLine(row.querySelector("[data-field=varian]").value);
      var raw = row.querySelector("[data-field=rupiah]").value;
      var message = "";
      if (raw.trim()) {
        var rupiah = parseRupiah(raw);
        if (rupiah === null) message = "Harga harus angka rupiah, misalnya 75000";
        else if (rupiah < LIMITS.rupiah[0]) message = "Harga harus lebih dari 0";
        else if (rupiah > LIMITS.rupiah[1]) message = "Harga " + rupiah + " terlalu besar; periksa jumlah angka nol";
        else data.harga.push({ varian: variant, rupiah: rupiah });
      } else if (variant) {
        message = "Isi harga untuk varian " + variant;
      }
      row.querySelector("[data-error]").textContent = message;
      row.querySelector("[data-field=rupiah]").setAttribute("aria-invalid", message ? "true" : "false");
      if (message) problems.push(message);
    });

    // licenses, checked as they are typed
    var types = {};
    document.querySelectorAll("[data-row=izin]").forEach(function (row) {
      var type = row.querySelector("[data-field=jenis]").value;
      var input = row.querySelector("[data-field=nomor]");
      var number = oneLine(input.value);
      var result = number ? withExampleWarning(checkLicense(type, number, thisYear)) : {};
      row.querySelector("[data-error]").textContent = result.error || "";
      row.querySelector("[data-warning]").textContent = result.warning || "";
      input.setAttribute("aria-invalid", result.error ? "true" : "false");
      if (result.error) problems.push(result.error);
      if (number && !result.error) {
        data.izin.push({ jenis: type, nomor: number, canonical: result.canonical });
        types[type] = true;
        if ((rule.forbidden || []).indexOf(type) >= 0) {
          var forbidden = "P-IRT tidak boleh untuk air minum dalam kemasan: wajib BPOM MD dan SNI";
          row.querySelector("[data-error]").textContent = forbidden;
          problems.push(forbidden);
        }
      }
    });
    rule.groups.forEach(function (group) {
      if (!group.some(function (type) { return types[type]; })) {
        problems.push("Kategori " + data.kategori + " memerlukan izin " + group.map(function (t) { return LICENSES[t].name; }).join(" atau "));
      }
    });

    // halal
    var halal = $("f-halal").value;
    $("f-halal-nomor-field").hidden = halal !== "nomor";
    $("f-halal-alasan-field").hidden = halal !== "tidak-halal";
    show("f-halal", "");
    show("f-halal-nomor", "");
    $("f-halal-nomor-warning").textContent = "";
    if (halal === "nomor") {
      var halalNumber = oneLine($("f-halal-nomor").value);
      if (required("f-halal-nomor", halalNumber, problems, "Nomor sertifikat halal")) {
        var halalResult = withExampleWarning(checkHalal(halalNumber));
        show("f-halal-nomor", halalResult.error || "");
        $("f-halal-nomor-warning").textContent = halalResult.warning || "";
        if (halalResult.error) problems.push(halalResult.error);
        else data.halal = { nomor: halalNumber };
      }
    } else if (halal) {
      data.halal = { status: halal, alasan: halal === "tidak-halal" ? oneLine($("f-halal-alasan").value) : "" };
    } else if (rule.halal) {
      var halalMessage = "Kategori " + data.kategori + " wajib mencantumkan halal: nomor sertifikat, dalam proses, atau tidak halal";
      show("f-halal", touched["f-halal"] ? halalMessage : "");
      problems.push(halalMessage);
    }

    // date
    data.diperbarui = $("f-diperbarui").value;
    var dateMessage = data.diperbarui && !/^\d{4}-\d{2}-\d{2}$/.test(data.diperbarui) ? "Tulis tanggal tahun-bulan-tanggal, misalnya 2026-10-15" : "";
    show("f-diperbarui", dateMessage);
    if (dateMessage) problems.push(dateMessage);

    // output
    var path = "products/" + (producer || "…") + "/" + (folder || "…") + "/produk.yml";
    var text = renderProduct(data);
    $("f-path").textContent = path;
    $("f-yaml").textContent = text;
    setLink($("f-github"), path, text, problems.length === 0);
    $("f-problems").textContent = problems.length ? "Perbaiki dulu: " + problems.join("; ") + "." : "";
    $("f-ok").hidden = problems.length > 0;
    $("f-long").textContent = newFileUrl(path, text).length > LONG_URL
      ? "Berkas ini panjang; bila halaman GitHub tidak memuat seluruh teks, tekan Salin teks lalu tempel di GitHub." : "";

    var issueProblems = problems.slice(0, photoStart).concat(problems.slice(photoStart + photoCount));
    if (isNew) issueProblems = issueProblems.concat(producerProblems);
    setIssueLink(issueFields(data, producer, isNew ? producerData.nama : ""), data.nama, issueProblems.length === 0);

    var producerPath = "products/" + (producer || "…") + "/produsen.yml";
    var producerText = renderProducer(producerData);
    $("f-produsen-path").textContent = producerPath;
    $("f-produsen-yaml").textContent = producerText;
    setLink($("f-github-produsen"), producerPath, producerText, isNew && producerProblems.length === 0 && isSlug(producer));
  }

  function checkList(id, items, maxItems, maxLength, label, problems) {
    var message = "";
    var long = items.filter(function (item) { return item.length > maxLength; });
    if (items.length > maxItems) message = "Paling banyak " + maxItems + " " + label + " (ada " + items.length + ")";
    else if (long.length) message = "Setiap " + label + " paling banyak " + maxLength + " huruf: " + long[0].slice(0, 30) + "…";
    show(id, message);
    if (message) problems.push(message);
  }

  // "Kirim lewat GitHub (tanpa berkas)" -------------------------------------------------------
  // Opens the "Daftarkan produk" issue form with its fields filled in from the address: GitHub
  // fills an issue form field from the query parameter named by the field's id, and a dropdown
  // from the exact text of one of its options. The ids are the `name` of the inputs marked
  // data-issue-field (the same words as in .github/ISSUE_TEMPLATE/daftarkan-produk.yml), plus
  // produsen, harga, izin and halal built below; the halal options carry their issue-form text
  // in data-issue. tests/test_issue_path_browser.py checks both against the issue form.

  function issueFields(data, producer, producerName) {
    var fields = [["produsen", producerName || producer, "Nama usaha"]];
    form.querySelectorAll("[data-issue-field]").forEach(function (input) {
      if (input.closest("[hidden]")) return;
      var label = form.querySelector("label[for='" + input.id + "']");
      // the stock checkbox answers the issue form's "Stok tersedia?" dropdown
      var value = input.type === "checkbox" ? (input.checked ? "ya" : "tidak")
        : input.tagName === "TEXTAREA" ? paragraphs(input.value) : oneLine(input.value);
      if (input.name === "akun_github") value = value.replace(/^@/, "");
      fields.push([input.name, value, label ? label.textContent : input.name]);
    });
    fields.push(["harga", data.harga.map(function (price) {
      return (price.varian ? price.varian + ": " : "") + price.rupiah;
    }).join("\n"), "Harga"]);
    // the checked number in its label form ("P-IRT No. ...", "BPOM RI MD ..."), which names its kind
    fields.push(["izin", data.izin.map(function (license) {
      var number = license.canonical || license.nomor;
      return license.jenis === "psat" ? "PSAT " + number : number;
    }).join("\n"), "Nomor izin"]);
    var halal = $("f-halal");
    var option = halal.options[halal.selectedIndex];
    var rule = RULES[data.kategori] || {};
    var halalText = option && option.value ? option.getAttribute("data-issue")
      : data.kategori && !rule.halal ? halal.getAttribute("data-issue-none") : "";
    fields.push(["halal", halalText || "", "Status halal"]);
    return fields.filter(function (field) { return field[1]; });
  }

  // The address, kept under LONG_URL characters: the longest value is cut (at a whole character,
  // never inside an escape) until it fits, and the page names what was cut.
  function issueUrl(fields, title) {
    var link = $("f-issue");
    var base = link.getAttribute("data-issue-url") + "?template=" + encodeURIComponent(link.getAttribute("data-issue-template")) +
      "&title=" + encodeURIComponent(link.getAttribute("data-issue-title") + title);
    var values = fields.map(function (field) { return field[1]; });
    var cut = [];
    var build = function () {
      return base + fields.map(function (field, index) {
        return values[index] ? "&" + field[0] + "=" + encodeURIComponent(values[index]) : "";
      }).join("");
    };
    var url = build();
    while (url.length > LONG_URL) {
      var longest = 0;
      values.forEach(function (value, index) {
        if (encodeURIComponent(value).length > encodeURIComponent(values[longest]).length) longest = index;
      });
      var chars = Array.from(values[longest]);
      var budget = encodeURIComponent(values[longest]).length - (url.length - LONG_URL) - encodeURIComponent(" …").length;
      var low = 0, high = chars.length;
      while (low < high) {
        var middle = Math.ceil((low + high) / 2);
        if (encodeURIComponent(chars.slice(0, middle).join("")).length <= budget) low = middle;
        else high = middle - 1;
      }
      values[longest] = low > 0 ? chars.slice(0, low).join("").replace(/\s+$/, "") + " …" : "";
      if (cut.indexOf(fields[longest][2]) < 0) cut.push(fields[longest][2]);
      url = build();
    }
    return { url: url, cut: cut };
  }

  function setIssueLink(fields, title, ready) {
    var link = $("f-issue");
    var result = issueUrl(fields, title);
    if (ready) {
      link.href = result.url;
      link.removeAttribute("aria-disabled");
    } else {
      link.href = "#lewat-issue";
      link.setAttribute("aria-disabled", "true");
    }
    $("f-issue-problems").textContent = ready ? ""
      : "Tombol ini aktif setelah isian di atas benar (foto belum perlu dipilih; foto ditambahkan di GitHub).";
    $("f-issue-long").textContent = result.cut.length
      ? "Alamat GitHub paling panjang " + LONG_URL.toLocaleString("id-ID") + " huruf, jadi " + result.cut.join(", ") +
        " dipotong (ditandai …). Lengkapi sisanya di GitHub sebelum menekan Create."
      : "";
  }

  function newFileUrl(path, text) {
    var repo = form.getAttribute("data-repo");
    var branch = form.getAttribute("data-branch");
    return repo + "/new/" + branch + "?filename=" + encodeURIComponent(path) + "&value=" + encodeURIComponent(text);
  }

  function setLink(link, path, text, ready) {
    if (ready) {
      link.href = newFileUrl(path, text);
      link.removeAttribute("aria-disabled");
    } else {
      link.href = "#hasil";
      link.setAttribute("aria-disabled", "true");
    }
  }

  function copy(id, button) {
    var text = $(id).textContent;
    var done = function () { button.textContent = "Tersalin"; setTimeout(function () { button.textContent = "Salin teks"; }, 2000); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { select(id); });
    } else {
      select(id);
    }
  }

  function select(id) {
    var range = document.createRange();
    range.selectNodeContents($(id));
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function photosChosen(input) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) return;
    $("f-foto").value = files.map(function (file) { return file.name; }).join("\n");
    var big = files.filter(function (file) { return file.size > MAX_PHOTO_BYTES; });
    $("f-foto-warning").textContent = big.length
      ? "Foto " + big.map(function (f) { return f.name; }).join(", ") + " lebih dari 10 MB dan akan ditolak; perkecil dulu (kirim lewat WhatsApp ke diri sendiri lalu simpan, atau pakai aplikasi pengecil foto)."
      : "";
  }

  form.addEventListener("input", function (event) {
    if (event.target.id === "f-folder") folderEdited = event.target.value.trim() !== "";
    update();
  });
  form.addEventListener("change", function (event) {
    if (event.target.id === "f-foto-pilih") photosChosen(event.target);
    if (event.target.id) touched[event.target.id] = true;
    update();
  });
  form.addEventListener("focusout", function (event) {
    if (event.target.id) touched[event.target.id] = true;
    update();
  });
  form.addEventListener("click", function (event) {
    var target = event.target;
    if (target.hasAttribute("data-add")) {
      var row = addRow(target.getAttribute("data-add"));
      row.querySelector("input, select").focus();
      update();
    } else if (target.hasAttribute("data-remove")) {
      target.closest("[data-row]").remove();
      update();
    } else if (target.id === "f-copy") {
      copy("f-yaml", target);
    } else if (target.id === "f-copy-produsen") {
      copy("f-produsen-yaml", target);
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  $("f-diperbarui").value = new Date().toISOString().slice(0, 10);
  addRow("harga");
  addRow("izin");
  update();
})();
