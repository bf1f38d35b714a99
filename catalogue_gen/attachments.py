"""Photos attached to an issue: where they are in an answer, and a downloader that trusts none.

Input: the text of an answer, then one address at a time; output: a Download holding the
photo's bytes and detected type, or the name of the template (forms.TEMPLATES) that tells the
producer why it was refused. Only GitHub's own attachment hosts are asked, only over https;
redirects are followed by hand and only onto those hosts; the size is capped while reading;
the server's content type and the file's first bytes must both say JPEG, PNG, WebP or HEIC.
Nothing from an answer names a file or reaches a program.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import ssl
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from catalogue_gen.forms import render
from catalogue_gen.load import MAX_PHOTO_BYTES
from catalogue_gen.rules import HEIF_BRANDS

# Where GitHub puts what is dragged into an issue: github.com/user-attachments/assets/<uuid>
# since 2024, and the older public and private image hosts. Nothing else is ever requested.
ATTACHMENT_HOSTS = (
    "github.com",
    "user-images.githubusercontent.com",
    "private-user-images.githubusercontent.com",
)
# github.com serves attachments under this one path; /user-attachments/files/ are documents.
ASSET_PATH = re.compile(
    r"/user-attachments/assets/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    re.IGNORECASE | re.ASCII,
)
# github.com/user-attachments/assets/<uuid> answers with a 302 to GitHub's bucket for uploads
# (observed 2023-2025 for public and private repositories). Accepted as a redirect target
# only, never as written in an issue: only GitHub's answer can send the download there.
STORAGE_HOSTS = ("github-production-user-asset-6210df.s3.amazonaws.com",)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# One hop from github.com to storage is the normal case; five allow for GitHub changing its
# layout without letting a loop hold the run.
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
# Per connection and per read; DEADLINE_SECONDS bounds all hops and reads of one photo
# together, so a server sending a byte every few seconds cannot hold the workflow.
TIMEOUT_SECONDS = 20.0
DEADLINE_SECONDS = 60.0
USER_AGENT = "catalogue-gen from-issue (https://github.com/beli-produk-ntt/katalog)"
# A bare or Markdown or HTML address: up to the first space, quote, bracket or parenthesis,
# which GitHub's attachment addresses never contain.
URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"'()\[\]]+")
URL_TRAILING = ".,;:!?"


@dataclass(frozen=True)
class PhotoKind:
    """A photo format the catalogue takes: its name, file extension and HTTP content types."""

    name: str
    extension: str
    content_types: tuple[str, ...]


JPEG = PhotoKind("JPEG", ".jpg", ("image/jpeg", "image/jpg", "image/pjpeg"))
PNG = PhotoKind("PNG", ".png", ("image/png",))
WEBP = PhotoKind("WebP", ".webp", ("image/webp",))
HEIC = PhotoKind("HEIC", ".heic", ("image/heic", "image/heif"))
KINDS = (JPEG, PNG, WEBP, HEIC)
# Enough bytes to tell every kind above apart (HEIC's brand ends at byte 12).
SNIFF_BYTES = 12


def sniff(data: bytes) -> PhotoKind | None:
    """The photo format the first bytes of `data` announce, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return HEIC
    return None


def kind_for_content_type(value: str) -> PhotoKind | None:
    """The photo format an HTTP Content-Type names (parameters ignored), or None."""
    media_type = value.split(";", 1)[0].strip().lower()
    return next((k for k in KINDS if media_type in k.content_types), None)


def find_urls(text: str) -> list[str]:
    """Every address in `text` (Markdown images, `<img src>`, bare links), in order, once each."""
    found: list[str] = []
    for match in URL.finditer(text):
        url = match.group(0).rstrip(URL_TRAILING)
        if url not in found:
            found.append(url)
    return found


def is_attachment_url(url: str, is_redirect: bool = False) -> bool:
    """True for an https address on GitHub's attachment hosts (storage too, for a redirect)."""
    if any(c.isspace() or c == "\\" or ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host = parts.hostname or ""
    hosts = ATTACHMENT_HOSTS + STORAGE_HOSTS if is_redirect else ATTACHMENT_HOSTS
    if parts.scheme != "https" or parts.username is not None or port not in (None, 443):
        return False
    if host not in hosts:
        return False
    if host == "github.com":
        return ASSET_PATH.fullmatch(parts.path) is not None
    return parts.path not in ("", "/")


@dataclass(frozen=True)
class Download:
    """What fetching one address gave: the photo, or why not."""

    url: str
    """The address as written in the issue."""
    data: bytes = b""
    kind: PhotoKind | None = None
    refusal: str = ""
    """Template name in forms.TEMPLATES; "" when the photo was taken."""
    values: dict[str, object] = field(default_factory=dict)
    """The template's values (`index` and `value` are the caller's to add)."""
    bytes_read: int = 0
    """Body bytes read over all requests: a refused download stops early."""
    requested: tuple[str, ...] = ()
    """The addresses actually requested, in order (after any test origin)."""

    @property
    def is_ok(self) -> bool:
        """True when `data` holds a photo of `kind`."""
        return not self.refusal


class Downloader:
    """Fetches attachment photos from GitHub under the rules of this module.

    `test_origin` exists for tests alone: every request then goes to that origin (which must
    be plain http on a loopback address, e.g. a local http.server) with the real host as the
    first path segment, while every address and redirect is still checked against GitHub's
    hosts. Production code has no way to reach a plain-http or other address.
    """

    def __init__(
        self,
        max_bytes: int = MAX_PHOTO_BYTES,
        timeout: float = TIMEOUT_SECONDS,
        deadline: float = DEADLINE_SECONDS,
        *,
        test_origin: str = "",
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.deadline = deadline
        self.test_origin = _loopback_origin(test_origin) if test_origin else ""
        # No redirect, proxy or error handler: redirects are ours to check, the environment's
        # proxy settings are not the to use, and every status comes back as a response.
        self._opener = urllib.request.OpenerDirector()
        self._opener.add_handler(urllib.request.HTTPSHandler(context=ssl.create_default_context()))
        if self.test_origin:
            self._opener.add_handler(urllib.request.HTTPHandler())

    def fetch(self, url: str) -> Download:
        """Download one photo; never raises for anything the address or the server does."""
        if not is_attachment_url(url):
            return Download(url, refusal="ISSUE_PHOTO_FOREIGN")
        started = time.monotonic()
        requested: list[str] = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            target = self._request_url(current)
            requested.append(target)
            try:
                response = self._open(target, started)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                return _unavailable(url, requested, _network_reason(exc))
            if response is None:
                return _unavailable(url, requested, "ISSUE_REASON_NETWORK")
            with contextlib.closing(response):
                status = int(response.status)
                if status in REDIRECT_STATUSES:
                    location = str(response.headers.get("Location") or "").strip()
                    following = urljoin(current, location) if location else ""
                    if not is_attachment_url(following, is_redirect=True):
                        host = _shown_host(following)
                        return Download(
                            url,
                            refusal="ISSUE_PHOTO_REDIRECT_FOREIGN",
                            values={"host": host},
                            requested=tuple(requested),
                        )
                    current = following
                    continue
                if status != 200:
                    return _unavailable(url, requested, "ISSUE_REASON_HTTP", status=status)
                return self._read(url, response, requested, started)
        return _unavailable(url, requested, "ISSUE_REASON_REDIRECTS")

    def _request_url(self, url: str) -> str:
        if not self.test_origin:
            return url
        parts = urlsplit(url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.test_origin}/{parts.hostname}{parts.path}{query}"

    def _open(self, target: str, started: float) -> Any:
        remaining = self.deadline - (time.monotonic() - started)
        if remaining <= 0:
            raise TimeoutError("deadline")
        request = urllib.request.Request(
            target, headers={"User-Agent": USER_AGENT, "Accept": "image/*"}
        )
        return self._opener.open(request, timeout=min(self.timeout, remaining))

    def _read(self, url: str, response: Any, requested: list[str], started: float) -> Download:
        done = tuple(requested)
        content_type = str(response.headers.get("Content-Type") or "")
        expected = kind_for_content_type(content_type)
        encoding = str(response.headers.get("Content-Encoding") or "identity").strip().lower()
        if expected is None or encoding != "identity":
            found = content_type.split(";", 1)[0].strip() or "?"
            return Download(
                url, refusal="ISSUE_PHOTO_NOT_PHOTO", values={"found": found}, requested=done
            )
        declared = str(response.headers.get("Content-Length") or "").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            return self._too_big(url, 0, done)
        chunks: list[bytes] = []
        total = 0
        is_sniffed = False
        while True:
            if time.monotonic() - started > self.deadline:
                return _unavailable(url, requested, "ISSUE_REASON_TIMEOUT", bytes_read=total)
            try:
                chunk = response.read1(CHUNK_BYTES)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                return _unavailable(url, requested, _network_reason(exc), bytes_read=total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > self.max_bytes:
                return self._too_big(url, total, done)
            if not is_sniffed and total >= SNIFF_BYTES:
                # an HTML page or a video is told from its first bytes: no need to read it all
                head = b"".join(chunks)
                if sniff(head) is None:
                    return _not_photo(url, head, total, done)
                is_sniffed = True
        data = b"".join(chunks)
        kind = sniff(data)
        if kind is None:
            return _not_photo(url, data, total, done)
        if kind is not expected:
            found = render("ISSUE_FOUND_MISMATCH", kind=kind.name, expected=expected.name)
            return Download(
                url,
                refusal="ISSUE_PHOTO_NOT_PHOTO",
                values={"found": found},
                bytes_read=total,
                requested=done,
            )
        return Download(url, data, kind, bytes_read=total, requested=done)

    def _too_big(self, url: str, total: int, requested: tuple[str, ...]) -> Download:
        limit_mb = round(self.max_bytes / (1024 * 1024))
        return Download(
            url,
            refusal="ISSUE_PHOTO_TOO_BIG",
            values={"limit_mb": limit_mb},
            bytes_read=total,
            requested=requested,
        )


def _loopback_origin(origin: str) -> str:
    parts = urlsplit(origin)
    try:
        is_loopback = ipaddress.ip_address(parts.hostname or "").is_loopback
    except ValueError:
        is_loopback = False
    if parts.scheme != "http" or not is_loopback or parts.path not in ("", "/") or parts.query:
        raise ValueError(f"a test origin must be http://<loopback address>:<port>, not {origin!r}")
    return f"{parts.scheme}://{parts.netloc}"


def _shown_host(url: str) -> str:
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.hostname}" if parts.hostname else "?"
    except ValueError:
        return "?"


def _network_reason(exc: BaseException) -> str:
    is_timeout = isinstance(exc, TimeoutError) or "timed out" in str(exc)
    return "ISSUE_REASON_TIMEOUT" if is_timeout else "ISSUE_REASON_NETWORK"


def _unavailable(
    url: str, requested: list[str], reason: str, bytes_read: int = 0, **values: object
) -> Download:
    return Download(
        url,
        refusal="ISSUE_PHOTO_UNAVAILABLE",
        values={"reason": render(reason, **values)},
        bytes_read=bytes_read,
        requested=tuple(requested),
    )


def _not_photo(url: str, data: bytes, total: int, requested: tuple[str, ...]) -> Download:
    head = data.lstrip()[:64].lower()
    is_html = head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<?xml", b"<!--"))
    found = render("ISSUE_FOUND_HTML" if is_html else "ISSUE_FOUND_OTHER")
    return Download(
        url,
        refusal="ISSUE_PHOTO_NOT_PHOTO",
        values={"found": found},
        bytes_read=total,
        requested=requested,
    )
