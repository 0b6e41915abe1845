"""Inline markdown to the plain text a reader sees: the parser's per-cell and per-line decoder.

For text our renderer wrote, this is exactly :func:`skillrun.report._escape.unescape_cell` (every markup
character arrives backslash-escaped, so none of it is live). For text an LLM wrote, live markup is
removed: ``**bold**`` and ``_em_`` lose their markers, code spans keep their content verbatim, links keep
their text, and ``<br>`` becomes a line break.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation character.
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Escaped characters and code-span contents are parked in the Private Use Area while live markup is
# stripped, so they can never be mistaken for markup themselves.
_ESCAPE_BASE = 0xE000
_STASH_BASE = 0xF000
_PARKED = re.compile("[\ue000-\ue07f\uf000-\uf8ff]")

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"\n]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>", re.IGNORECASE)
_STRONG_STAR = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_STRONG_UNDER = re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def _park(text: str, stash: list[str]) -> str:
    """Replace backslash escapes and code spans by Private Use Area placeholders."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _ASCII_PUNCT:
            out.append(chr(_ESCAPE_BASE + ord(text[i + 1])))
            i += 2
            continue
        if ch == "`":
            run_end = i
            while run_end < n and text[run_end] == "`":
                run_end += 1
            ticks = text[i:run_end]
            close = _closing_ticks(text, run_end, len(ticks))
            if close >= 0 and len(stash) < 0x8FF:
                content = text[run_end:close]
                if len(content) > 2 and content[0] == " " and content[-1] == " " and content.strip():
                    content = content[1:-1]
                out.append(chr(_STASH_BASE + len(stash)))
                stash.append(content)
                i = close + len(ticks)
                continue
            out.append(ticks)
            i = run_end
            continue
        if _ESCAPE_BASE <= ord(ch) <= 0xF8FF:
            # A literal Private Use Area character in the input: stash it so it is restored untouched.
            out.append(chr(_STASH_BASE + len(stash)))
            stash.append(ch)
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _closing_ticks(text: str, start: int, length: int) -> int:
    """Index of the next backtick run of exactly ``length`` after ``start``, or -1."""
    i, n = start, len(text)
    while i < n:
        if text[i] == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            if j - i == length:
                return i
            i = j
        else:
            i += 1
    return -1


def _unpark(text: str, stash: list[str]) -> str:
    def restore(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code >= _STASH_BASE:
            return stash[code - _STASH_BASE]
        return chr(code - _ESCAPE_BASE)

    return _PARKED.sub(restore, text)


def inline_to_plain(text: str) -> str:
    """The plain text of one line (or cell) of inline markdown, with ``<br>`` as ``\\n``."""
    if not text:
        return ""
    stash: list[str] = []
    body = _park(text, stash)
    body = _BREAK.sub("\n", body)
    body = _IMAGE_OR_LINK.sub(r"\1", body)
    body = _AUTOLINK.sub(r"\1", body)
    if "*" in body or "_" in body or "~" in body:
        for pattern in (_STRONG_STAR, _STRONG_UNDER, _EM_STAR, _EM_UNDER, _STRIKE):
            body = pattern.sub(r"\1", body)
    body = "\n".join(line.strip() for line in body.split("\n"))
    return _unpark(body, stash).strip()
