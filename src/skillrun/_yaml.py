"""YAML read once for both its data and its node tree, whose marks give error messages their lines."""

from __future__ import annotations

from typing import Any

import yaml


def load_with_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """The data of the single document in ``text`` and its node tree (``None`` for an empty text).

    Raises :class:`yaml.YAMLError` as :func:`yaml.safe_load` does.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()
