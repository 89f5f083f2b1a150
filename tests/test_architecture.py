"""The architecture rules of docs/architecture.md run as import-linter contracts (pyproject.toml,
`make lint`). These tests run `lint-imports` on the real tree, and on a copy of it with one
forbidden import added, to prove that each contract actually catches what it promises to."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["cms", "conference", "home", "search"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(cwd / "pyproject.toml")],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree_copy(tmp_path):
    """The project's Python packages and import-linter configuration, copied to a scratch folder."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "migrations", "README.md")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(tree: Path, module: str, statement: str) -> None:
    path = tree.joinpath(*module.split(".")).with_suffix(".py")
    path.write_text(path.read_text() + f"\n{statement}\n" if path.exists() else f"{statement}\n")


def test_the_tree_keeps_every_architecture_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_make_lint_runs_the_architecture_contracts():
    makefile = (ROOT / "Makefile").read_text()
    lint_target = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "lint-imports" in lint_target


@pytest.mark.parametrize(
    ("module", "statement", "broken_contract"),
    [
        ("cms.news.extra", "import conference.editions.models", "cms never imports conference"),
        ("cms.core.extra", "from cms.news import models", "cms.core imports no other app"),
        (
            "conference.payments.extra",
            "from conference.registration import forms",
            "conference.payments never imports conference.registration",
        ),
        ("conference.editions.extra", "import conference.registration.models", "Layers"),
        ("cms.network.extra", "from cms.plans import models", "Layers"),
        ("conference.programme.extra", "from conference.editions import models", "Layers"),
        ("cms.news.extra", "from cms.plans import views", "No app imports another app's views"),
        ("cms.governance.enums", "from cms.governance import models", "No import loops"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tree_copy, module, statement, broken_contract):
    assert lint_imports(tree_copy).returncode == 0, "the copy must be clean before the change"

    add_import(tree_copy, module, statement)
    result = lint_imports(tree_copy)

    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert broken_contract in broken
