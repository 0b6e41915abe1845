"""Skill packs: typed schemas, the offline expert engine and domain checks for specific skills."""

from __future__ import annotations

import importlib

from ._base import Pack

# Pack modules are imported on first use so that `skillrun --help` stays cheap.
_PACKS = {"ml-workflow": "skillrun.packs.ml_workflow"}


def get_pack(skill_slug: str) -> Pack | None:
    """The pack serving ``skill_slug``, or ``None`` when the skill has none."""
    module = _PACKS.get(skill_slug)
    if module is None:
        return None
    return importlib.import_module(module).PACK


__all__ = ["Pack", "get_pack"]
