"""Every sentence a user sees, as named templates. Code never builds Indonesian text inline.

Messages name the key (`{key}`), say what is wrong and what to write instead. Tests assert
on the template names (Problem.code) and on a few rendered lines.

Code refers to a template in one of two ways: by attribute (`messages.SUGGESTION.format(...)`)
for the pieces a caller fills in itself, or by name through `render` for every template a
Problem or a worker's finding carries; those names are the keys of TEMPLATES, at the end.
"""

from __future__ import annotations

import string
from typing import Final


def render(template: str, **values: object) -> str:
    """Fill the template called `template` (a key of TEMPLATES) with `values`.

    Values named in _QUOTED are shown in double quotes; a field without a value is left
    empty. An unknown name is a KeyError naming it: a problem whose text is lost would
    leave the producer with a code and no advice.
    """
    try:
        text = TEMPLATES[template]
    except KeyError:
        raise KeyError(f"no message template named {template!r} in messages.TEMPLATES") from None
    quoted = {k: (_quote(v) if k in _QUOTED else v) for k, v in values.items()}
    fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return text.format(**{k: quoted.get(k, "") for k in fields})


def _quote(value: object) -> str:
    # Producers' values are shown in double quotes, cut so one line stays one line.
    text = str(value).replace("\n", " ")
    if len(text) > 80:
        text = text[:77] + "..."
    return '"' + text.replace('"', '\\"') + '"'


_QUOTED = {"value", "example", "name", "file_name"}

SUMMARY = "{errors} galat, {warnings} peringatan."
SUMMARY_OK = "Semua berkas sah: {products} produk dari {producers} produsen."

# Files and folders -------------------------------------------------------------------------
PRODUCTS_DIR_MISSING = (
    "folder produk tidak ditemukan; buat folder products/ berisi satu folder per produsen"
)
SYMLINK_REFUSED = "tautan simbolik (symlink) tidak diizinkan; ganti dengan berkas atau folder biasa"
STRAY_FILE_TOP = "berkas ini tidak berada di folder produsen; pindahkan ke products/<nama-produsen>/<nama-produk>/"
PRODUCT_FILE_IN_PRODUCER = "produk.yml harus berada di folder produknya sendiri: products/<produsen>/<nama-produk>/produk.yml"
PRODUCER_FILE_MISSING = "folder produsen tidak memiliki produsen.yml; buat berkas ini (lihat panduan atau jalankan catalogue-gen new)"
PRODUCT_FILE_MISSING = (
    "folder produk tidak memiliki produk.yml; buat berkas ini atau hapus folder ini"
)
NESTED_FOLDER_IGNORED = (
    "folder di dalam folder produk tidak dipakai; pindahkan foto ke folder produk itu sendiri"
)
BAD_SLUG = 'nama folder {name} tidak sah: pakai 3-60 huruf kecil, angka dan tanda hubung, misalnya "{suggestion}"'
FILE_TOO_LARGE = "berkas terlalu besar ({size_kib} KiB, batas {limit_kib} KiB); berkas YAML produk cukup beberapa KiB"
FILE_UNREADABLE = "berkas tidak dapat dibaca ({reason})"
FILE_EMPTY = "berkas kosong; isi dengan kunci seperti nama:, kategori: (lihat panduan)"
FILE_UNUSED = "berkas {file_name} tidak dipakai oleh produk.yml; hapus atau sebut di foto:"
NOT_UTF8 = "berkas bukan teks UTF-8 (ada karakter rusak di sini); simpan ulang berkas sebagai UTF-8"
NOT_UTF8_UTF16 = "berkas disimpan sebagai UTF-16; simpan ulang sebagai UTF-8"
TAB_INDENT = "ada karakter tab di awal baris; YAML hanya menerima spasi untuk indentasi, ganti tab dengan spasi"

# YAML ----------------------------------------------------------------------------------------
YAML_SYNTAX = "YAML tidak sah: {detail}"
YAML_UNREADABLE = "YAML tidak dapat dibaca ({detail}); periksa tanda kutip dan indentasi"
YAML_ALIAS = "alias YAML (*{name}) tidak diizinkan; tulis nilainya langsung, dan beri tanda kutip bila teks diawali * atau &"
YAML_ANCHOR = (
    'anchor YAML (&{name}) tidak diizinkan; bila teks diawali &, beri tanda kutip, misalnya "&Co"'
)
YAML_TAG = "tag YAML ({tag}) tidak diizinkan; hapus tag itu dan tulis nilainya biasa"
YAML_TOO_DEEP = "struktur terlalu dalam (lebih dari {limit} tingkat); periksa indentasi"
MULTIPLE_DOCUMENTS = (
    "berkas berisi lebih dari satu dokumen YAML (---); satu berkas untuk satu produk"
)
ROOT_NOT_MAPPING = "isi berkas harus berupa daftar kunci: nilai (misalnya nama: Kopi Bajawa)"
DUPLICATE_KEY = "kunci {key} ditulis dua kali (pertama di baris {first_line}); hapus salah satunya"
YAML_HINT_UNCLOSED_QUOTE = (
    'tanda kutip dibuka di sini tetapi tidak ditutup; tambahkan " di akhir nilai'
)
YAML_HINT_GENERIC = "periksa indentasi, titik dua dan tanda kutip di sekitar baris ini ({original})"
YAML_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        'ada titik dua (:) di dalam nilai; beri tanda kutip pada nilai itu, misalnya nama: "Kopi: Bajawa"',
    ),
    (
        "could not find expected ':'",
        "baris ini tidak berbentuk kunci: nilai; periksa titik dua dan indentasi",
    ),
    (
        "found character '\\t'",
        "ada karakter tab; YAML hanya menerima spasi, ganti tab dengan spasi",
    ),
    (
        "found unexpected end of stream",
        "tanda kutip tidak ditutup; tutup tanda kutip di akhir nilai",
    ),
    (
        "found unknown escape character",
        "garis miring terbalik (\\) di dalam tanda kutip ganda; pakai tanda kutip tunggal",
    ),
    ("did not find expected key", "indentasi tidak rata; kunci dalam satu kelompok harus sejajar"),
    (
        "did not find expected '-' indicator",
        "indentasi daftar tidak rata; setiap butir diawali - dengan spasi yang sama",
    ),
    (
        "found undefined alias",
        "alias YAML (*) tidak diizinkan; beri tanda kutip pada teks yang diawali *",
    ),
    ("found character '%' that cannot start any token", "nilai diawali %; beri tanda kutip"),
    (
        "found character '@' that cannot start any token",
        'nilai diawali @; beri tanda kutip, misalnya instagram: "@namaakun"',
    ),
    ("found character '`' that cannot start any token", "nilai diawali `; beri tanda kutip"),
    ("unacceptable character", "ada karakter kontrol yang tidak terlihat; hapus karakter itu"),
    (
        "expected <block end>, but found '<block mapping start>'",
        "indentasi tidak rata; kunci dalam satu kelompok harus sejajar",
    ),
)

# Keys and values -----------------------------------------------------------------------------
UNKNOWN_KEY = "kunci {key} tidak dikenal{suggestion}"
UNKNOWN_KEY_SUGGESTION = "; maksud Anda {suggestion}?"
NOT_A_VALUE = "(daftar atau kelompok)"
UNKNOWN_KEY_ALLOWED = "; kunci yang boleh: {allowed}"
MISSING_KEY = "kunci {key} wajib diisi{hint}"
KEY_NOT_TEXT = "kunci {key} harus berupa teks, bukan daftar atau kelompok"
KEY_NOT_MAPPING = "{key} harus berupa kelompok kunci: nilai{hint}"
KEY_NOT_LIST = "{key} harus berupa daftar (setiap butir diawali - ){hint}"
KEY_BAD_KEY = "kunci harus berupa teks biasa"
TEXT_TOO_SHORT = "{key} terlalu pendek ({length} karakter, minimal {minimum})"
TEXT_TOO_LONG = "{key} terlalu panjang ({length} karakter, maksimal {maximum}); persingkat"
TEXT_ONE_LINE = "{key} harus satu baris"
TEXT_BIDI = "{key} berisi karakter pembalik arah teks (U+{codepoint}) yang bisa menyamarkan isi; hapus karakter itu"
TEXT_INVISIBLE = "{key} berisi karakter tak terlihat (U+{codepoint}); hapus karakter itu"
TEXT_CONTROL = "{key} berisi karakter kontrol (U+{codepoint}); hapus karakter itu"
COMMENT_CUT = "tanda # setelah spasi membuat sisa baris dianggap komentar, jadi {key} hanya terbaca {value}; beri tanda kutip pada seluruh nilai"
LIST_TOO_LONG = "{key} berisi {count} butir, maksimal {maximum}"
LIST_TOO_SHORT = "{key} harus berisi minimal {minimum} butir"
NUMBER_NOT_QUOTED = '{key} {value} harus ditulis dalam tanda kutip, misalnya {key_last}: "{raw}" (tanpa kutip YAML bisa membuang angka 0 di depan)'
BOOL_EXPECTED = "{key} harus true atau false, bukan {value}"
DATE_EXPECTED = (
    "{key} {value} bukan tanggal yang sah; tulis tahun-bulan-tanggal, misalnya 2026-10-15"
)
DATE_IN_FUTURE = "{key} {value} ada di masa depan; tulis tanggal terakhir berkas ini diperiksa"
URL_NOT_HTTPS = (
    "{key} {value} bukan alamat web yang aman; tulis alamat lengkap yang diawali https://"
)
URL_AUTHORITY_BAD = "{key} {value} memuat {char} di nama situsnya, sehingga peramban bisa membuka situs lain daripada yang terbaca; tulis alamatnya langsung tanpa \\, @ atau %, misalnya https://shopee.co.id/toko-anda"
URL_SCRIPT = "{key} {value} tidak diizinkan: hanya alamat web https:// yang boleh ditautkan"
PHONE_BAD = '{key} {value} bukan nomor yang sah; tulis nomor HP Indonesia, misalnya "0812-3456-7890" atau "+62 812-3456-7890"'
PHONE_NOT_MOBILE = (
    "{key} {value} bukan nomor HP; WhatsApp memerlukan nomor HP yang diawali 08 atau +628"
)
EMAIL_BAD = '{key} {value} bukan alamat email yang sah, contoh "usaha@contoh.id"'
INSTAGRAM_BAD = '{key} {value} bukan nama akun Instagram yang sah, contoh "@madu.fatumnasi"'
NIB_BAD = '{key} {value} bukan NIB yang sah (harus 13 digit, contoh "1234567890123")'
CONTACT_MISSING = (
    'kontak wajib berisi minimal satu cara menghubungi produsen, sebaiknya whatsapp: "0812-..."'
)
REGENCY_UNKNOWN = "kabupaten {value} tidak dikenal{suggestion}; pakai salah satu: {allowed}"
CATEGORY_UNKNOWN = "kategori {value} tidak dikenal{suggestion}; pakai salah satu: {allowed}"
SUGGESTION = "; maksud Anda {suggestion}?"

# Teks, nama, tautan (issue 10) ----------------------------------------------------------------
FILE_LINE_SEPARATOR = "baris ini berisi karakter {char_name} (U+{codepoint}) yang tidak terlihat di editor tetapi dibaca YAML sebagai ganti baris; hapus karakter itu (ketik ulang bagian ini), atau tekan Enter bila memang ingin baris baru"
FILE_CONTROL_CHARACTER = "baris ini berisi karakter kontrol tak terlihat {char_name} (U+{codepoint}), biasanya terbawa saat menyalin dari dokumen atau aplikasi lain; hapus karakter itu (ketik ulang bagian ini)"
TEXT_TAG = "{key} berisi karakter tag Unicode tersembunyi (U+{codepoint}) yang menyelipkan teks tak terlihat; ketik ulang nilainya, jangan disalin"
TEXT_BLANK_CHARACTER = "{key} berisi karakter yang tampak kosong atau seperti spasi ({char_name}, U+{codepoint}); ganti dengan spasi biasa atau hapus"
TEXT_NO_LETTERS = (
    "{key} {value} tidak berisi huruf atau angka yang terlihat; tulis nama yang bisa dibaca"
)
NAME_MIXED_SCRIPT = "{key} {value} mencampur huruf {scripts} yang tampak sama, cara umum memalsukan nama; ketik ulang nama itu dengan huruf Latin biasa"
NAME_TWIN = "{key} {value} tampak sama dengan {name} di {other_path}, tetapi memakai huruf lain ({detail}); ketik ulang nama dengan huruf Latin biasa, atau pilih nama yang jelas berbeda"
SCRIPT_NAMES = {"LATIN": "Latin", "CYRILLIC": "Sirilik", "GREEK": "Yunani"}
SCRIPT_JOINER = " dan "
SLUG_RESERVED = "nama folder {name} sudah dipakai halaman katalog sendiri ({address}); pilih nama lain, misalnya nama lengkap usaha atau produk"
HIDDEN_FOLDER = "folder tersembunyi {name} (nama diawali titik, atau folder sistem) tidak dibaca, jadi isinya tidak akan pernah tampil; hapus folder ini, atau ganti namanya tanpa titik di depan"
HIDDEN_FILE = (
    "berkas tersembunyi atau berkas sistem {file_name} tidak dipakai katalog; hapus berkas ini"
)
PHONE_FOREIGN = '{key} {value} bukan nomor Indonesia; tulis nomor Indonesia, misalnya "0812-3456-7890" atau "+62 812-3456-7890"'
PHONE_SPECIAL = '{key} {value} adalah nomor {kind}, bukan nomor HP, jadi tidak bisa menerima WhatsApp; tulis nomor HP, misalnya "0812-3456-7890"'
# phonenumbers' PhoneNumberType names -> what PHONE_SPECIAL calls them
PHONE_KIND_NAMES = {
    "TOLL_FREE": "bebas pulsa",
    "PREMIUM_RATE": "premium",
    "SHARED_COST": "berbagi biaya",
    "VOIP": "VoIP",
    "PERSONAL_NUMBER": "pribadi",
    "PAGER": "pager",
    "UAN": "layanan",
    "VOICEMAIL": "kotak suara",
    "UNKNOWN": "tidak dikenal",
}
EMAIL_NOT_PLAIN = '{key} {value} harus berisi satu alamat email saja, tanpa spasi, ?, &, % atau @ kedua; contoh "usaha@contoh.id"'
URL_HOST_LOOKALIKE = "{key} {value} menuju {host}, yang tampak seperti {real} tetapi bukan; salin alamat asli langsung dari {real}"
URL_HOST_MIXED_SCRIPT = "{key} {value} menuju {host}, yang mencampur huruf {scripts}, cara umum menyamarkan alamat palsu; salin alamat asli dari browser"
URL_HOST_BAD = (
    "{key} {value} menuju {host}, yang bukan nama situs yang sah; salin alamat asli dari browser"
)
LINK_WRONG_HOST = "{key} {value} bukan alamat {label}: tautan {label} hanya boleh ke {hosts}; salin alamat dari {label}, atau beri tautan ini nama lain (misalnya toko:)"

# Prices --------------------------------------------------------------------------------------
PRICE_DOTTED = "{key} {value} terbaca sebagai pecahan; tulis angka bulat tanpa titik, misalnya tulis {suggestion}"
PRICE_NOT_NUMBER = (
    "{key} {value} bukan angka; tulis harga dalam rupiah tanpa Rp dan titik, misalnya 75000"
)
PRICE_NOT_POSITIVE = "{key} harus lebih dari 0"
PRICE_TOO_HIGH = "{key} {value} terlalu besar; periksa jumlah angka nol"
PRICE_TOO_LOW = "{key} {value} sangat kecil (di bawah Rp{minimum}): bila maksudnya {value}.000, tulis {value}000 tanpa titik"

# Photos --------------------------------------------------------------------------------------
PHOTO_MISSING = "foto {file_name} tidak ada di folder produk{suggestion}"
PHOTO_CASE = "; maksud Anda {suggestion}? (huruf besar dan kecil dibedakan)"
PHOTO_BAD_NAME = "{key} {value} harus nama berkas di folder ini saja, tanpa / atau .."
PHOTO_BAD_EXTENSION = (
    "{key} {value} bukan foto yang didukung; pakai .jpg, .jpeg, .png, .webp atau .heic"
)
PHOTO_TWICE = "foto {file_name} sudah dipakai di {other}; pakai setiap foto sekali saja"
PHOTO_CASE_CLASH = (
    "berkas {file_name} dan {other} hanya berbeda huruf besar/kecil; ganti nama salah satunya"
)
PHOTO_UNUSED = "foto {file_name} tidak disebut di foto: dan tidak akan tampil"
PHOTO_UNREADABLE = (
    "foto {file_name} tidak dapat dibuka sebagai gambar ({detail}); simpan ulang sebagai JPEG"
)
PHOTO_WRONG_TYPE = "foto {file_name} sebenarnya berformat {actual}, bukan {expected}; simpan ulang atau ganti akhiran nama berkas"
PHOTO_TRUNCATED = "foto {file_name} rusak atau terpotong; unggah ulang foto aslinya"
PHOTO_TOO_MANY_PIXELS = "foto {file_name} terlalu besar ({megapixels} megapiksel, batas {limit}); perkecil foto sebelum diunggah"
PHOTO_TOO_SMALL = "foto {file_name} terlalu kecil ({width}x{height} piksel); pakai foto minimal {minimum} piksel di sisi terpendek"
PHOTO_BAD_RATIO = "foto {file_name} terlalu memanjang ({width}x{height}); potong agar sisi panjang paling banyak {ratio} kali sisi pendek"
PHOTO_ANIMATED = "foto {file_name} bergerak (animasi); hanya gambar pertama yang ditampilkan"
PHOTO_GPS = "foto {file_name} menyimpan lokasi GPS: siapa pun dapat melihat lokasi ini di repositori publik. Lokasi dihapus dari situs, tetapi hapus juga dari berkas aslinya dengan: catalogue-gen strip-photos {folder}"
PHOTO_SMALL_WARNING = (
    "foto {file_name} kecil ({width}x{height} piksel); foto minimal 800 piksel tampak lebih jelas"
)
# Foto bermasalah (issue 10)
PHOTO_NOT_REGULAR = "foto {file_name} bukan berkas biasa melainkan {kind}, jadi tidak dibaca; hapus lalu tambahkan foto JPEG yang sebenarnya dengan nama itu"
FILE_NOT_REGULAR = "berkas ini bukan berkas biasa melainkan {kind}, jadi tidak dibaca; hapus lalu buat berkas teks biasa dengan nama ini"
PHOTO_DETAIL_DAMAGED = "isinya rusak atau tidak lengkap: {kind}"
PHOTO_DETAIL_MODE = "mode warnanya tidak dapat diubah ke RGB"
PHOTO_DETAIL_NOT_IMAGE = "bukan berkas gambar"
PHOTO_KIND_FIFO = "pipa bernama (FIFO)"
PHOTO_KIND_SOCKET = "soket"
PHOTO_KIND_DEVICE = "berkas perangkat"
PHOTO_KIND_FOLDER = "folder"
PHOTO_KIND_OTHER = "berkas khusus"
PHOTO_FILE_TOO_LARGE = "foto {file_name} terlalu besar ({size_mib} MiB, batas {limit_mib} MiB), jadi tidak dibaca; perkecil foto sebelum diunggah, misalnya kirim lewat WhatsApp lalu simpan hasilnya"
PHOTO_BAD_EXIF = "data EXIF foto {file_name} rusak ({detail}), jadi arah tegak foto tidak diketahui; hapus metadatanya dengan: catalogue-gen strip-photos {folder}, lalu periksa foto masih tegak"
PHOTO_TOO_MANY_SCANS = "foto {file_name} adalah JPEG progresif dengan lebih dari {limit} lapisan (scan), yang terlalu berat dibuka; simpan ulang sebagai JPEG biasa, misalnya unggah foto asli dari kamera ponsel"
PHOTO_TOO_COSTLY = "foto {file_name} terlalu berat untuk diolah (butuh lebih dari {limit}); simpan ulang sebagai JPEG biasa dengan ukuran lebih kecil, misalnya kirim lewat WhatsApp lalu simpan hasilnya"
PHOTO_COST_TIME = "{seconds} detik"
PHOTO_COST_MEMORY = "{mib} MiB memori"
# Why a photo's worker stopped without an answer (a signal, or an exit in C code): never the bare "SIGSEGV"
PHOTO_READER_SIGNAL = "pembaca gambar berhenti mendadak ({signal})"
PHOTO_READER_EXIT = "pembaca gambar berhenti mendadak (kode keluar {code})"
# Why a file could not be read or written (the system's own strerror is English)
OS_REASON_MISSING = "berkas tidak ditemukan"
OS_REASON_DENIED = "tidak ada izin membuka berkas ini"
OS_REASON_SYMLINK = "berkas berupa tautan simbolik (symlink)"
OS_REASON_FOLDER = "berupa folder, bukan berkas"
OS_REASON_DISK_FULL = "disk penuh"
OS_REASON_READ_ONLY = "tempat penyimpanan hanya-baca"
OS_REASON_OTHER = "galat sistem berkas {code}"

# Licenses ------------------------------------------------------------------------------------
LICENSE_TYPE_UNKNOWN = (
    "{key} {value} bukan jenis izin yang dikenal{suggestion}; pakai salah satu: {allowed}"
)
LICENSE_BAD_FORMAT = (
    "{key} {value} bukan nomor {label} yang sah (harus {shape}{detail_part}, contoh {example})"
)
LICENSE_WRONG_CODE = "{key} {value} adalah nomor {found}, bukan {expected}; ganti jenis atau periksa nomornya (contoh {example})"
LICENSE_EXPORT_SUFFIX = (
    "{key} {value} diakhiri E (juga diekspor); periksa nomornya di cekbpom.pom.go.id"
)
LICENSE_DUPLICATE = "{key} {value} sudah tercantum di {other}; hapus yang ganda"
LICENSE_REQUIRED = 'kategori {category} memerlukan izin {needed}; tambahkan di izin:, misalnya - {{jenis: {first}, nomor: "{example}"}}'
LICENSE_FORBIDDEN = "{key} {value} tidak boleh untuk kategori {category}: {reason}"
PIRT_NOT_FOR_WATER = "air minum dalam kemasan wajib memakai izin BPOM MD dan SNI, bukan P-IRT"
PIRT_EXPIRED = '{key} {value} berlaku sampai {year}; izin perlu diperbarui di Dinas Kesehatan/OSS. Halaman produk menampilkan "izin perlu diperbarui"'
PIRT_REGENCY_MISMATCH = "{key} {value} memakai kode wilayah {code} ({issuer}), bukan kode {regency} ({codes}); periksa nomor atau kabupaten produsen"
HALAL_REQUIRED = 'kategori {category} wajib mencantumkan halal: nomor sertifikat, {{status: dalam-proses}}, atau {{status: tidak-halal, alasan: "..."}}'
HALAL_BAD = 'halal harus berisi nomor: "ID...", atau status: dalam-proses, atau status: tidak-halal'
HALAL_STATUS_UNKNOWN = "{key} {value} tidak dikenal; pakai dalam-proses atau tidak-halal"
HALAL_NUMBER_AND_STATUS = (
    "halal berisi nomor sertifikat dan status {value} sekaligus; pilih salah satu"
)
HALAL_KH_NUMBER = '{key} {value} adalah nomor ketetapan halal (KH), bukan nomor sertifikat; tulis nomor sertifikat BPJPH yang diawali ID (contoh "ID33110018517710724")'
PSAT_ISSUER_UNKNOWN = "{key} {value} tidak diawali kode kabupaten/kota NTT (misalnya 53/71 untuk Kota Kupang; yang tertulis {code}); periksa nomornya di sertifikat dari Dinas Pertanian"
HALAL_END_WITHOUT_NUMBER = "halal.berlaku_sampai hanya untuk sertifikat dengan nomor; hapus baris ini atau tulis halal.nomor"
HALAL_CERTIFICATE_ENDED = "{key} {value}: sertifikat halal ini tercatat sudah berakhir; perbarui sertifikatnya (nomor BPJPH) atau hapus halal.nomor dan tulis status: dalam-proses"
HALAL_LEGACY_MUI = "{key} {value} tampak seperti nomor sertifikat MUI lama; periksa masa berlakunya dan ganti dengan nomor BPJPH (ID...) bila sudah ada"
HALAL_BUT_PORK = (
    'produk ini menyebut {word} ({where}), jadi halal harus {{status: tidak-halal, alasan: "..."}}'
)
HALAL_DEADLINE = "sejak 17 Oktober 2026 sertifikat halal wajib untuk pangan, minuman dan kosmetik usaha mikro dan kecil; status dalam-proses tetap ditampilkan, tetapi segera lengkapi nomor sertifikatnya"
LICENSE_EXAMPLE = "{key} {value} adalah nomor contoh dari panduan, bukan nomor produk Anda; ganti dengan nomor yang tercetak pada label"
NESTED_PRODUCT = "produk.yml di dalam folder produk lain tidak akan tampil; pindahkan folder ini ke products/<produsen>/<nama-produk>/"
KEYWORD_HALAL_NOT_CERTIFIED = '{key} {value} memakai kata halal, padahal produk ini belum bersertifikat halal; hapus kata itu (status halal ditampilkan dari halal:, dan pencarian "halal" hanya menampilkan produk bersertifikat)'
HALAL_ALCOHOL = 'produk ini menyebut {word} ({where}); bila beralkohol, tulis halal: {{status: tidak-halal, alasan: "mengandung alkohol"}}'

# Scaffolding and commands --------------------------------------------------------------------
NEW_PRODUCER_DONE = "Folder produsen dibuat: {path}. Lengkapi berkasnya lalu jalankan: catalogue-gen validate {path}"
NEW_PRODUCT_DONE = "Folder produk dibuat: {path}. Tambahkan foto, lengkapi produk.yml, lalu jalankan: catalogue-gen validate {path}"
NEW_EXISTS = "folder {path} sudah ada; pilih nama lain"
NEW_NO_PRODUCER = "produsen {path} belum ada; buat dulu dengan: catalogue-gen new produsen ..."
STRIP_DONE = "{count} foto dibersihkan dari metadata (GPS, EXIF, XMP) di {path}"
STRIP_NOTHING = "Tidak ada foto yang perlu dibersihkan di {path}"
STRIP_FAILED = "{path}: {reason}"
STRIP_NOT_WRITTEN = (
    "foto {file_name} tidak dapat ditulis ulang ({reason}), jadi metadatanya masih ada"
)
STRIP_INCOMPLETE = "{count} foto belum dibersihkan (lihat di atas): lokasi GPS di foto itu mungkin masih ada; perbaiki atau hapus foto itu, lalu jalankan perintah ini lagi"
STRIP_TOO_LARGE = "foto {file_name} menjadi {size_mib} MiB setelah dibersihkan, di atas batas {limit_mib} MiB, jadi tidak ditulis ulang dan metadatanya masih ada; perkecil foto dulu (misalnya kirim lewat WhatsApp lalu simpan hasilnya), lalu jalankan perintah ini lagi"
BUILD_DONE = "Situs selesai dibangun di {path}: {products} produk, {pages} halaman."
BUILD_UNCHANGED = (
    "Situs di {path} sudah sesuai, tidak ada yang berubah: {products} produk, {pages} halaman."
)
BUILD_COUNT_MISMATCH = "jumlah halaman produk ({pages}) tidak sama dengan jumlah produk sah ({products}); situs tidak diterbitkan"
MKDOCS_FAILED = "MkDocs gagal membangun situs (kode {code}); situs lama tidak diubah"
PAGEFIND_FAILED = "Pagefind gagal membuat indeks pencarian (kode {code}); situs lama tidak diubah"
GENERATE_DONE = "Halaman dibuat untuk {products} produk dari {producers} produsen di {path}."
SERVE_OPEN = "Buka {url} di peramban"
SERVE_WATCHING = "Memantau perubahan di {path}; tekan Ctrl+C untuk berhenti."
SERVE_REBUILT = "Sumber situs berubah; pratinjau dibangun ulang."
SERVE_BAD_ADDRESS = "--dev-addr {value!r} bukan alamat HOST:PORT, misalnya 127.0.0.1:8000"
SERVE_ADDRESS_USED = "tidak dapat membuka server di {host}:{port} ({reason}); pakai --dev-addr lain"
INTERNAL_ERROR = "kesalahan internal ({kind}: {detail}); ulangi dengan --debug"
SETTINGS_BROKEN = "pengaturan proyek tidak dapat dibaca ({reason}); periksa mkdocs.yml (harus UTF-8) dan SOURCE_DATE_EPOCH"
PATH_OUTSIDE = "{path} tidak berada di dalam folder products/"
PATH_MISSING = "{path} tidak ditemukan"
TWO_FOR_ONE = "dua halaman atau berkas untuk satu alamat"
OUTSIDE_GENERATED = "tujuan di luar folder hasil"
DISK_FULL = (
    "disk penuh saat menulis {path}; kosongkan ruang disk lalu ulangi. Situs lama tidak diubah"
)
WRITE_FAILED = "gagal menulis {path} ({reason}); situs lama tidak diubah"
DISK_FULL_SOMEWHERE = "disk penuh; kosongkan ruang disk (folder proyek, .cache/ dan folder situs) lalu ulangi. Situs lama tidak diubah"
READ_ONLY = "tidak dapat menulis {path}: tempat ini hanya-baca atau tanpa izin tulis; membangun situs menulis ke docs/, .cache/ dan folder situs, jadi beri izin tulis atau salin proyek ke tempat yang bisa ditulisi, lalu ulangi. Situs lama tidak diubah"
NO_PERMISSION = "tidak ada izin membuka {path}; periksa pemilik dan izin berkas itu (atau jalankan dengan akun yang boleh membaca dan menulis folder proyek), lalu ulangi. Situs lama tidak diubah"
PROJECT_FOLDER = "folder proyek"
STEP_DISK_FULL = (
    "{step} berhenti karena disk penuh; kosongkan ruang disk lalu ulangi. Situs lama tidak diubah"
)
STEP_READ_ONLY = "{step} tidak dapat menulis: tempat ini hanya-baca atau tanpa izin tulis; bangun ke folder lain (--site-dir) lalu ulangi. Situs lama tidak diubah"

# Pull request scope (`catalogue-gen check-pr`) ----------------------------------------------
SCOPE_GIT_FAILED = "git gagal membaca perubahan ({detail}); periksa cabang dasar (--base, misalnya origin/main) dan pastikan riwayat git lengkap (fetch-depth: 0)"
SCOPE_REVIEW = "perlu ditinjau pengelola: berkas ini berada di luar folder products/; pull request produsen hanya boleh mengubah berkas di products/"
SCOPE_REVIEW_DELETED = (
    "perlu ditinjau pengelola: pull request ini menghapus berkas di luar folder products/"
)
SCOPE_SUBMODULE = (
    "submodule git tidak diizinkan; hapus submodule ini dan tambahkan berkasnya langsung"
)
SCOPE_NOT_PHOTO = "berkas {file_name} tidak diizinkan di products/: hanya produsen.yml, produk.yml dan foto .jpg, .jpeg, .png, .webp atau .heic"
SCOPE_PHOTO_TOO_LARGE = "foto {file_name} terlalu besar ({size_mib} MiB, batas {limit_mib} MiB); perkecil foto sebelum diunggah"
SCOPE_MANY_PRODUCERS = "pull request ini mengubah {count} folder produsen ({names}); produsen biasanya hanya mengubah foldernya sendiri, jadi pengelola perlu memeriksanya"
SCOPE_OK = "Semua {count} berkas yang diubah berada di products/ dan boleh diubah produsen."
SCOPE_NOTHING = "Pull request ini tidak mengubah berkas apa pun."

# Kepemilikan (issue 10) -----------------------------------------------------------------------
ACCOUNTS_MISSING = "akun_github belum diisi, jadi hanya pengelola yang boleh mengubah folder ini; tulis akun GitHub Anda (tanpa @), misalnya akun_github: [nama-akun-anda]"
ACCOUNT_BAD = '{key} {value} bukan nama akun GitHub yang sah: tulis tanpa @, 1-39 huruf, angka atau tanda hubung (tidak di awal atau akhir, tidak dua berturut-turut), misalnya "nama-akun"'
OWNER_REFUSED = "folder products/{producer}/ hanya boleh diubah oleh {owners} atau pengelola; pull request dari @{author} tidak boleh menambah, mengubah, memindah atau menghapus berkas di folder ini ({count} berkas). Minta pemilik folder membuat perubahannya, atau minta pengelola meninjaunya"
OWNER_NOBODY = "folder products/{producer}/ tidak mencantumkan akun_github, jadi hanya pengelola yang boleh mengubahnya; pull request dari @{author} mengubah {count} berkas di folder ini. Minta pengelola menambahkan akun Anda di akun_github"
OWNER_FOLDER_DELETED = "pull request dari @{author} menghapus folder products/{producer}/, yang hanya boleh diubah oleh {owners} atau pengelola; kembalikan folder itu"
OWNER_NEW_NOT_LISTED = "folder baru products/{producer}/ harus mencantumkan akun Anda di produsen.yml: tambahkan akun_github: [{author}] (tanpa @), supaya nanti hanya Anda dan pengelola yang boleh mengubahnya"
OWNER_APPROVED = "pengelola mengizinkan perubahan ini dengan label disetujui-pengelola: @{author} mengubah {count} berkas di folder products/{producer}/ milik {owners}"
OWNER_NOBODY_NAME = "pengelola"
OWNER_AUTHOR_MISSING = "--author harus berisi akun GitHub pembuat pull request"
SCOPE_PATH_CONTROL = "nama berkas ini berisi karakter kontrol (U+{codepoint}) yang bisa memalsukan pesan pemeriksa; ganti nama berkas dengan huruf, angka dan tanda hubung saja"
SCOPE_PATH_NOT_UTF8 = "nama berkas ini bukan teks UTF-8, jadi tidak terbaca sama di komputer lain; ganti namanya dengan huruf biasa (a-z, 0-9, -), misalnya depan.jpg"
SCOPE_OUTSIDE_PRODUCER = "berkas ini langsung berada di products/, bukan di folder produsen, jadi bukan milik produsen mana pun; pindahkan ke folder produsen Anda (products/<nama-produsen>/...)"
CODEOWNERS_WRITTEN = (
    "{path} ditulis: {producers} folder produsen dengan akun_github, {maintainers} pengelola."
)
CODEOWNERS_OK = "{path} sudah sesuai dengan akun_github di products/ dan {maintainers_file}."
CODEOWNERS_STALE = "{path} tidak sesuai dengan akun_github di products/ dan {maintainers_file}; jalankan catalogue-gen codeowners lalu sertakan berkas itu dalam pull request"
MAINTAINERS_BAD = (
    "{path}: {entries} bukan nama akun GitHub yang sah; tulis satu akun per baris, tanpa @"
)
MAINTAINERS_NONE = "{path} tidak berisi akun pengelola; tulis satu akun GitHub per baris, tanpa @"

# Pull request summary (`catalogue-gen pr-summary`), Markdown for the job summary -------------
PR_SUMMARY_TITLE = "## Ringkasan pemeriksaan katalog"
PR_SUMMARY_INTRO = (
    "Dibandingkan dengan {base}: {files} berkas berubah, {products} produk terdampak."
)
PR_SUMMARY_HEADER = "| Produk | Perubahan | Masalah | Alamat halaman |"
PR_SUMMARY_NO_PRODUCTS = "Tidak ada produk yang ditambah atau diubah."
PR_STATUS_ADDED = "baru"
PR_STATUS_CHANGED = "diubah"
PR_STATUS_DELETED = "dihapus"
PR_STATUS_PRODUCER = "data produsen diubah"
PR_PROBLEMS_NONE = "tidak ada"
PR_PROBLEMS_COUNT = "{errors} galat, {warnings} peringatan"
PR_PAGE_AFTER_FIX = "{url} (setelah galat diperbaiki)"
PR_PAGE_REMOVED = "halaman dihapus"
PR_SCOPE_TITLE = "### Cakupan perubahan"
PR_SCOPE_OK = "Semua berkas berada di products/ dan boleh diubah produsen."
PR_SCOPE_HEADER = "| Berkas | Tingkat | Pesan |"

# Catalogue report (`catalogue-gen report`), Markdown for maintainers --------------------------
REPORT_TITLE = "# Laporan katalog per {date}"
REPORT_INTRO = "{products} produk sah dari {producers} produsen; {errors} galat dan {warnings} peringatan dari pemeriksa."
REPORT_TABLE_HEADER = "| Produk | Berkas | Keterangan |"
REPORT_NONE = "Tidak ada."
REPORT_SECTION_PIRT = "## Izin P-IRT kedaluwarsa"
REPORT_PIRT_NOTE = 'Tahun di akhir nomor P-IRT adalah tahun izin berakhir. Halaman produk menampilkan "izin perlu diperbarui"; minta produsen memperbarui izinnya di Dinas Kesehatan/OSS.'
REPORT_PIRT_ROW = "{number} berlaku sampai {year}"
REPORT_SECTION_HALAL = "## Halal masih dalam proses"
REPORT_HALAL_NOTE = "Kategori ini wajib bersertifikat halal; untuk usaha mikro dan kecil kewajiban berlaku mulai 17 Oktober 2026. Tanyakan perkembangan sertifikasinya."
REPORT_HALAL_ROW = "kategori {category}: halal: {{status: dalam-proses}}"
REPORT_SECTION_STALE = "## Data lama atau tanpa tanggal diperbarui"
REPORT_STALE_NOTE = "Produk yang tanggal diperbarui: lebih dari {months} bulan lalu atau tidak diisi. Minta produsen memeriksa harga, stok dan izinnya, lalu menulis tanggal hari itu di diperbarui:."
REPORT_STALE_MISSING = "tidak ada diperbarui:"
REPORT_STALE_OLD = "terakhir diperbarui {date}"
REPORT_SECTION_WARNINGS = "## Peringatan pemeriksa"
REPORT_SECTION_ERRORS = "## Galat (produk tidak tampil)"
REPORT_PROBLEM_HEADER = "| Berkas | Baris | Pesan |"
REPORT_SECTION_EXPIRING = "## Izin yang segera berakhir"
REPORT_EXPIRING_NOTE = "Izin yang sudah berakhir atau berakhir dalam {days} hari, yang paling mendesak di atas. Nomor P-IRT hanya memuat tahun berakhir, jadi izin dianggap berakhir pada akhir tahun itu; sertifikat halal lama memuat tanggal berakhir yang tepat. Minta produsen memperbarui izinnya sebelum berakhir."
REPORT_EXPIRING_HEADER = "| Produk | Nama | Jenis izin | Nomor | Berakhir | Status |"
REPORT_EXPIRING_YEAR_END = "akhir tahun {year}"
REPORT_EXPIRING_PAST = "sudah berakhir"
REPORT_EXPIRING_TODAY = "berakhir hari ini"
REPORT_EXPIRING_DAYS = "berakhir dalam {days} hari"
REPORT_SECTION_NUMBER_WARNINGS = "## Nomor yang diterima dengan peringatan"
REPORT_NUMBER_WARNINGS_NOTE = "Nomor izin dan halal ini tampil di halaman produk, tetapi pemeriksa memberi peringatan. Cocokkan dengan label produk atau situs penerbitnya."
REPORT_NUMBER_WARNINGS_HEADER = "| Berkas | Kunci | Nomor | Peringatan |"
REPORT_NUMBER_NONE = "—"

# JSON Schema (`catalogue-gen schema`) ----------------------------------------------------------
SCHEMA_WRITTEN = "Skema JSON ditulis: {paths}"
RULES_STALE = "Berkas ini tidak sama dengan buku aturan (catalogue_gen/rules.py): {paths}. Jalankan: catalogue-gen schema --write"
RULES_CURRENT = "{count} berkas sama dengan buku aturan."
RULES_WRITTEN = "Berkas buatan buku aturan ditulis: {paths}"
PR_PROBLEMS_MORE = "dan {count} masalah lain (lihat log pemeriksaan)"
SCOPE_PRODUCER_CHANGED = "data produsen yang sudah ada diubah (mungkin nomor WhatsApp); pengelola memastikan perubahan ini dari pemilik usaha lewat kontak lama sebelum menggabungkan"

# A build that talks (progress.py, issue 12): on stderr, for people at a terminal ------------------
# The stages by the names the command line shows, in the stage lines and the --timings table;
# progress.STAGES puts them in build order.
STAGE_LOAD = "muat"
STAGE_CHECK = "periksa"
STAGE_PHOTOS = "foto"
STAGE_PAGES = "halaman"
STAGE_MKDOCS = "mkdocs"
STAGE_SEARCH = "pencarian"
STAGE_LINES = {
    STAGE_LOAD: "muat: membaca berkas di products/",
    STAGE_CHECK: "periksa: memeriksa produsen, produk dan izin",
    STAGE_PHOTOS: "foto: memeriksa foto dan membuat ukuran kecilnya",
    STAGE_PAGES: "halaman: membuat halaman Markdown di docs/",
    STAGE_MKDOCS: "mkdocs: membangun halaman HTML",
    STAGE_SEARCH: "pencarian: membuat indeks Pagefind",
}
# The bar's label, by the stage that counts: photos checked (now, or earlier with the findings
# in the cache), files written
BAR_LABELS = {STAGE_PHOTOS: "  diperiksa", STAGE_PAGES: "  ditulis"}
WAITING_FOR_BUILD = "Menunggu build lain di proyek ini selesai ..."
TIMINGS_TITLE = "Waktu per tahap:"
TIMINGS_TOTAL = "jumlah"
# What each stage found, for --verbose
DETAIL_CHECKED = (
    "{producers} produsen dan {products} produk sah dari {folders} folder produk; "
    "{errors} galat, {warnings} peringatan"
)
DETAIL_PHOTO_CACHE = "{cached} foto dari cache, {fresh} baru diproses"
DETAIL_PHOTOS = "{photos} foto siap terbit, {problems} masalah foto"
DETAIL_PAGES = "{pages} halaman dan {files} berkas lain; {changed} berubah sejak build sebelumnya"
DETAIL_SHARE_CARDS = "{count} gambar bagikan baru"
DETAIL_MKDOCS_DIRTY = "hanya halaman yang berubah (mkdocs build --dirty)"
DETAIL_MKDOCS_FULL = "semua halaman (mkdocs build --strict)"
DETAIL_UNCHANGED = "situs sudah dibangun dari halaman yang sama; MkDocs dan Pagefind dilewati"
DETAIL_SEARCH = "{pages} halaman di indeks pencarian"
# The options that set how much a build says (cli.progress_options)
QUIET_HELP = "Hanya galat dan masalah berkas produk: tanpa kemajuan dan tanpa ringkasan."
VERBOSE_HELP = "Lebih rinci: jumlah per tahap, berkas yang berubah, MkDocs penuh atau sebagian."
TIMINGS_HELP = "Di akhir, tampilkan lama setiap tahap dalam detik."
QUIET_AND_VERBOSE = "-q dan -v tidak bisa dipakai bersamaan"

# Share cards (photos.py) --------------------------------------------------------------------------
# The site's own card, for pages with no product: its name, then what the site is, in two lines.
# A change here changes the card's bytes: bump SHARE_CARD_VERSION.
SHARE_CARD_NAME = "Beli Produk NTT"
SHARE_CARD_LINES = ("Katalog produk UMKM", "Nusa Tenggara Timur")

# Offline (service worker, web app manifest, offline page: offline.py) -------------------------
OFFLINE_TITLE = "Anda sedang luring"
OFFLINE_DESCRIPTION = (
    "Tanpa sinyal, halaman yang pernah Anda buka di katalog ini tetap bisa dilihat."
)
APP_DESCRIPTION = "Katalog produk UMKM Nusa Tenggara Timur dengan nomor izin yang bisa diperiksa, tetap bisa dibuka saat sinyal lemah."

# The table render() reads ---------------------------------------------------------------------
# Every template that code names by string: Problem.code, and the findings that photo workers
# and licenses.py / contacts.py / characters.py return. A name missing here is a KeyError the
# first time that problem occurs, so tests/test_validate.py checks that every such name quoted
# in catalogue_gen/ is a key, and that each key is the name of its own constant.
TEMPLATES: Final[dict[str, str]] = {
    # Files and folders
    "PRODUCTS_DIR_MISSING": PRODUCTS_DIR_MISSING,
    "SYMLINK_REFUSED": SYMLINK_REFUSED,
    "STRAY_FILE_TOP": STRAY_FILE_TOP,
    "PRODUCT_FILE_IN_PRODUCER": PRODUCT_FILE_IN_PRODUCER,
    "PRODUCER_FILE_MISSING": PRODUCER_FILE_MISSING,
    "PRODUCT_FILE_MISSING": PRODUCT_FILE_MISSING,
    "NESTED_FOLDER_IGNORED": NESTED_FOLDER_IGNORED,
    "BAD_SLUG": BAD_SLUG,
    "FILE_TOO_LARGE": FILE_TOO_LARGE,
    "FILE_UNREADABLE": FILE_UNREADABLE,
    "FILE_EMPTY": FILE_EMPTY,
    "FILE_UNUSED": FILE_UNUSED,
    "NOT_UTF8": NOT_UTF8,
    "NOT_UTF8_UTF16": NOT_UTF8_UTF16,
    "TAB_INDENT": TAB_INDENT,
    # YAML
    "YAML_SYNTAX": YAML_SYNTAX,
    "YAML_UNREADABLE": YAML_UNREADABLE,
    "YAML_ALIAS": YAML_ALIAS,
    "YAML_ANCHOR": YAML_ANCHOR,
    "YAML_TAG": YAML_TAG,
    "YAML_TOO_DEEP": YAML_TOO_DEEP,
    "MULTIPLE_DOCUMENTS": MULTIPLE_DOCUMENTS,
    "ROOT_NOT_MAPPING": ROOT_NOT_MAPPING,
    "DUPLICATE_KEY": DUPLICATE_KEY,
    # Keys and values
    "UNKNOWN_KEY": UNKNOWN_KEY,
    "MISSING_KEY": MISSING_KEY,
    "KEY_NOT_TEXT": KEY_NOT_TEXT,
    "KEY_NOT_MAPPING": KEY_NOT_MAPPING,
    "KEY_NOT_LIST": KEY_NOT_LIST,
    "KEY_BAD_KEY": KEY_BAD_KEY,
    "TEXT_TOO_SHORT": TEXT_TOO_SHORT,
    "TEXT_TOO_LONG": TEXT_TOO_LONG,
    "TEXT_ONE_LINE": TEXT_ONE_LINE,
    "TEXT_BIDI": TEXT_BIDI,
    "TEXT_INVISIBLE": TEXT_INVISIBLE,
    "TEXT_CONTROL": TEXT_CONTROL,
    "COMMENT_CUT": COMMENT_CUT,
    "LIST_TOO_LONG": LIST_TOO_LONG,
    "LIST_TOO_SHORT": LIST_TOO_SHORT,
    "NUMBER_NOT_QUOTED": NUMBER_NOT_QUOTED,
    "BOOL_EXPECTED": BOOL_EXPECTED,
    "DATE_EXPECTED": DATE_EXPECTED,
    "DATE_IN_FUTURE": DATE_IN_FUTURE,
    "URL_NOT_HTTPS": URL_NOT_HTTPS,
    "URL_AUTHORITY_BAD": URL_AUTHORITY_BAD,
    "URL_SCRIPT": URL_SCRIPT,
    "PHONE_BAD": PHONE_BAD,
    "PHONE_NOT_MOBILE": PHONE_NOT_MOBILE,
    "EMAIL_BAD": EMAIL_BAD,
    "INSTAGRAM_BAD": INSTAGRAM_BAD,
    "NIB_BAD": NIB_BAD,
    "CONTACT_MISSING": CONTACT_MISSING,
    "REGENCY_UNKNOWN": REGENCY_UNKNOWN,
    "CATEGORY_UNKNOWN": CATEGORY_UNKNOWN,
    # Teks, nama, tautan (issue 10)
    "FILE_LINE_SEPARATOR": FILE_LINE_SEPARATOR,
    "FILE_CONTROL_CHARACTER": FILE_CONTROL_CHARACTER,
    "TEXT_TAG": TEXT_TAG,
    "TEXT_BLANK_CHARACTER": TEXT_BLANK_CHARACTER,
    "TEXT_NO_LETTERS": TEXT_NO_LETTERS,
    "NAME_MIXED_SCRIPT": NAME_MIXED_SCRIPT,
    "NAME_TWIN": NAME_TWIN,
    "SLUG_RESERVED": SLUG_RESERVED,
    "HIDDEN_FOLDER": HIDDEN_FOLDER,
    "HIDDEN_FILE": HIDDEN_FILE,
    "PHONE_FOREIGN": PHONE_FOREIGN,
    "PHONE_SPECIAL": PHONE_SPECIAL,
    "EMAIL_NOT_PLAIN": EMAIL_NOT_PLAIN,
    "URL_HOST_LOOKALIKE": URL_HOST_LOOKALIKE,
    "URL_HOST_MIXED_SCRIPT": URL_HOST_MIXED_SCRIPT,
    "URL_HOST_BAD": URL_HOST_BAD,
    "LINK_WRONG_HOST": LINK_WRONG_HOST,
    # Prices
    "PRICE_DOTTED": PRICE_DOTTED,
    "PRICE_NOT_NUMBER": PRICE_NOT_NUMBER,
    "PRICE_NOT_POSITIVE": PRICE_NOT_POSITIVE,
    "PRICE_TOO_HIGH": PRICE_TOO_HIGH,
    "PRICE_TOO_LOW": PRICE_TOO_LOW,
    # Photos
    "PHOTO_MISSING": PHOTO_MISSING,
    "PHOTO_BAD_NAME": PHOTO_BAD_NAME,
    "PHOTO_BAD_EXTENSION": PHOTO_BAD_EXTENSION,
    "PHOTO_TWICE": PHOTO_TWICE,
    "PHOTO_CASE_CLASH": PHOTO_CASE_CLASH,
    "PHOTO_UNUSED": PHOTO_UNUSED,
    "PHOTO_UNREADABLE": PHOTO_UNREADABLE,
    "PHOTO_WRONG_TYPE": PHOTO_WRONG_TYPE,
    "PHOTO_TRUNCATED": PHOTO_TRUNCATED,
    "PHOTO_TOO_MANY_PIXELS": PHOTO_TOO_MANY_PIXELS,
    "PHOTO_TOO_SMALL": PHOTO_TOO_SMALL,
    "PHOTO_BAD_RATIO": PHOTO_BAD_RATIO,
    "PHOTO_ANIMATED": PHOTO_ANIMATED,
    "PHOTO_GPS": PHOTO_GPS,
    "PHOTO_SMALL_WARNING": PHOTO_SMALL_WARNING,
    # Foto bermasalah (issue 10)
    "PHOTO_NOT_REGULAR": PHOTO_NOT_REGULAR,
    "FILE_NOT_REGULAR": FILE_NOT_REGULAR,
    "PHOTO_FILE_TOO_LARGE": PHOTO_FILE_TOO_LARGE,
    "PHOTO_BAD_EXIF": PHOTO_BAD_EXIF,
    "PHOTO_TOO_MANY_SCANS": PHOTO_TOO_MANY_SCANS,
    "PHOTO_TOO_COSTLY": PHOTO_TOO_COSTLY,
    # Licenses
    "LICENSE_TYPE_UNKNOWN": LICENSE_TYPE_UNKNOWN,
    "LICENSE_BAD_FORMAT": LICENSE_BAD_FORMAT,
    "LICENSE_WRONG_CODE": LICENSE_WRONG_CODE,
    "LICENSE_EXPORT_SUFFIX": LICENSE_EXPORT_SUFFIX,
    "LICENSE_DUPLICATE": LICENSE_DUPLICATE,
    "LICENSE_REQUIRED": LICENSE_REQUIRED,
    "LICENSE_FORBIDDEN": LICENSE_FORBIDDEN,
    "PIRT_EXPIRED": PIRT_EXPIRED,
    "PIRT_REGENCY_MISMATCH": PIRT_REGENCY_MISMATCH,
    "HALAL_REQUIRED": HALAL_REQUIRED,
    "HALAL_BAD": HALAL_BAD,
    "HALAL_STATUS_UNKNOWN": HALAL_STATUS_UNKNOWN,
    "HALAL_NUMBER_AND_STATUS": HALAL_NUMBER_AND_STATUS,
    "HALAL_KH_NUMBER": HALAL_KH_NUMBER,
    "PSAT_ISSUER_UNKNOWN": PSAT_ISSUER_UNKNOWN,
    "HALAL_END_WITHOUT_NUMBER": HALAL_END_WITHOUT_NUMBER,
    "HALAL_CERTIFICATE_ENDED": HALAL_CERTIFICATE_ENDED,
    "HALAL_LEGACY_MUI": HALAL_LEGACY_MUI,
    "HALAL_BUT_PORK": HALAL_BUT_PORK,
    "HALAL_DEADLINE": HALAL_DEADLINE,
    "LICENSE_EXAMPLE": LICENSE_EXAMPLE,
    "NESTED_PRODUCT": NESTED_PRODUCT,
    "KEYWORD_HALAL_NOT_CERTIFIED": KEYWORD_HALAL_NOT_CERTIFIED,
    "HALAL_ALCOHOL": HALAL_ALCOHOL,
    # Scaffolding and commands (`catalogue-gen strip-photos`)
    "STRIP_NOT_WRITTEN": STRIP_NOT_WRITTEN,
    "STRIP_TOO_LARGE": STRIP_TOO_LARGE,
    # Pull request scope (`catalogue-gen check-pr`)
    "SCOPE_REVIEW": SCOPE_REVIEW,
    "SCOPE_REVIEW_DELETED": SCOPE_REVIEW_DELETED,
    "SCOPE_SUBMODULE": SCOPE_SUBMODULE,
    "SCOPE_NOT_PHOTO": SCOPE_NOT_PHOTO,
    "SCOPE_PHOTO_TOO_LARGE": SCOPE_PHOTO_TOO_LARGE,
    "SCOPE_MANY_PRODUCERS": SCOPE_MANY_PRODUCERS,
    "SCOPE_PRODUCER_CHANGED": SCOPE_PRODUCER_CHANGED,
    # Kepemilikan (issue 10)
    "ACCOUNTS_MISSING": ACCOUNTS_MISSING,
    "ACCOUNT_BAD": ACCOUNT_BAD,
    "OWNER_REFUSED": OWNER_REFUSED,
    "OWNER_NOBODY": OWNER_NOBODY,
    "OWNER_FOLDER_DELETED": OWNER_FOLDER_DELETED,
    "OWNER_NEW_NOT_LISTED": OWNER_NEW_NOT_LISTED,
    "OWNER_APPROVED": OWNER_APPROVED,
    "SCOPE_PATH_CONTROL": SCOPE_PATH_CONTROL,
    "SCOPE_PATH_NOT_UTF8": SCOPE_PATH_NOT_UTF8,
    "SCOPE_OUTSIDE_PRODUCER": SCOPE_OUTSIDE_PRODUCER,
}
