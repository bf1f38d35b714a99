"""Run one command and report its wall time and peak memory as JSON on stdout.

    python -m bench.measure -- catalogue-gen build ...

A fresh process per measurement, so `RUSAGE_CHILDREN` covers exactly that command and
everything it started (photo workers, MkDocs, Pagefind): `max_rss_mb` is the resident set
of the largest of those processes, which is what decides whether a build fits a CI runner.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    if argv[:1] == ["--"]:
        argv = argv[1:]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    json.dump(
        {
            "returncode": done.returncode,
            "seconds": seconds,
            "max_rss_mb": round(children.ru_maxrss / 1024, 1),  # Linux reports KiB
            "cpu_seconds": round(children.ru_utime + children.ru_stime, 2),
            "stdout": done.stdout[-4000:],
            "stderr": done.stderr[-4000:],
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
