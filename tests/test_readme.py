"""The README needs nothing outside the repository: every file it links or names is in it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
LINK = re.compile(r"\]\(([^)\s]+)\)")  # [text](target) and ![alt](target)
NAMED_PATH = re.compile(r"`([^`\s]*\.\./[^`\s]*)`")  # `../somewhere` in code spans


def relative_links(text: str) -> list[str]:
    targets = (target.split("#")[0] for target in LINK.findall(text))
    return [target for target in targets if target and not re.match(r"[a-z]+:", target)]


def test_the_readme_links_files_at_all() -> None:
    assert "docs/architecture.md" in relative_links(README.read_text())


def test_every_relative_link_of_the_readme_is_a_file_of_the_repository() -> None:
    missing = [
        target
        for target in relative_links(README.read_text())
        if not (ROOT / target).resolve().is_relative_to(ROOT) or not (ROOT / target).exists()
    ]
    assert missing == []


def test_the_readme_names_no_path_outside_the_repository() -> None:
    assert NAMED_PATH.findall(README.read_text()) == []
