"""The code stays easy to pick up: no function in the three layers is longer than 50 lines."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("domain", "storage", "ui", "api")
MAX_LINES = 50
GENERATED = ROOT / "storage" / "db" / "migrations" / "versions"  # written by Alembic


def functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(), str(path))
    return [
        (f"{path}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno
    ]


@pytest.mark.parametrize("layer", LAYERS)
def test_no_function_is_longer_than_50_lines(layer: str) -> None:
    sources = [p for p in (ROOT / layer).rglob("*.py") if not p.is_relative_to(GENERATED)]
    too_long = [(name, lines) for path in sources for name, lines in functions(path)]
    assert [f for f in too_long if f[1] > MAX_LINES] == []


def test_the_check_sees_a_long_function(tmp_path: Path) -> None:
    long = tmp_path / "long.py"
    long.write_text("def f():\n" + "    x = 1\n" * 60)
    assert functions(long)[0][1] == 61
