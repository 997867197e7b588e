"""Every environment variable the settings read is documented in
docs/configuration.md, and the table there names no variable they do not
read: a setting added without a line in the table (or a line left behind
for a variable that went) fails here.

No database, no Django set-up: the settings package's source is parsed
(ast), not imported, so every variable is found whichever branch
(DEBUG, a bucket, a search server) the current environment takes."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = ROOT / "shop" / "settings"
DOCS = ROOT / "docs" / "configuration.md"
# The heading of the table the settings' variables must match, both ways.
TABLE_HEADING = "## Variables the settings read"


def _is_env(node: ast.AST) -> bool:
    """``env`` (django-environ's Env), ``os.environ`` or ``env.ENVIRON``."""
    if isinstance(node, ast.Name):
        return node.id == "env"
    if isinstance(node, ast.Attribute):
        return (node.attr == "environ" and isinstance(node.value, ast.Name) and node.value.id == "os") or (
            node.attr == "ENVIRON" and _is_env(node.value)
        )
    return False


def _name_argument(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    var = next((kw.value for kw in call.keywords if kw.arg == "var"), None)
    if isinstance(var, ast.Constant) and isinstance(var.value, str):
        return var.value
    return None


def variables_read(source: str) -> set[str]:
    """The environment variables one settings module reads: ``env("X")``,
    ``env.<cast>("X", ...)`` (str, bool, int, list, path, db, email_url...),
    ``os.environ.get("X")``, ``os.getenv("X")``, ``os.environ["X"]`` and
    ``"X" in env.ENVIRON`` / ``os.environ``."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            reads = (
                _is_env(func)
                or (isinstance(func, ast.Attribute) and _is_env(func.value))
                or (
                    isinstance(func, ast.Attribute)
                    and func.attr == "getenv"
                    and isinstance(func.value, ast.Name)
                    and func.value.id == "os"
                )
            )
            name = _name_argument(node) if reads else None
        elif isinstance(node, ast.Subscript) and _is_env(node.value):
            name = node.slice.value if isinstance(node.slice, ast.Constant) else None
        elif isinstance(node, ast.Compare) and any(isinstance(op, ast.In) for op in node.ops):
            name = node.left.value if isinstance(node.left, ast.Constant) and _is_env(node.comparators[0]) else None
        else:
            continue
        if isinstance(name, str) and re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            names.add(name)
    return names


def settings_variables() -> set[str]:
    return set().union(*(variables_read(path.read_text()) for path in sorted(SETTINGS.glob("*.py"))))


def documented_variables() -> set[str]:
    """The variables in the first column of the table under TABLE_HEADING."""
    text = DOCS.read_text()
    assert TABLE_HEADING in text, f"{DOCS.relative_to(ROOT)} has no '{TABLE_HEADING}' section"
    section = text.split(TABLE_HEADING, 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("| ---"):
            first_cell = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def test_the_parser_finds_each_way_of_reading_the_environment():
    source = """
import os
A = env("ONE")
B = env.bool("TWO", default=False)
C = env.db("THREE", default="sqlite://")
if "FOUR" in env.ENVIRON:
    D = env.email_url("FOUR")
E = os.environ.get("FIVE")
F = os.getenv("SIX", "x")
G = os.environ["SEVEN"]
H = env.str(var="EIGHT")
I = {"lower": 1}.get("NOT_AN_ENV")
"""
    assert variables_read(source) == {"ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT"}


def test_the_settings_read_what_the_issue_found_undocumented():
    # A parser that finds nothing would make the next test pass vacuously.
    found = settings_variables()
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "EMAIL_BACKEND"} <= found
    assert {
        "SEARCH_URL", "SEARCH_BACKEND", "SEARCH_INDEX", "SEARCH_CANDIDATE_LIMIT",
        "SEARCH_AUTOCOMPLETE_RATE_LIMIT", "SEARCH_AUTOCOMPLETE_RATE_WINDOW",
        "PASSWORD_RESET_RATE_LIMIT", "CUSTOMER_REGISTER_RATE_LIMIT", "CUSTOMER_LOGIN_RATE_LIMIT",
        "AXES_ENABLED", "AXES_FAILURE_LIMIT", "AXES_COOLOFF_MINUTES", "WAGTAIL_AUTOSAVE_INTERVAL",
    } <= found  # fmt: skip


def test_every_variable_the_settings_read_is_documented():
    undocumented = settings_variables() - documented_variables()

    assert not undocumented, (
        f"read by shop/settings/ but not in the table of docs/configuration.md: {sorted(undocumented)}"
    )


def test_the_table_lists_only_variables_the_settings_read():
    # Variables read by other programs (boto3, gunicorn, make) go in the
    # page's other section, not in this table.
    stale = documented_variables() - settings_variables()

    assert not stale, f"in the table of docs/configuration.md but read nowhere in shop/settings/: {sorted(stale)}"
