"""The one exception tree of skillrun.

Every error that skillrun raises on purpose derives from :class:`SkillrunError`, so a caller can catch
the whole family with one ``except`` and the CLI can turn any of them into one line on stderr::

    SkillrunError
    ├── UsageError                    bad input from the user (exit 2)
    │   ├── EmptyRequestError         the request is empty or whitespace only
    │   ├── UnknownSkillError         no loaded skill has that name or slug
    │   └── ToolDefinitionError       skills cannot become tools: unknown format, clashing names
    ├── SkillFileError                a skill file cannot be read or is malformed (exit 1 in `validate`)
    │   ├── SkillParseError           carries one or more ``path:line: message`` problems
    │   └── KnowledgeError            a skill's knowledge file is missing or does not match its schema
    ├── TemplateMismatchError         a section does not fit the skill's Output Format
    ├── ModelError                    a backend could not give a usable answer
    │   ├── ModelNotFoundError        the model string names no known backend (exit 2)
    │   ├── ModelConfigError          the backend cannot be set up: no API key, bad base URL (exit 2)
    │   ├── ModelRequestsBlockedError real provider calls are switched off (tests)
    │   ├── ModelUnavailableError     transport failures that survived the retries (exit 3)
    │   ├── ModelRefusalError         the model refused or stopped before finishing
    │   └── ModelOutputError          the answer never validated against the schema
    ├── ChainError                    the chain could not produce a report
    │   └── SectionFailedError        a section failed and fallback was switched off (exit 3)
    └── EvalError                     the eval harness cannot run
        ├── SuiteError                a malformed suite file, as ``path:line: message``
        └── JudgeParseError           a judge answer that is no verdict (recorded as an error result)

Messages never contain secrets: errors that wrap provider exceptions keep only the status and a
redacted summary (see :func:`skillrun.models.redact`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ChainError",
    "EmptyRequestError",
    "EvalError",
    "JudgeParseError",
    "KnowledgeError",
    "ModelConfigError",
    "ModelError",
    "ModelNotFoundError",
    "ModelOutputError",
    "ModelRefusalError",
    "ModelRequestsBlockedError",
    "ModelUnavailableError",
    "Problem",
    "SectionFailedError",
    "SkillFileError",
    "SkillParseError",
    "SkillrunError",
    "SuiteError",
    "TemplateMismatchError",
    "ToolDefinitionError",
    "UnknownSkillError",
    "UsageError",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about a file, printed as ``path:line: message``."""

    path: str
    line: int
    message: str
    severity: str = "error"
    """``"error"`` stops loading; ``"warning"`` is reported and loading goes on."""

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class SkillrunError(Exception):
    """Base class of every error skillrun raises on purpose."""

    exit_code: int = 1


class UsageError(SkillrunError):
    """The user's input cannot be used as given."""

    exit_code = 2


class EmptyRequestError(UsageError):
    """The request is empty or holds only whitespace."""


class UnknownSkillError(UsageError):
    """No loaded skill answers to the given name."""


class ToolDefinitionError(UsageError, ValueError):
    """The skills cannot be offered as function-calling tools (an unknown format, two skills with one
    tool name). Also a ``ValueError``, as it was before the tree held it."""


class SkillFileError(SkillrunError):
    """A skill file cannot be read or is malformed."""


class KnowledgeError(SkillFileError):
    """A skill's knowledge file (catalogues, thresholds, the intake model) is missing or invalid."""


class SkillParseError(SkillFileError):
    """A skill file has one or more errors; ``str()`` gives one ``path:line: message`` per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: str | Path, line: int, message: str) -> SkillParseError:
        return cls([Problem(str(path), line, message)])


class TemplateMismatchError(SkillrunError):
    """Content does not fit the Output Format of its skill (wrong columns, rows or fields)."""


class ModelError(SkillrunError):
    """A backend could not give a usable answer."""

    exit_code = 3


class ModelNotFoundError(ModelError, UsageError):
    """The model string does not name a known backend."""

    exit_code = 2


class ModelConfigError(ModelError, UsageError):
    """The backend cannot be set up as configured (no API key, a malformed base URL).

    A fallback would hide a mistake the user has to fix, so this error always stops the run.
    """

    exit_code = 2


class ModelRequestsBlockedError(ModelError):
    """Real provider requests are switched off (``skillrun.models.ALLOW_MODEL_REQUESTS``)."""


class ModelUnavailableError(ModelError):
    """The provider could not be reached or kept failing after the retries."""


class ModelRefusalError(ModelError):
    """The model refused, or stopped before it finished the answer (length limit)."""


class ModelOutputError(ModelError):
    """The model's answer did not validate against the section schema, re-asks included."""


class ChainError(SkillrunError):
    """The chain could not produce a report."""

    exit_code = 3


class SectionFailedError(ChainError):
    """A section failed and fallback to the expert engine was switched off."""

    def __init__(self, step: str, reason: str) -> None:
        self.step = step
        self.reason = reason
        super().__init__(f"section {step!r} failed: {reason}")


class EvalError(SkillrunError):
    """The eval harness cannot run."""

    exit_code = 2


class SuiteError(EvalError):
    """A malformed eval suite file; ``str()`` gives ``path:line: message`` lines."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class JudgeParseError(EvalError):
    """The judge's answer holds no usable verdict; the harness records it as an error, never a pass."""
