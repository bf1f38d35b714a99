"""Stage 6 (after MkDocs): the Pagefind search index over the built site.

Product pages carry their synonyms already (synonyms.py, written by the page stage), so
this stage only runs the indexer shipped in the `pagefind-bin` wheel.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_pagefind(site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Index the built site with the Pagefind binary shipped in the `pagefind-bin` wheel."""
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--force-language", "id", "--silent"]
    return subprocess.run(command, capture_output=True, text=True, check=False)
