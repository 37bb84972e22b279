"""An import-linter contract for the project's doors (docs/architecture.md, "Arrows").

import-linter's own `layers` contract says which way the arrows between apps run. This one
says where they may land: an app imports another app only through that app's `services` and
`selectors` (the module, or the face of the package: what its `__init__` exports is the whole
public interface), never its models, helpers or API. `mirubato` is the shared plumbing and
open to every app. A wire layer (an app that is another API onto the same services: `legacy`)
may also use each app's `api.inputs`, the input serializers and throttles its REST API checks
requests with, so a request on either wire meets the same checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


@dataclass(frozen=True)
class Trespass:
    importer: str
    imported: str
    line_numbers: tuple[int, ...]


def _app(module: str) -> str:
    return module.split(".", 1)[0]


def trespasses(
    graph: ImportGraph,
    *,
    apps: set[str],
    doors: set[str],
    wire_importers: set[str] = frozenset(),
    wire_doors: set[str] = frozenset(),
) -> list[Trespass]:
    """Every direct import from one app into another that does not come in through a door
    (for a wire layer's importers, its wire doors too)."""
    found = []
    for importer in sorted(m for m in graph.modules if _app(m) in apps):
        open_doors = doors | (wire_doors if _app(importer) in wire_importers else set())
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            target = _app(imported)
            if target not in apps or target == _app(importer):
                continue
            if imported in {f"{target}.{door}" for door in open_doors}:
                continue
            details = graph.get_import_details(importer=importer, imported=imported)
            lines = tuple(sorted(d["line_number"] for d in details))
            found.append(Trespass(importer, imported, lines))
    return found


class DoorsContract(Contract):
    """Options: `apps` (top-level packages whose insides are private), `doors` (the submodule
    names other apps may import: services, selectors), `wire_importers` and `wire_doors` (the
    wire layers and the extra doors open to them), `ignore_imports`."""

    type_name = "doors"

    apps = fields.ListField(subfield=fields.StringField())
    doors = fields.ListField(subfield=fields.StringField())
    wire_importers = fields.ListField(subfield=fields.StringField(), required=False)
    wire_doors = fields.ListField(subfield=fields.StringField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=contract_utils.AlertLevel.ERROR,
        )
        found = trespasses(
            graph,
            apps=set(self.apps),  # type: ignore[arg-type]
            doors=set(self.doors),  # type: ignore[arg-type]
            wire_importers=set(self.wire_importers or ()),  # type: ignore[arg-type]
            wire_doors=set(self.wire_doors or ()),  # type: ignore[arg-type]
        )
        return ContractCheck(
            kept=not found,
            warnings=list(removal.warnings),
            metadata={"trespasses": found},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for trespass in check.metadata["trespasses"]:
            lines = ", ".join(map(str, trespass.line_numbers))
            output.print_error(f"- {trespass.importer} -> {trespass.imported} (l.{lines})")
            output.new_line()
        doors = " or ".join(f"<app>.{door}" for door in self.doors)  # type: ignore[union-attr]
        output.print(f"Import another app through {doors} (export what you need there).")
