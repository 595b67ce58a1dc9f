"""No Tailwind runs in the browser: the utility classes are compiled once into
ui/static/tailwind.css (`make css`). Every class a page sets in the code is styled by a
stylesheet the pages load, or read by one of the app's scripts; one that is neither is a class
added without `make css` (or a typo), which would silently do nothing."""

import ast
import re
from pathlib import Path

import nicegui

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "ui" / "static"
NICEGUI_STATIC = Path(nicegui.__file__).parent / "static"
SELECTOR_CLASS = re.compile(r"\.((?:\\.|[\w-])+)")


def classes_in_css(*files: Path) -> set[str]:
    return {
        re.sub(r"\\(.)", r"\1", found)
        for file in files
        for found in SELECTOR_CLASS.findall(file.read_text())
    }


def constant_texts(node: ast.AST) -> list[str]:
    """The literal text of a string, of an f-string's fixed parts, of a dict's values."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr | ast.Dict):
        return [text for part in ast.iter_child_nodes(node) for text in constant_texts(part)]
    return []


def classes_in_code() -> dict[str, str]:
    """Each class token the pages set with .classes(...) (or HEADING_CLASSES), and where."""
    found: dict[str, str] = {}
    for file in sorted([*(ROOT / "ui").rglob("*.py"), *(ROOT / "api").rglob("*.py")]):
        for node in ast.walk(ast.parse(file.read_text())):
            texts: list[str] = []
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "classes":
                texts = [text for argument in node.args for text in constant_texts(argument)]
            elif isinstance(node, ast.Assign) and "CLASSES" in ast.unparse(node.targets[0]):
                texts = constant_texts(node.value)
            for token in " ".join(texts).split():
                found.setdefault(token, f"{file.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}")
    return found


def test_every_class_the_pages_set_is_compiled_or_used() -> None:
    styled = classes_in_css(
        STATIC / "tailwind.css",
        STATIC / "page.css",
        NICEGUI_STATIC / "quasar.unimportant.prod.css",
        NICEGUI_STATIC / "quasar.important.prod.css",
        NICEGUI_STATIC / "nicegui.css",
    )
    scripts = " ".join(script.read_text() for script in STATIC.glob("*.js"))
    unstyled = {
        token: where
        for token, where in classes_in_code().items()
        if token not in styled and token not in scripts
    }
    assert unstyled == {}, "run `make css`, or fix these classes: " + repr(unstyled)


def test_the_check_sees_a_class_nothing_styles() -> None:
    """The check itself: a made-up class is neither compiled nor used."""
    styled = classes_in_css(STATIC / "tailwind.css", STATIC / "page.css")
    assert "w-full" in styled and "bg-[#1e6b34]" in styled and "[&>svg]:w-full" in styled
    assert "w-made-up-size" not in styled
