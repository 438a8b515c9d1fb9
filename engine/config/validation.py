"""Turning pydantic's validation errors into located ConfigErrors."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from engine.config.yaml_source import YamlSource

M = TypeVar("M", bound=BaseModel)


def validate(source: YamlSource, model: type[M]) -> M:
    """Validate the document against ``model``; the first error becomes a ConfigError.

    Only the first error is raised (with a count of the others) because an operator fixing a
    file goes top to bottom, and one precise line beats a page of cascading complaints.
    """
    if not isinstance(source.data, dict):
        raise source.error((), "the top level must be a mapping of keys to values")
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        path = tuple(p for p in first["loc"] if isinstance(p, str | int))
        message = _message(first)
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more problem(s) after fixing this one)"
        raise source.error(path, message) from None


def _message(error: object) -> str:
    err = dict(error)  # type: ignore[call-overload]
    kind = err.get("type")
    if kind == "extra_forbidden":
        return "unknown key (misspelt? see docs/configuration.md for the keys allowed here)"
    if kind == "missing":
        return "required key is missing"
    msg = str(err.get("msg", "invalid value"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    value = err.get("input")
    if isinstance(value, str | int | float | bool):
        msg += f" (got {value!r})"
    return msg
