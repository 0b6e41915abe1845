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


_TOKEN = re.compile(r"\\([!-/:-@\[-`{-~])|(`+)|([\ue000-\uf8ff])")
_TICKS = re.compile(r"`+")


def _park(text: str, stash: list[str]) -> str:
    """Replace backslash escapes and code spans by Private Use Area placeholders."""
    out: list[str] = []
    pos = 0
    while (m := _TOKEN.search(text, pos)) is not None:
        out.append(text[pos : m.start()])
        pos = m.end()
        escaped, ticks, private = m.groups()
        if escaped is not None:
            out.append(chr(_ESCAPE_BASE + ord(escaped)))
        elif ticks is not None:
            close = _closing_ticks(text, pos, len(ticks))
            if close < 0 or len(stash) >= 0x8FF:
                out.append(ticks)
                continue
            content = text[pos:close]
            if len(content) > 2 and content[0] == " " and content[-1] == " " and content.strip():
                content = content[1:-1]
            out.append(chr(_STASH_BASE + len(stash)))
            stash.append(content)
            pos = close + len(ticks)
        else:
            # A literal Private Use Area character in the input: stash it so it is restored untouched.
            out.append(chr(_STASH_BASE + len(stash)))
            stash.append(private)
    out.append(text[pos:])
    return "".join(out)


def _closing_ticks(text: str, start: int, length: int) -> int:
    """Index of the next backtick run of exactly ``length`` after ``start``, or -1."""
    for run in _TICKS.finditer(text, start):
        if run.end() - run.start() == length:
            return run.start()
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
