"""Escaping for the report page: plain values and prose with `code` spans."""
from __future__ import annotations

import html
import re


def e(value) -> str:
    """``value`` as HTML-escaped text."""
    return html.escape(str(value), quote=True)


_TICKS = re.compile(r"`([^`]+)`")


def _text(value) -> str:
    """Prose: HTML-escaped, with Markdown's `code` spans as <code> (no literal backticks)."""
    return _TICKS.sub(r"<code>\1</code>", e(value)).replace("`", "")
