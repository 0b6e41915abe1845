"""The bits of CommonMark the loader needs: source decoding, code fences, ATX headings, table rows.

Everything works on a list of lines (``\\n`` already normalised) addressed by 0-based index; callers
turn an index into a 1-based line number for messages. Fences are tracked everywhere because most real
SKILL.md files hold ``# comment`` lines inside code blocks, and those must never start a section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..report._escape import split_row as _split_raw

# Fences are accepted at any indentation: skills nest them in list items far more often than they
# write 4-space indented code, and an unmatched fence would swallow the rest of the document.
_FENCE_OPEN = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_ATX = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")


@dataclass(frozen=True)
class DecodeFailure:
    line: int
    message: str


def decode_source(data: bytes) -> str | DecodeFailure:
    """UTF-8 text with the BOM removed and line endings normalised, or why the bytes are not text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return DecodeFailure(line, f"binary content (NUL byte at offset {nul}), not a text skill file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1].hex()
        return DecodeFailure(line, f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})")
    return normalize(text)


def normalize(text: str) -> str:
    """Drop a leading BOM and turn CRLF / CR line endings into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Fence:
    start: int
    """Index of the opening fence line."""
    end: int
    """Index of the closing fence line, or the end of the scanned range when the fence is unclosed."""
    info: str
    closed: bool

    @property
    def language(self) -> str:
        word = self.info.split(maxsplit=1)
        return word[0].lower() if word else ""

    @property
    def content(self) -> range:
        return range(self.start + 1, self.end)


def find_fences(lines: list[str], start: int = 0, end: int | None = None) -> list[Fence]:
    """The outermost fenced code blocks between ``start`` and ``end`` (exclusive), in order.

    Unlike CommonMark, a fence line with an info string inside an open block of the same fence
    character opens a nested block: authors put a ```` ```bash ```` example inside a ```` ```markdown ````
    template without lengthening the outer fence, and expect the outer block to end at its own
    closing line, not at the inner one.
    """
    stop = len(lines) if end is None else end
    fences: list[Fence] = []
    i = start
    while i < stop:
        m = _FENCE_OPEN.match(lines[i])
        if m is None or (m["fence"][0] == "`" and "`" in m["info"]):
            i += 1
            continue
        marker = m["fence"]
        run = rf"{re.escape(marker[0])}{{{len(marker)},}}"
        closing, nested = re.compile(rf"^\s*{run}\s*$"), re.compile(rf"^\s*{run}[^`\s][^`]*$")
        depth, j = 1, i + 1
        while j < stop:
            if closing.match(lines[j]):
                depth -= 1
                if depth == 0:
                    break
            elif nested.match(lines[j]):
                depth += 1
            j += 1
        fences.append(Fence(i, j, m["info"].strip(), closed=j < stop))
        i = j + 1
    return fences


def fenced_lines(fences: list[Fence]) -> set[int]:
    """Indices covered by the fences, their fence lines included."""
    covered: set[int] = set()
    for fence in fences:
        covered.update(range(fence.start, fence.end + 1))
    return covered


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    index: int


def atx_heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` when ``line`` is an ATX heading (``## Title ##``), else ``None``."""
    m = _ATX.match(line)
    if m is None:
        return None
    text = _CLOSING_HASHES.sub("", m["text"] or "").strip()
    return len(m["hashes"]), text


def find_headings(lines: list[str], start: int, end: int, skip: set[int]) -> list[Heading]:
    found = []
    for i in range(start, end):
        if i in skip:
            continue
        parsed = atx_heading(lines[i])
        if parsed is not None:
            found.append(Heading(parsed[0], parsed[1], i))
    return found


def is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def split_row(line: str) -> list[str]:
    """Cells of a ``| a | b |`` row, trimmed; ``\\|`` stays inside its cell as a literal pipe."""
    return [cell.replace("\\|", "|") for cell in _split_raw(line)]


def is_separator_row(cells: list[str]) -> bool:
    """True for the ``|---|:---:|`` row under a table header."""
    return bool(cells) and all(_SEPARATOR_CELL.match(cell.replace(" ", "")) for cell in cells)


def trimmed(lines: list[str], start: int, end: int) -> str:
    """Lines ``start..end`` joined, without blank lines at either edge."""
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])


def section_key(title: str) -> str:
    """``Output Format`` -> ``output_format``; ``A/B Testing`` -> ``a_b_testing``."""
    return re.sub(r"[\W_]+", "_", title.lower()).strip("_")
