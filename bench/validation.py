"""Validation time with a warning on every product against a clean catalogue of the same size.

    python -m bench.pageweight --validate-warnings          # N=5,000, 3 runs each (median)
    python -m bench.pageweight --validate-warnings 1000 --runs 5

A catalogue that carries one warning per product (every product's first price below Rp100:
PRICE_TOO_LOW) must validate in about the time of the same catalogue without it: a warning is
one more line to report, not a reason to do more work per product. Both are validated with the
real command line (`catalogue-gen validate`) in a fresh process under bench/measure.py, with the
photo cache warm (a first, untimed run fills it), so the difference is YAML, rules and report;
the two are timed turn about, so a machine that gets busier during the run weighs on both.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

from bench.pageweight import median, run_measured, validate_summary
from bench.project import copy_site_sources
from bench.synthetic import generate_catalogue

# The warning every product gets: its first price below catalogue_gen.rules.PRICE_WARN_BELOW.
WARNING_CODE = "PRICE_TOO_LOW"
LOW_PRICE = 50
# Photos a quarter of a phone's sides: warm runs never decode them, and the cold run that fills
# the cache is not what is measured. Every side stays above the PHOTO_SMALL_WARNING limit.
PHOTO_SCALE = 0.25
TARGET_RATIO = 1.10
_FIRST_PRICE = re.compile(r"^(\s*rupiah: )\d+$", re.MULTILINE)


def add_one_warning(products: Path) -> int:
    """Give every produk.yml under `products` one PRICE_TOO_LOW (its first price set to Rp50).

    A text edit of one number, so the files are otherwise byte for byte the clean ones.
    Returns the number of files changed.
    """
    changed = 0
    for path in sorted(products.glob("*/*/produk.yml")):
        text = path.read_text(encoding="utf-8")
        new, count = _FIRST_PRICE.subn(rf"\g<1>{LOW_PRICE}", text, count=1)
        if count != 1:
            raise RuntimeError(f"{path}: no `rupiah:` line to lower")
        # a new file, never a write through a hard link shared with a clean copy
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, path)
        changed += 1
    return changed


def _validate(root: Path, expected: dict[str, int]) -> dict[str, Any]:
    """One `catalogue-gen validate` of `root` in a fresh process; checks what it reported."""
    result = run_measured("validate", "--root", str(root), cwd=root)
    summary = validate_summary(result["stdout"])
    if summary != expected:
        raise RuntimeError(
            f"validate {root} said {summary}, expected {expected}:\n{result['stdout'][-2000:]}"
        )
    return result


def _link_photos(source: str, target: str) -> None:
    """copytree's copy: photos hard-linked (never written), everything else copied."""
    if source.endswith(".jpg"):
        os.link(source, target)
    else:
        shutil.copy2(source, target)


def _timing(results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "median_s": round(median(r["seconds"] for r in results), 3),
        "min_s": round(min(r["seconds"] for r in results), 3),
        "runs_s": [round(r["seconds"], 3) for r in results],
        "cpu_median_s": round(median(r["cpu_seconds"] for r in results), 3),
        "peak_rss_mb": max(r["max_rss_mb"] for r in results),
    }


def warnings_case(
    n: int, runs: int, work: Path, seed: int, log: Any, keep: bool = False
) -> dict[str, Any]:
    """Validate N clean products and the same N with one warning each; times and the ratio.

    The two catalogues are two folders (the warned one a copy of the clean one after its photo
    cache was filled), each validated once untimed, then timed turn about (clean, warned, clean,
    ...) so that a machine getting busier or quieter during the run weighs on both alike.
    """
    base = work / f"validate-{n}"
    clean_root, warned_root = base / "clean", base / "warned"
    shutil.rmtree(base, ignore_errors=True)
    clean: list[dict[str, Any]] = []
    warned: list[dict[str, Any]] = []
    try:
        clean_root.mkdir(parents=True)
        copy_site_sources(clean_root)
        started = time.perf_counter()
        generated = generate_catalogue(
            clean_root, n, seed=seed, pool_dir=work / "pool", photo_scale=PHOTO_SCALE
        )
        log(
            f"validate N={n}: catalogue generated in {time.perf_counter() - started:.1f} s "
            f"({generated.producers} producers, {generated.unique_photos} distinct photos)"
        )
        nothing = {"galat": 0, "peringatan": 0}
        first = _validate(clean_root, nothing)  # fills the photo cache
        log(f"validate N={n}: first run (photo cache filled) {first['seconds']:.1f} s")
        shutil.copytree(clean_root, warned_root, symlinks=True, copy_function=_link_photos)
        changed = add_one_warning(warned_root / "products")
        one_each = {"galat": 0, "peringatan": changed}
        _validate(warned_root, one_each)  # its cache names the clean folder's paths: re-read once
        for _ in range(runs):
            clean.append(_validate(clean_root, nothing))
            warned.append(_validate(warned_root, one_each))
            log(
                f"validate N={n}: clean {clean[-1]['seconds']:.2f} s, "
                f"one warning each {warned[-1]['seconds']:.2f} s"
            )
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    result: dict[str, Any] = {
        "products": n,
        "warning": WARNING_CODE,
        "warnings": changed,
        "runs": runs,
        "clean": _timing(clean),
        "warnings_each": _timing(warned),
    }
    result["ratio"] = round(result["warnings_each"]["median_s"] / result["clean"]["median_s"], 3)
    result["min_ratio"] = round(result["warnings_each"]["min_s"] / result["clean"]["min_s"], 3)
    result["cpu_ratio"] = round(
        result["warnings_each"]["cpu_median_s"] / max(result["clean"]["cpu_median_s"], 1e-9), 3
    )
    result["target_ratio"] = TARGET_RATIO
    # judged on the fastest run of each: the run least slowed by whatever else the machine ran
    # (on a shared machine one median can swing 10-20 % either way; the medians are shown too)
    result["ok"] = result["min_ratio"] <= TARGET_RATIO
    return result


def print_warnings_case(result: dict[str, Any], out: Any) -> None:
    clean, warned = result["clean"], result["warnings_each"]
    rows = [
        ("clean catalogue (0 peringatan)", clean),
        (f"one {result['warning']} per product ({result['warnings']} peringatan)", warned),
    ]
    width = max(len(label) for label, _ in rows)
    print("", file=out)
    print(
        f"validate, N={result['products']} products, median of {result['runs']} run(s) each, "
        "photo cache warm",
        file=out,
    )
    for label, timing in rows:
        print(
            f"  {label.ljust(width)}  {timing['median_s']:6.2f} s  (fastest {timing['min_s']:.2f} s, "
            f"CPU {timing['cpu_median_s']:.2f} s)",
            file=out,
        )
    print(
        f"  {'ratio warnings / clean'.ljust(width)}  {result['ratio']:6.3f}    (fastest "
        f"{result['min_ratio']:.3f}, CPU {result['cpu_ratio']:.3f}); "
        f"target, fastest runs <= {result['target_ratio']:.2f}: {'ok' if result['ok'] else 'OVER'}",
        file=out,
    )
