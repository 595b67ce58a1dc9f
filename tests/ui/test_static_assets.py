"""The app's own scripts and stylesheets are addressed by their content's hash and kept by
browsers for a year; NiceGUI's Tailwind runtime is not loaded at all (the classes are
compiled into ui/static/tailwind.css)."""

import hashlib
import re

from nicegui.testing import User

from ui.frame import STATIC


async def test_assets_are_named_by_their_content_and_kept_a_year(user: User) -> None:
    page = (await user.http_client.get("/login")).text
    assets = re.findall(r'(?:href|src)="(/static/([\w.-]+)\?v=(\w+))"', page)
    assert {name for _, name, _ in assets} >= {"tailwind.css", "page.css", "radio-keys.js"}
    for url, name, version in assets:
        assert version == hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]
        answer = await user.http_client.get(url)
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "public, max-age=31536000"
    assert "tailwindcss.min.js" not in page
    assert 'type="text/tailwindcss"' not in page
