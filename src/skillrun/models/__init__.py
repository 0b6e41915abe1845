"""The one model seam and its registry.

``get_model("expert")`` gives the offline expert engine; ``get_model("openai:MODEL")``,
``get_model("openai-compat:MODEL", base_url=...)`` and ``get_model("anthropic:MODEL")`` give the SDK
backends (their SDKs are imported only when a request is made); ``get_model(chat_model)`` wraps any
langchain-core chat model. Fakes for tests ship here too, so users can test their own code the same way.

``ALLOW_MODEL_REQUESTS = False`` blocks every real provider call (the test suite sets it), raising
:class:`~skillrun.errors.ModelRequestsBlockedError` instead.
"""

ALLOW_MODEL_REQUESTS = True

from ._anthropic import AnthropicModel  # noqa: E402
from ._base import (  # noqa: E402
    Message,
    Model,
    ModelRequest,
    ModelResponse,
    ModelSettings,
    SectionTask,
    Usage,
)
from ._expert import ExpertModel  # noqa: E402
from ._fake import FunctionModel, scripted  # noqa: E402
from ._langchain import LangChainModel  # noqa: E402
from ._openai import OpenAIModel  # noqa: E402
from ._registry import (  # noqa: E402
    DEFAULT_MODEL,
    cost_of,  # noqa: E402
    get_model,
    register_backend,
)
from ._transport import redact  # noqa: E402

__all__ = [
    "ALLOW_MODEL_REQUESTS",
    "AnthropicModel",
    "DEFAULT_MODEL",
    "ExpertModel",
    "LangChainModel",
    "OpenAIModel",
    "cost_of",
    "redact",
    "FunctionModel",
    "get_model",
    "register_backend",
    "scripted",
    "Message",
    "Model",
    "ModelRequest",
    "ModelResponse",
    "ModelSettings",
    "SectionTask",
    "Usage",
]
