"""Markdown report to structure: the exact inverse of the renderer, and forgiving of LLM-written markdown.

The parser reads a report line by line into blocks (headings, fenced code, tables, bold fields, list
items, quotes, paragraphs) and groups them under ``##`` headings. It never lets a fenced block split a
section, accepts the usual variants of hand- or model-written markdown (CRLF, extra spaces, rows without
outer pipes, ``**Label**:`` fields, closing ``#``s on headings, ``~~~`` fences) and treats pipe lines
that lack a separator row as plain text rather than a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._escape import has_unescaped_pipe, split_row
from ._inline import inline_to_plain
from ._parsed import ParsedReport, ParsedSection, ParsedTable

_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_ATX = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*$")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?P<bar>=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_DELIMITER_CELL = re.compile(r"^:?-+:?$")
_FIELD = re.compile(
    r"^ {0,3}(?P<mark>\*\*|__)[ \t]*(?P<label>[^*_\n]{1,80}?)[ \t]*(?P<inner>:?)[ \t]*(?P=mark)"
    r"[ \t]*(?P<outer>:?)[ \t]*(?P<value>.*)$"
)
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<text>.*))?$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?(?P<text>.*)$")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_FALLBACK = re.compile(r"^Written by the offline expert engine \((?P<reason>.*)\)\.?$", re.DOTALL)
_BANNER = re.compile(r"^\s*(?:\*\*|__)Note:?(?:\*\*|__):?\s*(?P<text>.*)$", re.DOTALL)


@dataclass
class _Block:
    kind: str
    """heading, fence, table, field, item, quote, para."""
    line: int
    """1-based line number of the block's first line."""
    text: str = ""
    level: int = 0
    label: str = ""
    rows: list[list[str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


def parse_markdown(text: str) -> ParsedReport:
    """Read a markdown report into :class:`ParsedReport` (title, preamble, ``##`` sections)."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = normalized.split("\n")
    blocks = _Tokenizer(lines).blocks()
    return _assemble(lines, blocks, normalized)


# --------------------------------------------------------------------------------------------- blocks


def _is_fence_close(line: str, fence: str) -> bool:
    stripped = line.strip()
    if len(line) - len(line.lstrip(" ")) > 3:
        return False
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def _cell(raw: str) -> str:
    # After the row is split, an escaped pipe is just a pipe (GFM unescapes it before inline parsing,
    # so ``a\\|b`` inside a code span reads ``a|b``).
    return inline_to_plain(raw.replace("\\|", "|"))


def _delimiter_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if not stripped or "-" not in stripped:
        return None
    cells = [c.strip() for c in split_row(stripped)]
    if not cells or not all(_DELIMITER_CELL.match(c) for c in cells):
        return None
    return cells


class _Tokenizer:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.i = 0
        self.out: list[_Block] = []

    def blocks(self) -> list[_Block]:
        while self.i < len(self.lines):
            self._step()
        return self.out

    def _starts_block(self, index: int) -> bool:
        """Whether line ``index`` begins a block other than a paragraph (ends paragraphs and values)."""
        line = self.lines[index]
        if not line.strip():
            return True
        return bool(
            _FENCE_OPEN.match(line)
            or _ATX.match(line)
            or _RULE.match(line)
            or _QUOTE.match(line)
            or _LIST_ITEM.match(line)
            or self._field_match(line)
            or self._table_at(index)
        )

    @staticmethod
    def _field_match(line: str) -> re.Match[str] | None:
        m = _FIELD.match(line)
        if m is None or not (m.group("inner") or m.group("outer")):
            return None
        return m

    def _table_at(self, index: int) -> bool:
        if index + 1 >= len(self.lines):
            return False
        header, delimiter = self.lines[index], self.lines[index + 1]
        if not has_unescaped_pipe(header):
            return False
        cells = _delimiter_cells(delimiter)
        if cells is None:
            return False
        # A lone dash line under a pipe-less header would be a setext heading, not a table.
        return has_unescaped_pipe(delimiter) or len(split_row(header)) > 1

    def _step(self) -> None:
        line = self.lines[self.i]
        number = self.i + 1
        if not line.strip() or _COMMENT.match(line):
            self.i += 1
            return
        fence = _FENCE_OPEN.match(line)
        if fence and not (fence.group("fence")[0] == "`" and "`" in fence.group("info")):
            self._fence(fence.group("fence"), number)
            return
        heading = _ATX.match(line)
        if heading:
            raw = _ATX_CLOSE.sub("", heading.group("text") or "")
            self.out.append(
                _Block("heading", number, text=inline_to_plain(raw), level=len(heading.group("hashes")))
            )
            self.i += 1
            return
        if _RULE.match(line):
            self.i += 1
            return
        if self._table_at(self.i):
            self._table(number)
            return
        quote = _QUOTE.match(line)
        if quote:
            parts = []
            while self.i < len(self.lines) and (m := _QUOTE.match(self.lines[self.i])):
                parts.append(m.group("text"))
                self.i += 1
            self.out.append(_Block("quote", number, text=" ".join(p.strip() for p in parts if p.strip())))
            return
        fld = self._field_match(line)
        if fld:
            self._field(fld, number)
            return
        item = _LIST_ITEM.match(line)
        if item:
            self._item(item, number)
            return
        self._paragraph(number)

    def _fence(self, fence: str, number: int) -> None:
        body: list[str] = []
        self.i += 1
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if _is_fence_close(line, fence):
                self.i += 1
                break
            heading = _ATX.match(line)
            if heading and len(heading.group("hashes")) == 2 and not self._closed_later(fence):
                # An unclosed fence would swallow the rest of the report; stop it at the next section.
                break
            body.append(line)
            self.i += 1
        self.out.append(_Block("fence", number, text="\n".join(body)))

    def _closed_later(self, fence: str) -> bool:
        return any(_is_fence_close(line, fence) for line in self.lines[self.i :])

    def _table(self, number: int) -> None:
        header = [_cell(c) for c in split_row(self.lines[self.i])]
        self.i += 2
        rows: list[list[str]] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if (
                not line.strip()
                or not has_unescaped_pipe(line)
                or _FENCE_OPEN.match(line)
                or _ATX.match(line)
            ):
                break
            rows.append([_cell(c) for c in split_row(line)])
            self.i += 1
        self.out.append(_Block("table", number, rows=[header, *rows]))

    def _continuation(self) -> list[str]:
        """Lines that continue the current paragraph, field value or list item."""
        parts: list[str] = []
        while self.i < len(self.lines) and not self._starts_block(self.i):
            if _SETEXT.match(self.lines[self.i]):
                break
            parts.append(self.lines[self.i].strip())
            self.i += 1
        return parts

    def _field(self, match: re.Match[str], number: int) -> None:
        self.i += 1
        parts = [match.group("value").strip(), *self._continuation()]
        value = " ".join(p for p in parts if p)
        items: list[str] = []
        if not value:
            # ``**Label:**`` followed by a list: the list is the value.
            j = self.i
            while j < len(self.lines) and not self.lines[j].strip():
                j += 1
            if j < len(self.lines) and _LIST_ITEM.match(self.lines[j]):
                self.i = j
                while self.i < len(self.lines) and (item := _LIST_ITEM.match(self.lines[self.i])):
                    self.i += 1
                    items.append(" ".join(p for p in [item.group("text") or "", *self._continuation()] if p))
        label = inline_to_plain(match.group("label")).rstrip(":").strip()
        plain_items = [inline_to_plain(i) for i in items]
        self.out.append(
            _Block(
                "field",
                number,
                label=label,
                text=inline_to_plain(value) or "\n".join(plain_items),
                items=plain_items,
            )
        )

    def _item(self, match: re.Match[str], number: int) -> None:
        self.i += 1
        parts = [(match.group("text") or "").strip(), *self._continuation()]
        self.out.append(_Block("item", number, text=inline_to_plain(" ".join(p for p in parts if p))))

    def _paragraph(self, number: int) -> None:
        first = self.lines[self.i].strip()
        self.i += 1
        parts = [first, *self._continuation()]
        if self.i < len(self.lines) and (bar := _SETEXT.match(self.lines[self.i])):
            level = 1 if bar.group("bar")[0] == "=" else 2
            self.i += 1
            self.out.append(_Block("heading", number, text=inline_to_plain(" ".join(parts)), level=level))
            return
        self.out.append(_Block("para", number, text=inline_to_plain(" ".join(parts))))


# ------------------------------------------------------------------------------------------- assembly


def _assemble(lines: list[str], blocks: list[_Block], text: str) -> ParsedReport:
    section_starts = [b for b in blocks if b.kind == "heading" and b.level == 2]
    first_section_line = section_starts[0].line if section_starts else len(lines) + 1
    title_block = next(
        (b for b in blocks if b.kind == "heading" and b.level == 1 and b.line < first_section_line), None
    )
    title = title_block.text if title_block is not None else None

    preamble_start = title_block.line if title_block is not None else 0
    preamble_lines = lines[preamble_start : first_section_line - 1]
    banner: str | None = None
    assumptions: list[str] = []
    for block in blocks:
        if block.line >= first_section_line or block is title_block:
            continue
        if block.kind == "quote" and banner is None and (m := _BANNER.match(block.text)):
            banner = inline_to_plain(m.group("text"))
        elif block.kind == "field" and block.label.lower() == "assumptions":
            assumptions.extend(block.items or ([block.text] if block.text else []))

    sections: list[ParsedSection] = []
    for index, start in enumerate(section_starts):
        end_line = section_starts[index + 1].line if index + 1 < len(section_starts) else len(lines) + 1
        members = [b for b in blocks if start.line < b.line < end_line]
        raw = "\n".join(lines[start.line - 1 : end_line - 1]).rstrip("\n")
        sections.append(_section(start, members, raw))

    return ParsedReport(
        title=title,
        preamble="\n".join(preamble_lines).strip("\n"),
        banner=banner,
        assumptions=assumptions,
        sections=sections,
        text=text,
    )


def _section(start: _Block, members: list[_Block], raw: str) -> ParsedSection:
    tables: list[ParsedTable] = []
    fields: dict[str, str] = {}
    code_blocks: list[str] = []
    notes: list[str] = []
    plain: list[str] = []
    fallback: str | None = None
    for block in members:
        if block.kind == "table":
            header, *rows = block.rows
            tables.append(ParsedTable(columns=header, rows=rows, line=block.line))
            plain.extend(" | ".join(cells) for cells in block.rows)
        elif block.kind == "field":
            fields.setdefault(block.label, block.text)
            plain.append(f"{block.label}: {block.text}")
        elif block.kind == "fence":
            code_blocks.append(block.text)
            plain.append(block.text)
        else:
            note = inline_to_plain(block.text) if block.kind == "quote" else block.text
            if block.kind == "quote" and fallback is None and (m := _FALLBACK.match(note)):
                fallback = m.group("reason")
            if note:
                notes.append(note)
                plain.append(note)
    return ParsedSection(
        heading=start.text,
        line=start.line,
        tables=tables,
        fields=fields,
        code_blocks=code_blocks,
        notes=notes,
        text=raw,
        plain="\n".join(plain),
        fallback=fallback,
    )
