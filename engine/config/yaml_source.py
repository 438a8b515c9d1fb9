"""YAML parsing that remembers where every value was written.

PyYAML's ``safe_load`` forgets positions, so errors found later (by the schema or by whole-field
rules) could not name a line. We compose the node tree once, keep it, and map an error's field
path (``sites[0].devices[2].port``) back to the line of that value. Duplicate keys, which PyYAML
accepts silently by keeping the last one, are rejected: in a field config they are always a
copy-paste mistake.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from engine.config.errors import ConfigError


class YamlSource:
    """A parsed YAML document plus its node tree, for locating errors."""

    def __init__(self, text: str, file: Path) -> None:
        self.file = file
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or str(exc)
            raise ConfigError(file, f"not valid YAML: {problem}", line=line) from exc
        if self.root is None:
            raise ConfigError(file, "the file is empty", line=1)
        self._reject_duplicate_keys(self.root, ())
        self.data: Any = yaml.SafeLoader(text).get_single_data()

    @classmethod
    def read(cls, file: Path) -> YamlSource:
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(file, "file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(file, f"cannot read the file: {exc}") from exc
        return cls(text, file)

    def _reject_duplicate_keys(self, node: yaml.Node, path: tuple[str | int, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in seen:
                    raise ConfigError(
                        self.file,
                        f"key {key!r} is written twice (first on line {seen[key]})",
                        line=key_node.start_mark.line + 1,
                        field=(*path, key),
                    )
                seen[key] = key_node.start_mark.line + 1
                self._reject_duplicate_keys(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._reject_duplicate_keys(item, (*path, index))

    def line_of(self, path: tuple[str | int, ...]) -> int:
        """Line (1-based) of the value at ``path``, or of its closest existing parent."""
        assert self.root is not None
        node: yaml.Node = self.root
        for part in path:
            child = self._child(node, part)
            if child is None:
                break
            node = child
        return int(node.start_mark.line) + 1

    @staticmethod
    def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(part):
                    return value_node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and (
            0 <= part < len(node.value)
        ):
            return node.value[part]
        return None

    def error(self, path: tuple[str | int, ...], message: str) -> ConfigError:
        return ConfigError(self.file, message, line=self.line_of(path), field=path)
