"""A local static host for the benchmark: the built site under a sub-path, gzip for text types.

    python -m bench.serve SITE_DIR [--port 8000] [--sub-path katalog]

GitHub Pages serves a project site under `/<repo>/` and compresses text responses; the page
weight and the Lighthouse scores are only meaningful when the local server does the same, so
this one

* serves the folder at `http://127.0.0.1:<port>/<sub-path>/` (nothing else: the root answers
  404, as a project site's host would for a path it does not own), bound to 127.0.0.1 only;
* sends `Content-Encoding: gzip` for the text types in `COMPRESSIBLE` when the client accepts
  it, with the same gzip level the benchmark uses to count bytes, so the bytes counted from a
  body are the bytes that crossed the wire;
* sends Pagefind's own files (`*.pagefind`, `*.pf_*`) as stored: they are gzip inside already
  and Pagefind decompresses them itself, so a second `Content-Encoding` would break search;
* answers a folder URL without its slash with a 301 and a missing file with the site's 404.html,
  as GitHub Pages does;
* sends `Cache-Control: max-age=600`, GitHub Pages' value, so that Lighthouse judges the cache
  policy of the real host; the byte counts ask for `no-store` instead, so that every response
  the browser reports is a transfer and never a cache hit counted as bytes.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import sys
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Self
from urllib.parse import unquote, urlsplit

# What a static host (GitHub Pages) sends compressed; everything else goes as stored. The
# benchmark counts bytes with the same set (pageweight.transfer_size), so keep them one set.
COMPRESSIBLE = frozenset(
    {
        ".html",
        ".css",
        ".js",
        ".mjs",
        ".json",
        ".svg",
        ".xml",
        ".txt",
        ".map",
        ".wasm",
        ".webmanifest",
    }
)
GZIP_LEVEL = 6

MIME_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".wasm": "application/wasm",
    ".gz": "application/gzip",
    # Pagefind's own files: gzip-compressed binary chunks that pagefind.js inflates itself.
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}


def gzip_bytes(data: bytes) -> bytes:
    # mtime=0: the same file always compresses to the same bytes, so runs compare exactly.
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def is_compressible(path: str | Path) -> bool:
    """True for the text types a static host gzips; a folder URL counts as its index.html."""
    suffix = Path(str(path)).suffix.lower() or ".html"
    return suffix in COMPRESSIBLE


@lru_cache(maxsize=4096)
def _encoded(path: str, mtime_ns: int, size: int) -> bytes | None:
    """The gzip body of `path`, or None when gzip would not make it smaller (sent as stored).

    Keyed by mtime and size so that a rebuilt site is never served from a stale entry.
    """
    data = Path(path).read_bytes()
    packed = gzip_bytes(data)
    return packed if len(packed) < len(data) else None


class GzipHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for files under `site` at `/<sub_path>/`."""

    site: Path
    sub_path: str
    cache_control: str = "max-age=600"
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host: Lighthouse counts connection setup

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _resolve(self) -> tuple[int, Path | None, str | None]:
        """(status, file to send, Location for a redirect)."""
        raw = urlsplit(self.path).path
        prefix = f"/{self.sub_path}"
        if raw == prefix:
            return 301, None, prefix + "/"
        if not raw.startswith(prefix + "/"):
            return 404, None, None
        relative = unquote(raw[len(prefix) + 1 :])
        target = (self.site / relative).resolve()
        if target != self.site and self.site not in target.parents:  # `..` out of the site
            return 404, None, None
        if target.is_dir():
            if not raw.endswith("/"):
                query = urlsplit(self.path).query
                return 301, None, raw + "/" + (f"?{query}" if query else "")
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        return 404, None, None

    def _respond(self, head: bool) -> None:
        status, target, location = self._resolve()
        if location is not None:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target is None:
            target = self.site / "404.html"
            if not target.is_file():
                self.send_error(404)
                return
        info = target.stat()
        body: bytes | None = None
        encoding = None
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if is_compressible(target):
            packed = _encoded(str(target), info.st_mtime_ns, info.st_size)
            if packed is not None and accepts_gzip:
                body, encoding = packed, "gzip"
        if body is None:
            body = target.read_bytes()
        self.send_response(status)
        self.send_header(
            "Content-Type", MIME_TYPES.get(target.suffix.lower(), "application/octet-stream")
        )
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", self.cache_control)
        if is_compressible(target):
            self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if not head:
            self.wfile.write(body)


class _QuietHTTPServer(http.server.ThreadingHTTPServer):
    """A browser that drops a connection it no longer needs (an image still loading when the
    page is closed) is no server error: those are not printed; anything else still is."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # reset, broken pipe, aborted
            return
        super().handle_error(request, client_address)


class LoopbackServer:
    """An HTTP server on 127.0.0.1 in a daemon thread, used as a context manager (also by the tests)."""

    def __init__(self, handler: Any, name: str, port: int = 0) -> None:
        self.httpd = _QuietHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port: int = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name=name, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class GzipServer(LoopbackServer):
    """Serves `site` at http://127.0.0.1:<port>/<sub_path>/ in a daemon thread; a context manager.

    `port=0` takes a free port, so parallel benchmarks and tests never collide.
    """

    def __init__(
        self,
        site: Path,
        sub_path: str = "katalog",
        port: int = 0,
        cache_control: str = "max-age=600",
    ) -> None:
        handler = type(
            "BoundGzipHandler",
            (GzipHandler,),
            {
                "site": site.resolve(),
                "sub_path": sub_path.strip("/"),
                "cache_control": cache_control,
            },
        )
        super().__init__(handler, "bench-gzip-server", port)
        self.base = f"{self.origin}/{sub_path.strip('/')}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.serve",
        description="Serve a built site under a sub-path, gzip for text.",
    )
    parser.add_argument(
        "site", type=Path, help="the built site folder (the one holding index.html)"
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--sub-path", default="katalog")
    args = parser.parse_args(argv)
    with GzipServer(args.site, args.sub_path, args.port) as server:
        print(f"serving {args.site} at {server.base} (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.thread.join()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
