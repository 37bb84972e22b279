"""The shape of the house (docs/architecture.md): arrows between apps run one way, apps meet
only at `services` and `selectors`, and reads and writes live in those modules.

The contracts are import-linter's (pyproject.toml, `[tool.importlinter]`); `make lint` runs the
same check as `lint-imports`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

from tests.mirubato.import_contracts import trespasses

ROOT = Path(__file__).resolve().parents[2]
APPS = ("mirubato", "accounts", "sync", "repertoire", "progress", "scores", "dictionary")
# Where the ORM may be used: the schema, reads, writes, the admin, and migrations.
ORM_HOMES = {"models", "services", "selectors", "admin", "migrations"}


def test_the_import_contracts_hold(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    status = lint_imports(no_cache=True, no_logo=True)
    assert status == 0, capsys.readouterr().out


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="")
    return graph


def test_an_app_importing_another_apps_model_trespasses():
    graph = _graph(("repertoire.views", "scores.models"))
    found = trespasses(graph, apps={"repertoire", "scores"}, doors={"services", "selectors"})
    assert [(t.importer, t.imported) for t in found] == [("repertoire.views", "scores.models")]


def test_an_app_importing_a_module_behind_a_door_trespasses():
    graph = _graph(("progress.selectors", "scores.selectors.catalogue"))
    found = trespasses(graph, apps={"progress", "scores"}, doors={"services", "selectors"})
    assert [t.imported for t in found] == ["scores.selectors.catalogue"]


def test_imports_through_the_doors_and_inside_an_app_are_allowed():
    graph = _graph(
        ("progress.selectors", "scores.selectors"),
        ("progress.services", "repertoire.services"),
        ("scores.selectors.catalogue", "scores.models"),
        ("scores.models", "mirubato.ids"),
    )
    apps = {"progress", "repertoire", "scores"}
    assert trespasses(graph, apps=apps, doors={"services", "selectors"}) == []


def _sources() -> list[Path]:
    return [path for app in APPS for path in (ROOT / app).rglob("*.py")]


def test_no_module_imports_below_its_code():
    # A model module importing more models at its bottom (`noqa: E402`) hid an import circle.
    offenders = [str(p.relative_to(ROOT)) for p in _sources() if "noqa: E402" in p.read_text()]
    assert offenders == []


def _uses_the_orm(tree: ast.AST) -> bool:
    """`Model.objects` or `transaction.atomic` anywhere in the module."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        if node.attr == "objects":
            return True
        named = isinstance(node.value, ast.Name) and node.value.id == "transaction"
        if node.attr == "atomic" and named:
            return True
    return False


@pytest.mark.parametrize("app", [app for app in APPS if app != "mirubato"])
def test_reads_and_writes_live_in_services_and_selectors(app):
    offenders = []
    for path in (ROOT / app).rglob("*.py"):
        parts = set(path.relative_to(ROOT / app).with_suffix("").parts)
        if parts & ORM_HOMES:
            continue
        if _uses_the_orm(ast.parse(path.read_text())):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
