"""Lighthouse for the benchmark: a pinned version, installed on first use, run on Debian's Chromium.

`ensure_lighthouse()` installs `lighthouse@12.2.3` with npm into `bench/.lighthouse/`
(git-ignored) the first time and reuses it afterwards: never a global install, so the version
is the one the figures were made with on every machine. `run_lighthouse()` runs its command line
on one URL with Lighthouse's defaults (mobile form factor, its default mobile emulation and
simulated throttling) and `summarise()` keeps what the benchmark reports: the four category
scores, the metrics (CLS among them) and every failing audit with the elements it names.

Anything that stops Lighthouse from running at all (no node, no npm, no Chromium, the install
failing) is a `LighthouseUnavailable` with a one-line message, so the command line can say it in
one line instead of a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.2.3"
# Git-ignored; BENCH_LIGHTHOUSE_DIR moves it (a shared cache, or an empty one in a test).
DEFAULT_CACHE = REPO / "bench" / ".lighthouse"
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lighthouse's report shows an audit as passed from 0.9 up; below that it is a warning or a failure.
PASS_THRESHOLD = 0.9
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "speed-index": "speed_index_ms",
}
RUN_TIMEOUT_S = 240.0  # one page on a busy 2-core machine takes 20-60 s
ITEMS_PER_AUDIT = 8


def chrome_path() -> Path:
    """Debian's Chromium unless CHROME_PATH (Lighthouse's own variable) names another."""
    return Path(os.environ.get("CHROME_PATH") or "/usr/bin/chromium")


class LighthouseUnavailable(Exception):
    """Lighthouse cannot run on this machine; the message is one line saying why and what to do."""


def installed_cli(cache: Path) -> Path | None:
    """The pinned Lighthouse's cli/index.js in `cache`, or None when it is missing or another version."""
    package = cache / "node_modules" / "lighthouse"
    try:
        version = json.loads((package / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None
    cli = package / "cli" / "index.js"
    return cli if version == LIGHTHOUSE_VERSION and cli.is_file() else None


def lighthouse_dir() -> Path:
    return (
        Path(os.environ["BENCH_LIGHTHOUSE_DIR"])
        if os.environ.get("BENCH_LIGHTHOUSE_DIR")
        else DEFAULT_CACHE
    )


def ensure_lighthouse(cache: Path | None = None, log: Any = print) -> Path:
    """The path of Lighthouse's cli/index.js, installing the pinned version with npm if needed."""
    cache = cache or lighthouse_dir()
    if shutil.which("node") is None:
        raise LighthouseUnavailable(
            "Lighthouse needs Node.js: `node` is not on PATH (apt-get install nodejs npm), or run with --no-lighthouse"
        )
    chrome = chrome_path()
    if not (chrome.is_file() and os.access(chrome, os.X_OK)):
        raise LighthouseUnavailable(
            f"Lighthouse needs Chromium at {chrome} (apt-get install chromium, or set CHROME_PATH), or run with --no-lighthouse"
        )
    cli = installed_cli(cache)
    if cli is not None:
        return cli
    npm = shutil.which("npm")
    if npm is None:
        raise LighthouseUnavailable(
            f"Lighthouse {LIGHTHOUSE_VERSION} is not installed in {_shown(cache)} and `npm` is not on PATH "
            "to install it (apt-get install npm), or run with --no-lighthouse"
        )
    cache.mkdir(parents=True, exist_ok=True)
    log(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {_shown(cache)} (first run only)")
    try:
        done = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(cache),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    except subprocess.TimeoutExpired:
        raise LighthouseUnavailable(
            f"npm install lighthouse@{LIGHTHOUSE_VERSION} took over 10 minutes; run with --no-lighthouse"
        ) from None
    cli = installed_cli(cache)
    if done.returncode != 0 or cli is None:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else f"exit code {done.returncode}"
        raise LighthouseUnavailable(f"npm install lighthouse@{LIGHTHOUSE_VERSION} failed: {reason}")
    return cli


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def run_lighthouse(
    cli: Path, url: str, output: Path, timeout: float = RUN_TIMEOUT_S
) -> dict[str, Any]:
    """Lighthouse's JSON report (LHR) for `url`; written to `output` too. Raises RuntimeError on failure."""
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [
        "node",
        str(cli),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": str(chrome_path())}
    # Its own session, so that on a timeout the Chromium it started ends with it (by group id).
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise RuntimeError(f"Lighthouse on {url} took over {timeout:.0f} s") from None
    if process.returncode != 0 or not output.is_file():
        lines = [line for line in stderr.splitlines() if line.strip()]
        raise RuntimeError(
            f"Lighthouse on {url} exited {process.returncode}: {lines[-1] if lines else 'no output'}"
        )
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):  # e.g. NO_FCP: the report exists but measured nothing
        error = report["runtimeError"]
        raise RuntimeError(f"Lighthouse on {url}: {error.get('code')}: {error.get('message')}")
    return report


def _elements(items: list[Any]) -> list[dict[str, str]]:
    """What each failing item points at: a DOM node (selector, snippet, label) or a URL."""
    found: list[dict[str, str]] = []

    def visit(value: Any, into: dict[str, str]) -> None:
        if isinstance(value, dict):
            if value.get("type") == "node":
                for key, name in (
                    ("selector", "selector"),
                    ("snippet", "snippet"),
                    ("nodeLabel", "label"),
                ):
                    if value.get(key) and name not in into:
                        into[name] = str(value[key])[:300]
                return
            if isinstance(value.get("url"), str) and "url" not in into:
                into["url"] = value["url"]
            for key, child in value.items():
                if key not in ("debugData",):
                    visit(child, into)
        elif isinstance(value, list):
            for child in value:
                visit(child, into)

    for item in items:
        into: dict[str, str] = {}
        visit(item, into)
        if into:
            found.append(into)
    return found


def _relative(element: dict[str, str], origin: str | None) -> dict[str, str]:
    if origin and element.get("url", "").startswith(origin):
        return {**element, "url": element["url"][len(origin) :]}
    return element


def summarise(report: dict[str, Any], origin: str | None = None) -> dict[str, Any]:
    """Category scores (0-100), metrics and failing audits of one Lighthouse report.

    `origin` (http://127.0.0.1:PORT) is cut from the URLs the audits name, so that the JSON of
    two runs, each on its own free port, can be compared line by line.
    """
    audits: dict[str, Any] = report["audits"]
    scores: dict[str, int | None] = {}
    for name in CATEGORIES:
        score = report["categories"].get(name, {}).get("score")
        scores[name] = None if score is None else round(score * 100)
    metrics: dict[str, float | None] = {}
    metric_scores: dict[str, float | None] = {}
    for audit_id, key in METRICS.items():
        value = audits.get(audit_id, {}).get("numericValue")
        metrics[key] = (
            None if value is None else (round(value, 4) if key == "cls" else round(value))
        )
        metric_scores[key] = audits.get(audit_id, {}).get("score")
    # The audits the report shows under a category: not the metrics (the scores above hold them)
    # and not the "hidden" group (max-potential-fid and the like, which the report never shows).
    referenced: dict[str, str] = {}
    for name in CATEGORIES:
        for ref in report["categories"].get(name, {}).get("auditRefs", []):
            if ref.get("group") not in ("metrics", "hidden"):
                referenced.setdefault(ref["id"], name)
    failing: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    for audit_id, category in referenced.items():
        audit = audits.get(audit_id, {})
        score = audit.get("score")
        if audit.get("scoreDisplayMode") == "error":
            # Not a pass: Lighthouse could not judge it (e.g. a trace format it does not know).
            errors.append(
                {
                    "id": audit_id,
                    "category": category,
                    "message": str(audit.get("errorMessage", ""))[:300],
                }
            )
            continue
        if (
            score is None
            or audit.get("scoreDisplayMode") not in ("binary", "numeric", "metricSavings")
            or score >= PASS_THRESHOLD
        ):
            continue
        items = (audit.get("details") or {}).get("items") or []
        failing.append(
            {
                "id": audit_id,
                "category": category,
                "score": score,
                "title": audit.get("title", ""),
                "display_value": audit.get("displayValue", ""),
                "items": len(items),
                "elements": [_relative(e, origin) for e in _elements(items)[:ITEMS_PER_AUDIT]],
            }
        )
    failing.sort(key=lambda a: (CATEGORIES.index(a["category"]), a["score"], a["id"]))
    return {
        "scores": scores,
        "metrics": metrics,
        "metric_scores": metric_scores,
        "failing": failing,
        "errors": errors,
        "form_factor": report.get("configSettings", {}).get("formFactor"),
        "throttling": report.get("configSettings", {}).get("throttlingMethod"),
        "warnings": report.get("runWarnings", []),
        "lighthouse_version": report.get("lighthouseVersion"),
    }


def median_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several runs of one page: the median of each score and metric; the audits of the median-performance run."""

    def mid(values: list[float | int | None]) -> float | int | None:
        known = [v for v in values if v is not None]
        return statistics.median_low(known) if known else None

    ranked = sorted(
        runs, key=lambda r: (r["scores"]["performance"] is None, r["scores"]["performance"] or 0)
    )
    middle = ranked[(len(ranked) - 1) // 2]
    return {
        **middle,
        "scores": {k: mid([r["scores"][k] for r in runs]) for k in CATEGORIES},
        "metrics": {k: mid([r["metrics"][k] for r in runs]) for k in METRICS.values()},
        "runs": len(runs),
        "performance_runs": [r["scores"]["performance"] for r in runs],
    }


def lighthouse_pages(
    cli: Path, base: str, pages: dict[str, str], out_dir: Path, runs: int, log: Any
) -> dict[str, Any]:
    """Lighthouse on each page (`name -> path under base`), `runs` times; a page that fails reports its error."""
    result: dict[str, Any] = {}
    for name, path in pages.items():
        summaries: list[dict[str, Any]] = []
        error = None
        for run in range(runs):
            try:
                report = run_lighthouse(cli, base + path, out_dir / f"{name}-{run + 1}.json")
            except RuntimeError as exc:
                error = str(exc)
                log(f"  lighthouse {name}: {error}")
                continue
            summaries.append(
                summarise(report, origin=f"{urlsplit(base).scheme}://{urlsplit(base).netloc}")
            )
        if summaries:
            result[name] = {"page": path, **median_summary(summaries)}
        else:
            result[name] = {"page": path, "error": error}
    return result
