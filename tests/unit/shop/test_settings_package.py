"""The settings package stays readable: each setting is defined in one
module, imports sit at the top, and INSTALLED_APPS and MIDDLEWARE are each
written out once, never changed afterwards (issue #20: they were assigned or
changed in four places, with inserts by index).

No database, no Django set-up: the source of shop/settings/ is parsed."""

import ast
from pathlib import Path

import oscar.defaults

SETTINGS = Path(__file__).resolve().parents[3] / "shop" / "settings"
MODULES = {path.stem: ast.parse(path.read_text()) for path in sorted(SETTINGS.glob("*.py"))}


def _assigned(tree: ast.Module) -> set[str]:
    """UPPERCASE names a module assigns, at any depth of its top level
    (inside an ``if`` too)."""
    names = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id.isupper() and not name.id.startswith("_"):
                    names.add(name.id)
    return names


def test_each_setting_is_defined_in_one_module():
    owners: dict[str, list[str]] = {}
    for module, tree in MODULES.items():
        for name in _assigned(tree):
            owners.setdefault(name, []).append(module)

    assert {name: where for name, where in owners.items() if len(where) > 1} == {}


def test_oscars_defaults_are_overridden_only_where_they_are_imported():
    # __init__ imports the modules in order; an OSCAR_* set in a module other
    # than oscar.py would be overwritten or not depending on that order.
    defaults = {name for name in dir(oscar.defaults) if name.isupper()}
    elsewhere = {module: _assigned(tree) & defaults for module, tree in MODULES.items() if module != "oscar"}

    assert {module: names for module, names in elsewhere.items() if names} == {}


def test_imports_are_at_the_top_of_each_module():
    for module, tree in MODULES.items():
        body = [node for node in tree.body if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
        seen_code = False
        for node in body:
            is_import = isinstance(node, (ast.Import, ast.ImportFrom))
            assert not (is_import and seen_code), f"shop/settings/{module}.py: import after code, line {node.lineno}"
            seen_code = seen_code or not is_import
        nested = [
            node.lineno
            for top in body
            if not isinstance(top, (ast.Import, ast.ImportFrom))
            for node in ast.walk(top)
            if isinstance(node, (ast.Import, ast.ImportFrom))
        ]
        assert nested == [], f"shop/settings/{module}.py: imports inside code, lines {nested}"


def test_installed_apps_and_middleware_are_written_once_and_never_changed():
    for module, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                assert node.target.id not in ("INSTALLED_APPS", "MIDDLEWARE"), f"{module}.py line {node.lineno}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                assert not (isinstance(owner, ast.Name) and owner.id in ("INSTALLED_APPS", "MIDDLEWARE")), (
                    f"shop/settings/{module}.py line {node.lineno}: {owner.id}.{node.func.attr}(...)"
                )
    assert {"INSTALLED_APPS", "MIDDLEWARE"} <= _assigned(MODULES["apps"])
