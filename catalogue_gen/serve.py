"""`catalogue-gen serve`: generate, run MkDocs' live-reload server, regenerate when products/ changes.

MkDocs watches docs/ and reloads the browser; this loop only has to notice edits under
products/ and write the generated pages again. Unchanged YAML is not re-read: a change is
noticed from file sizes and modification times.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import click

from catalogue_gen import messages
from catalogue_gen.problems import REPORTERS, CatalogueInvalid
from catalogue_gen.settings import Settings

POLL_SECONDS = 1.0


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under `folder`: cheap enough to take every second."""
    found: dict[str, tuple[int, int]] = {}
    for path in folder.rglob("*"):
        try:
            info = path.lstat()
        except OSError:
            continue  # an editor's probe file, gone between listing and stat
        if path.is_file() and not path.is_symlink():
            found[str(path)] = (info.st_size, info.st_mtime_ns)
    return found


def _generate(settings: Settings) -> None:
    from catalogue_gen.pipeline import build_lock, generate

    try:
        with build_lock(settings):
            generate(settings)
    except CatalogueInvalid as exc:
        # Keep serving the last good pages; show the problems where the producer is looking.
        REPORTERS["text"]().report(exc.problems, sys.stdout)


def serve(settings: Settings, dev_addr: str) -> None:
    """Serve until Ctrl+C."""
    _generate(settings)
    # --livereload spelled out: with click 8.3, mkdocs 1.6 otherwise starts without watching.
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        "--config-file",
        str(settings.mkdocs_config),
        "--dev-addr",
        dev_addr,
    ]
    server = subprocess.Popen(
        command, cwd=settings.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    click.echo(messages.SERVE_WATCHING.format(path=settings.products_dir))
    seen = snapshot(settings.products_dir)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            current = snapshot(settings.products_dir)
            if current != seen:
                seen = current
                _generate(settings)
                click.echo(messages.SERVE_REGENERATED)
    finally:
        server.terminate()
        server.wait(timeout=10)
