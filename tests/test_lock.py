"""The lock file: every install (./run, CI, both workflows) takes exactly uv.lock, so it must agree
with pyproject.toml, carry a hash for every file, and name everything catalogue_gen imports."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO

UV = REPO / ".tools" / "bin" / "uv"


def pyproject() -> dict[str, Any]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def lock() -> dict[str, Any]:
    return tomllib.loads((REPO / "uv.lock").read_text(encoding="utf-8"))


def requirement_name(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name.group()).lower()


def test_lock_agrees_with_pyproject() -> None:
    # `uv sync --frozen` installs the lock without looking at pyproject.toml: a dependency added
    # to pyproject.toml but not locked would silently be missing. `uv lock --check` re-resolves
    # from the cache and fails when the lock would change.
    if not UV.exists():
        pytest.fail(f"{UV} is missing: ./run installs it")
    done = subprocess.run(
        [str(UV), "lock", "--check", "--offline"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "UV_PYTHON": sys.executable},
    )
    assert done.returncode == 0, done.stderr


def test_every_locked_file_has_a_hash() -> None:
    packages = lock()["package"]
    assert len(packages) > 20
    for package in packages:
        if package["name"] == "catalogue-gen":
            assert package["source"] == {"editable": "."}
            continue
        files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
        assert files, package["name"]
        for file in files:
            assert re.fullmatch(r"sha256:[0-9a-f]{64}", file["hash"]), (package["name"], file)
        assert package["source"] == {"registry": "https://pypi.org/simple"}, package["name"]


def test_uv_is_the_same_version_everywhere() -> None:
    run_script = (REPO / "run").read_text(encoding="utf-8")
    (in_run,) = re.findall(r"^UV_VERSION=(\S+)$", run_script, re.MULTILINE)
    requirements = (REPO / ".ci" / "uv-requirements.txt").read_text(encoding="utf-8")
    (in_requirements,) = re.findall(r"^uv==(\S+) \\$", requirements, re.MULTILINE)
    hashes = re.findall(r"--hash=sha256:[0-9a-f]{64}", requirements)
    assert len(hashes) >= 10  # one per platform wheel, so Windows and macOS install it too
    required = pyproject()["tool"]["uv"]["required-version"]
    assert in_run == in_requirements
    assert required == f"=={in_run}"


def test_test_tools_are_not_runtime_dependencies() -> None:
    project = pyproject()
    runtime = {requirement_name(r) for r in project["project"]["dependencies"]}
    groups = project["dependency-groups"]
    for group in ("test", "lint"):
        tools = {requirement_name(r) for r in groups[group]}
        assert not runtime & tools, group
    assert "optional-dependencies" not in project["project"]


def imported_top_level_modules(package: Path) -> set[str]:
    modules: set[str] = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules


def test_everything_catalogue_gen_imports_is_declared() -> None:
    # A package that only arrives through another one (markupsafe through jinja2) can vanish in an
    # update of that other one; what we import, we declare.
    declared = {requirement_name(r) for r in pyproject()["project"]["dependencies"]}
    distributions = importlib.metadata.packages_distributions()
    imported = imported_top_level_modules(REPO / "catalogue_gen")
    third_party = {
        module
        for module in imported
        if module not in sys.stdlib_module_names and module != "catalogue_gen"
    }
    assert {"yaml", "PIL", "jinja2", "markupsafe", "click"} <= third_party
    for module in sorted(third_party):
        names = {requirement_name(d) for d in distributions.get(module, [])}
        assert names, f"{module} is imported but no installed distribution provides it"
        assert names & declared, f"{module} (from {sorted(names)}) is not in [project.dependencies]"


def test_the_project_builds_without_a_tool_from_outside_the_lock() -> None:
    # An isolated build environment would fetch its build backend from PyPI, unpinned and
    # unhashed, on every machine that syncs. uv builds uv_build projects itself.
    build = pyproject()["build-system"]
    assert build["build-backend"] == "uv_build"
    (requirement,) = build["requires"]
    uv_version = pyproject()["tool"]["uv"]["required-version"].removeprefix("==")
    bounds = re.fullmatch(r"uv_build>=(\S+),<(\S+)", requirement)
    assert bounds, requirement
    low, high = (version_tuple(v) for v in bounds.groups())
    assert low <= version_tuple(uv_version) < high


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
