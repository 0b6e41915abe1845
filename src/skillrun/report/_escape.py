"""Escaping of table cells and inline text, and its inverse for the parser.

Whatever a request contains (pipes, newlines, HTML, markdown markup) must never change the structure
of the report: a cell stays one cell, a row stays one row, and no heading or table can be injected.
"""

from __future__ import annotations

import re

# Characters that start markup anywhere in a line. `_` only opens emphasis at a word edge, so
# snake_case names stay readable; `#` only matters at the start of the text (a heading in a list item).
_MARKUP = re.compile(r"([\\`*\[\]|<~])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|^#")
# At the start of a paragraph or list item these would open a list, a quote or a rule.
_UNESCAPE = re.compile(r"\\([\\`*_\[\]|<>#~+.)!-])|<br>")
_HASH = re.compile(r"(?<!\\)#")
_BLOCK_START = re.compile(r"^(?:[-+>]|\d+(?=[.)]))")
_BREAK = "<br>"


def escape_cell(text: str) -> str:
    """Escape ``text`` for one markdown table cell: one line, no live markup, no bare pipes."""
    lines = [line.strip() for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BREAK.join(_MARKUP.sub(lambda m: "\\" + m.group(), line) for line in lines if line) or "-"


def escape_inline(text: str) -> str:
    """Escape text for a paragraph or list item (bold-field values, notes).

    Cell rules, plus the block markers that only matter at the start of a line.
    """
    escaped = escape_cell(text)
    found = _BLOCK_START.match(escaped)
    if found is None:
        return escaped
    end = found.end()
    if escaped[0].isdigit():
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def escape_title(text: str) -> str:
    """Escape text for the ``#`` title: one line, and no ``#`` that could read as a closing sequence."""
    one_line = " ".join(part.strip() for part in str(text).splitlines() if part.strip())
    return _HASH.sub(r"\\#", escape_inline(one_line))


def unescape_cell(cell: str) -> str:
    """Inverse of :func:`escape_cell` (line breaks come back as ``\\n``).

    One left-to-right pass, so an escaped ``\\<br>`` stays text and is not read as a break.
    """
    return _UNESCAPE.sub(lambda m: m.group(1) if m.group(1) is not None else "\n", cell.strip())


_ROW_TOKEN = re.compile(r"\\.|\|")


def split_row(line: str) -> list[str]:
    """Split a markdown table row into raw cells, trimmed; backslash escapes stay as written."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[str] = []
    start = 0
    for token in _ROW_TOKEN.finditer(body):
        if token.group() == "|":
            cells.append(body[start : token.start()].strip())
            start = token.end()
    cells.append(body[start:].strip())
    return cells


def has_unescaped_pipe(line: str) -> bool:
    return any(token.group() == "|" for token in _ROW_TOKEN.finditer(line))
