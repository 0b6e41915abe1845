"""The chain: a DAG of section agents defined in ``agents/<skill>.yaml``."""

from ._spec import ChainSpec, StepSpec

__all__ = ["ChainSpec", "StepSpec"]
