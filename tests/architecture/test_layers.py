"""The import rule of the README's package map, enforced: `make lint` runs the
import-linter contracts in pyproject.toml; these tests show that the contracts
catch a sideways import, and that cohorts.qi imports the standard library only."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["cohorts", "home", "modules", "search", "fellowship_site"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree):
    return subprocess.run(  # noqa: S603 (our own tool, fixed arguments)
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_the_project(tmp_path):
    for name in PACKAGES:
        shutil.copytree(
            ROOT / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__", "migrations"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_contracts_hold_for_the_code_as_it_is(tmp_path):
    result = lint_imports(copy_of_the_project(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


def test_a_sideways_import_between_feature_packages_breaks_the_contract(tmp_path):
    tree = copy_of_the_project(tmp_path)
    feeds = tree / "cohorts/opendata/feeds.py"
    feeds.write_text(feeds.read_text() + "\nfrom cohorts.reports import views\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "cohorts.opendata.feeds -> cohorts.reports.views" in result.stdout


def test_the_models_importing_a_feature_package_breaks_the_contract(tmp_path):
    tree = copy_of_the_project(tmp_path)
    pages = tree / "cohorts/models/pages.py"
    pages.write_text(pages.read_text() + "\nfrom cohorts.measures import charts\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "cohorts.models.pages -> cohorts.measures.charts" in result.stdout


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_qi_imports_the_standard_library_and_itself_only():
    modules = {
        module
        for path in (ROOT / "cohorts/qi").glob("*.py")
        for module in imported_modules(path)
    }
    assert modules, "no imports found: the test would prove nothing"
    foreign = {
        module
        for module in modules
        if module.split(".")[0] not in sys.stdlib_module_names
        and not module.startswith("cohorts.qi")
    }
    assert foreign == set()
