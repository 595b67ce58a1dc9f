"""The layout of the app's e-mails: blocks rendered once as plain text and once as HTML.

The HTML is simple and accessible (a `lang`, real headings, a data table for facts, alt text on
images) and escapes every text: names, addresses and summaries come from users.
"""

from collections.abc import Callable
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Facts:
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Steps:
    items: list[str]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Image:
    cid: str
    alt: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str


Block = Paragraph | Heading | Facts | Steps | Code | Image | Link


def render_text(
    title: str,
    blocks: list[Block],
    sign_off: list[str],
    notice: str,
    labelled: Callable[[str, str], str],
) -> str:
    """The text/plain part: the same blocks, underlined headings, numbered steps; `labelled`
    writes "label: value" as the language does (French puts a space before the colon)."""
    parts = [f"{title}\n{'=' * len(title)}"]
    for block in blocks:
        match block:
            case Paragraph(text):
                parts.append(text)
            case Heading(text):
                parts.append(f"{text}\n{'-' * len(text)}")
            case Facts(rows):
                parts.append("\n".join(labelled(label, value) for label, value in rows))
            case Steps(items):
                parts.append("\n".join(f"{n}. {item}" for n, item in enumerate(items, 1)))
            case Code(text):
                parts.append(f"    {text}")
            case Link(label, url):
                parts.append(labelled(label, url))
            case Image():
                pass  # the text part carries the activation code instead
    parts += ["\n".join(sign_off), f"-- \n{notice}"]
    return "\n\n".join(parts) + "\n"


_CELL = "padding:4px 12px 4px 0;text-align:left;vertical-align:top"


def render_html(
    language: str,
    subject: str,
    title: str,
    blocks: list[Block],
    sign_off: list[str],
    notice: str,
) -> str:
    """The text/html part: a self-contained page with inline styles (mail clients drop CSS)."""
    body = [f'<h1 style="font-size:22px;margin:0 0 16px">{escape(title)}</h1>']
    body += [_html_block(block) for block in blocks]
    body.append("<p>" + "<br>".join(escape(line) for line in sign_off) + "</p>")
    body.append(f'<p style="font-size:13px;color:#52606d">{escape(notice)}</p>')
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(subject)}</title></head>\n"
        '<body style="margin:0;padding:0;background:#f4f5f7">\n'
        '<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;'
        'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2933">\n'
        + "\n".join(body)
        + "\n</div>\n</body>\n</html>\n"
    )


def _html_block(block: Block) -> str:
    """One block as HTML, every text escaped."""
    match block:
        case Paragraph(text):
            return f"<p>{escape(text)}</p>"
        case Heading(text):
            return f'<h2 style="font-size:18px;margin:24px 0 8px">{escape(text)}</h2>'
        case Facts(rows):
            return (
                '<table style="border-collapse:collapse;margin:8px 0">'
                + "".join(
                    f'<tr><th scope="row" style="{_CELL}">{escape(label)}</th>'
                    f'<td style="{_CELL}">{escape(value)}</td></tr>'
                    for label, value in rows
                )
                + "</table>"
            )
        case Steps(items):
            return "<ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>"
        case Code(text):
            return (
                '<p style="font-family:Consolas,Menlo,monospace;font-size:17px;'
                'background:#eef1f4;padding:12px;word-break:break-all">'
                f"<code>{escape(text)}</code></p>"
            )
        case Image(cid, alt):
            return (
                f'<p><img src="cid:{escape(cid)}" alt="{escape(alt)}" '
                'style="display:block;border:0"></p>'
            )
        case Link(label, url):
            return f'<p><a href="{escape(url)}">{escape(label)}</a></p>'
