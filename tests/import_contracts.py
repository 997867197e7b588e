"""A custom import-linter contract type: nothing imports a private module.

A module whose own name starts with an underscore (``inventory/services/_x.py``,
or anything inside a package ``_x/``) is an implementation detail of the
package that holds it: only modules inside that package may import it. From
outside, use what the package exports. ``__init__`` and other dunder names are
not private.

Registered in pyproject.toml ([tool.importlinter] contract_types) and run by
``make lint`` (``lint-imports``); docs/architecture.md lists the contracts.
tests/unit/test_import_contracts.py checks the rule itself on a small graph.

Lives in tests/ because it is tooling, not part of any app (the layers
contract covers shop, catalog, inventory and cms, not tests).
"""

from __future__ import annotations

from dataclasses import dataclass

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


def private_owner(module: str) -> str | None:
    """The package a private module belongs to ("inventory.services" for
    "inventory.services._x" and for "inventory.services._x.y"), or None when
    no part of the name is private. The outermost private part decides."""
    parts = module.split(".")
    for index, part in enumerate(parts):
        if part.startswith("_") and not (part.startswith("__") and part.endswith("__")):
            return ".".join(parts[:index])
    return None


def import_allowed(*, importer: str, imported: str) -> bool:
    """True when ``importer`` may import ``imported``: the imported module is
    public, or the importer sits inside the package that owns it."""
    owner = private_owner(imported)
    if owner is None:
        return True
    return importer == owner or importer.startswith(owner + ".")


@dataclass(frozen=True)
class IllegalImport:
    importer: str
    imported: str
    line_numbers: tuple[int, ...]


class PrivateModulesContract(Contract):
    """
    Private modules (a leading underscore) are imported only from inside their own package.

    Configuration options:
        - ignore_imports:  import expressions to leave out (optional), as in the built-in contracts.
        - unmatched_ignore_imports_alerting: "none", "warn" or "error" (default) when an ignored
                           import is not found in the graph.
    """

    type_name = "private_modules"

    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(
        contract_utils.AlertLevel, default=contract_utils.AlertLevel.ERROR
    )

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        private = sorted(module for module in graph.modules if private_owner(module) is not None)
        output.verbose_print(verbose, f"{len(private)} private modules.")
        illegal = []
        for imported in private:
            for importer in sorted(graph.find_modules_that_directly_import(imported)):
                if import_allowed(importer=importer, imported=imported):
                    continue
                details = graph.get_import_details(importer=importer, imported=imported)
                lines = tuple(sorted({detail["line_number"] for detail in details}))
                illegal.append(IllegalImport(importer=importer, imported=imported, line_numbers=lines))
        return ContractCheck(
            kept=not illegal,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"illegal_imports": illegal},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error("Private modules imported from outside their package:", bold=False)
        output.new_line()
        for found in check.metadata["illegal_imports"]:
            lines = ", ".join(str(n) for n in found.line_numbers)
            output.print_error(f"- {found.importer} -> {found.imported} (l.{lines})", bold=False)
            output.new_line()
        output.print("Import what the package exports instead, or make the module public (no leading underscore).")
