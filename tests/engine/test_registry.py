from __future__ import annotations

import psycopg

from domain.field import DeviceDef, Field, SiteDef
from domain.tags import TagDef
from engine.store.registry import sync_registry


def make_field(tag_names: list[str]) -> Field:
    tags = tuple(TagDef(name=n, device="W01", address=i * 2) for i, n in enumerate(tag_names))
    device = DeviceDef(name="W01", site="PAD-A", port=15001, tags=tags)
    return Field(name="F", sites=(SiteDef(name="PAD-A", devices=(device,)),))


def test_ids_are_stable_and_removed_tags_retire(database_url: str) -> None:
    first = sync_registry(database_url, make_field(["A", "B", "C"]))
    second = sync_registry(database_url, make_field(["C", "A", "D"]))
    assert first["A"] == second["A"] and first["C"] == second["C"]
    assert "B" not in second and second["D"] not in first.values()
    with psycopg.connect(database_url) as conn:
        retired = {r[0] for r in conn.execute("SELECT name FROM tags WHERE retired_at IS NOT NULL")}
    assert retired == {"B"}
    third = sync_registry(database_url, make_field(["A", "B"]))  # B comes back with its old id
    assert third["B"] == first["B"]
    with psycopg.connect(database_url) as conn:
        retired = {r[0] for r in conn.execute("SELECT name FROM tags WHERE retired_at IS NOT NULL")}
    assert retired == {"C", "D"}
