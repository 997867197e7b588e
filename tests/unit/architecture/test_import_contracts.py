"""The import contracts of pyproject.toml say what docs/architecture.md says:
checked on small hand-made import graphs, so a contract that is mistyped or
reordered fails here, not only in `make lint` (which checks the real tree).

No database: plain graphs of module names."""

import tomllib
from copy import deepcopy
from pathlib import Path

import grimp
import pytest
from importlinter.configuration import configure
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

from tests.import_contracts import PrivateModulesContract, import_allowed, private_owner

ROOT = Path(__file__).resolve().parents[3]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}

# What `lint-imports` sets up before checking (some contracts time their steps).
configure()

# One module per unit, and the packages a graph needs for the layers to exist.
PROJECT = "shop.urls"
FORK = "shop.order.services"
OTHER_FORK = "shop.payment.services"
INVENTORY = "inventory.services"
CMS = "cms.selectors"
CATALOG = "catalog.selectors"
COMMON = "shop.common.roles"
OUTBOX = "shop.outbox.services"


def _contract(contract_id: str, contract_class):
    options = {key: value for key, value in CONTRACTS[contract_id].items() if key not in ("id", "name", "type")}
    return contract_class(
        name=CONTRACTS[contract_id]["name"],
        session_options={"root_packages": CONFIG["root_packages"]},
        contract_options=options,
    )


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    """Every module the layers name (each layer must exist), plus the imports."""
    graph = grimp.ImportGraph()
    for layer in CONTRACTS["layers"]["layers"]:
        for name in layer.replace("|", ":").split(":"):
            graph.add_module(name.strip())
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}")
    return graph


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        (PROJECT, FORK),
        (PROJECT, CATALOG),
        (FORK, OTHER_FORK),
        (OTHER_FORK, FORK),
        (FORK, INVENTORY),
        (FORK, CMS),
        (INVENTORY, CATALOG),
        (CMS, CATALOG),
        (CATALOG, COMMON),
        (INVENTORY, OUTBOX),
        (COMMON, OUTBOX),
    ],
)
def test_imports_downwards_and_between_forks_keep_the_layers(importer, imported):
    assert _contract("layers", LayersContract).check(_graph((importer, imported)), verbose=False).kept


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        (FORK, PROJECT),
        (INVENTORY, FORK),
        (INVENTORY, CMS),
        (CMS, INVENTORY),
        (CATALOG, INVENTORY),
        (CATALOG, CMS),
        (CATALOG, FORK),
        (COMMON, CATALOG),
        (OUTBOX, "shop.celery"),
    ],
)
def test_an_upward_or_sideways_import_breaks_the_layers(importer, imported):
    assert not _contract("layers", LayersContract).check(_graph((importer, imported)), verbose=False).kept


def test_an_upward_chain_breaks_the_layers_even_through_a_module_in_no_layer():
    # catalog -> shop (the package's __init__, in no layer) -> shop.celery.
    graph = _graph((CATALOG, "shop"), ("shop", "shop.celery"))
    assert not _contract("layers", LayersContract).check(graph, verbose=False).kept


@pytest.mark.parametrize(
    "imported",
    ["catalog.models", "inventory.selectors", "cms.models", "shop.order.carriers", "shop.settings", "shop.celery"],
)
def test_the_shared_libraries_import_no_app_module(imported):
    graph = _graph((COMMON, imported))
    assert not _contract("libraries", ForbiddenContract).check(graph, verbose=False).kept
    assert _contract("libraries", ForbiddenContract).check(_graph((COMMON, OUTBOX)), verbose=False).kept


@pytest.mark.parametrize(
    ("module", "owner"),
    [
        ("inventory.services._engine", "inventory.services"),
        ("inventory._internal.ledger", "inventory"),
        ("inventory.services.ledger", None),
        ("inventory.services", None),
        ("shop.__init__", None),
        ("shop.demo.__main__", None),
    ],
)
def test_a_private_module_belongs_to_the_package_that_holds_its_private_part(module, owner):
    assert private_owner(module) == owner


@pytest.mark.parametrize(
    ("importer", "imported", "allowed"),
    [
        ("inventory.services.receipts", "inventory.services._engine", True),
        ("inventory.services", "inventory.services._engine", True),
        ("inventory.services._engine", "inventory.services._engine.rows", True),
        ("inventory.tasks", "inventory.services._engine", False),
        ("shop.order.services", "inventory.services._engine", False),
        ("inventory.servicesx", "inventory.services._engine", False),
        ("inventory.tasks", "inventory.services.ledger", True),
    ],
)
def test_only_the_owning_package_may_import_a_private_module(importer, imported, allowed):
    assert import_allowed(importer=importer, imported=imported) is allowed


def test_the_private_modules_contract_names_each_import_from_outside():
    graph = grimp.ImportGraph()
    for module in (
        "inventory",
        "inventory.tasks",
        "inventory.services",
        "inventory.services.receipts",
        "inventory.services._engine",
    ):
        graph.add_module(module)
    graph.add_import(
        importer="inventory.services.receipts", imported="inventory.services._engine", line_number=3, line_contents=""
    )
    contract = PrivateModulesContract(name="private", session_options={}, contract_options={})
    assert contract.check(deepcopy(graph), verbose=False).kept

    graph.add_import(importer="inventory.tasks", imported="inventory.services._engine", line_number=7, line_contents="")
    check = contract.check(deepcopy(graph), verbose=False)
    assert not check.kept
    [found] = check.metadata["illegal_imports"]
    assert (found.importer, found.imported, found.line_numbers) == (
        "inventory.tasks",
        "inventory.services._engine",
        (7,),
    )


def test_the_private_modules_contract_is_registered_and_configured():
    assert "private_modules: tests.import_contracts.PrivateModulesContract" in CONFIG["contract_types"]
    assert CONTRACTS["private"]["type"] == "private_modules"
