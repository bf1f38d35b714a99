"""`catalogue-gen serve`: the site as `build` makes it, searchable, rebuilt when a source changes.

The preview is a real build (pipeline.build: pages, MkDocs and Pagefind) into .cache/pratinjau/,
so search, the 404 page and the offline files work as on GitHub Pages, under the same path
(/katalog/). After the first build, each one is incremental (`mkdocs build --dirty`).
`mkdocs serve` cannot do this: it builds into a temporary folder of its own, where no Pagefind
index is, and its live-reload script is inline, which the pages' Content-Security-Policy
refuses. Here a small script from the same server asks for the build number every second and
reloads the page when it changes.

Changes are noticed from file sizes and modification times: unchanged files are not re-read.
"""

from __future__ import annotations

import dataclasses
import http.server
import mimetypes
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import click

from catalogue_gen import messages
from catalogue_gen.output import GENERATED_ROOTS
from catalogue_gen.problems import REPORTERS, CatalogueError, CatalogueInvalid, escape_lines
from catalogue_gen.settings import Settings

if TYPE_CHECKING:
    from catalogue_gen.progress import Progress

POLL_SECONDS = 1.0
PREVIEW_DIR = "pratinjau"
"""Under .cache/: the preview's own site folder, so that `serve` never replaces site/."""
# Served by the preview only, beside the site; no page of the site has these names.
RELOAD_DIR = "__pratinjau__"
RELOAD_SCRIPT = """\
// catalogue-gen serve: reload the page once a newer build of the preview is ready.
(function () {
  var url = new URL("versi", document.currentScript.src).href;
  var seen = null;
  function poll() {
    fetch(url, { cache: "no-store" }).then(function (response) {
      return response.text();
    }).then(function (version) {
      if (seen !== null && version !== seen) { location.reload(); return; }
      seen = version;
      setTimeout(poll, 1000);
    }, function () { setTimeout(poll, 2000); });
  }
  poll();
})();
"""


def snapshot(path: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of a file, or of every file under a folder: cheap enough every second."""
    found: dict[str, tuple[int, int]] = {}
    for item in [path] if path.is_file() else path.rglob("*"):
        try:
            info = item.lstat()
        except OSError:
            continue  # an editor's probe file, gone between listing and stat
        if item.is_file() and not item.is_symlink():
            found[str(item)] = (info.st_size, info.st_mtime_ns)
    return found


def watched_files(settings: Settings) -> dict[str, tuple[int, int]]:
    """Every source of the site: products/, mkdocs.yml, overrides/ and the hand-written docs/
    (not the generated folders there, which each build rewrites)."""
    sources = [settings.products_dir, settings.mkdocs_config, settings.root / "overrides"]
    if settings.docs_dir.is_dir():
        sources += [
            path
            for path in sorted(settings.docs_dir.iterdir())
            if path.name not in GENERATED_ROOTS and not path.name.startswith(".")
        ]
    found: dict[str, tuple[int, int]] = {}
    for source in sources:
        if source.exists():
            found.update(snapshot(source))
    return found


def serve(settings: Settings, dev_addr: str, progress: Progress) -> None:
    """Build the preview, serve it at `dev_addr`, and build again after each change, until Ctrl+C."""
    host, port = parse_address(dev_addr)
    preview = dataclasses.replace(settings, site_dir=settings.cache_dir / PREVIEW_DIR)
    mount = urlsplit(settings.site_url).path.rstrip("/") + "/"
    server = PreviewServer(host, port, preview.site_dir, mount)
    threading.Thread(target=server.serve_forever, name="pratinjau", daemon=True).start()
    try:
        seen = watched_files(settings)  # before building: an edit during the build counts
        if _rebuild(preview, progress):
            server.version += 1
        click.echo(messages.SERVE_OPEN.format(url=f"http://{host}:{port}{mount}"))
        click.echo(messages.SERVE_WATCHING.format(path=settings.root))
        while True:
            time.sleep(POLL_SECONDS)
            current = watched_files(settings)
            if current != seen:
                seen = current
                if _rebuild(preview, progress):
                    server.version += 1
                    click.echo(messages.SERVE_REBUILT)
    finally:
        server.shutdown()
        server.server_close()


def parse_address(dev_addr: str) -> tuple[str, int]:
    """`HOST:PORT` -> (host, port); anything else is the user's mistake, said in one line."""
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CatalogueError(messages.SERVE_BAD_ADDRESS.format(value=dev_addr))
    return host, int(port)


def _rebuild(settings: Settings, progress: Progress) -> bool:
    """One build of the preview; False when it failed, and the last good preview stays up."""
    from catalogue_gen.pipeline import build

    try:
        result = build(settings, progress)
    except CatalogueInvalid as exc:
        # The problems, where the producer is looking; the page they edited keeps its old text.
        progress.finish()
        REPORTERS["text"]().report(exc.problems, sys.stdout)
        return False
    except CatalogueError as exc:  # MkDocs refused a hand-written page, say
        progress.finish()
        click.echo(f"galat: {escape_lines(str(exc))}", err=True)
        return False
    progress.finish()
    if result.problems.warnings:
        REPORTERS["text"]().report(result.problems, sys.stdout)
    return True


class PreviewServer(http.server.ThreadingHTTPServer):
    """The built site under `mount` (the path of site_url), as GitHub Pages serves it: a folder
    without its slash redirected, a missing page answered by 404.html; `/` leads to `mount`."""

    daemon_threads = True

    def __init__(self, host: str, port: int, site: Path, mount: str) -> None:
        self.site = site
        self.mount = mount
        self.version = 0
        """Bumped after each good build; the reload script watches it."""
        try:
            super().__init__((host, port), _PreviewHandler)
        except OSError as exc:
            raise CatalogueError(
                messages.SERVE_ADDRESS_USED.format(host=host, port=port, reason=exc.strerror or exc)
            ) from exc


class _PreviewHandler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would bury the build's own lines

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def _respond(self, with_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        mount = self.server.mount
        if path == f"{mount}{RELOAD_DIR}/versi":
            version = str(self.server.version).encode()
            self._send(200, "text/plain; charset=utf-8", version, with_body)
            return
        if path == f"{mount}{RELOAD_DIR}/muat-ulang.js":
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT.encode(), with_body)
            return
        status, target, location = self._resolve(path)
        if location is not None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            data = target.read_bytes()
        except OSError:  # no 404.html yet: the first build failed
            self._send(404, "text/plain; charset=utf-8", b"404", with_body)
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            kind += "; charset=utf-8"
            script = f'<script src="{mount}{RELOAD_DIR}/muat-ulang.js"></script></body>'
            data = data.replace(b"</body>", script.encode(), 1)
        self._send(status, kind, data, with_body)

    def _resolve(self, path: str) -> tuple[int, Path, str | None]:
        """(status, file to send, Location of a redirect) for a request path."""
        mount, site = self.server.mount, self.server.site.resolve()
        not_found = (404, site / "404.html", None)
        # on a custom domain the mount is "/" itself: redirecting "/" there would loop
        if mount != "/" and path in ("/", mount.rstrip("/")):
            return 302, site, mount
        try:
            target = (site / path.removeprefix(mount)).resolve()
            if not path.startswith(mount) or (target != site and site not in target.parents):
                return not_found  # outside the mount, or `..` out of the site
            if target.is_dir():
                if not path.endswith("/"):
                    return 302, site, path + "/"
                target = target / "index.html"
            if not target.is_file():
                return not_found
        except (OSError, ValueError):  # a NUL byte in the path, a name too long for the disk
            return not_found
        return 200, target, None

    def _send(self, status: int, kind: str, data: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        # a preview changes under the browser: never answer from its cache
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(data)
