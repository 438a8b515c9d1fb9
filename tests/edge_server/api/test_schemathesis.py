"""Property-based fuzzing of every operation in the app's own OpenAPI document
(schemathesis, over a real engine), authenticated as admin: no input may produce a 5xx.

Bounded (a few examples per operation, derandomised) so it runs in well under a minute.
Logout is left out: it would end the admin session the other cases use (it is covered in
test_tokens_and_errors.py). The test is synchronous on purpose: schemathesis drives the ASGI
app through its own client thread while the engine's threads (historian, journal) keep going.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.edge_server.api.conftest import ApiRig

EXAMPLES_PER_OPERATION = 8


def test_no_input_produces_a_server_error(rig: ApiRig) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", rig.app)
    headers = {"Authorization": f"Bearer {rig.tokens['admin']}"}
    tried: list[str] = []
    statuses: list[int] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/api/auth/logout":
            continue
        tried.append(f"{operation.method.upper()} {operation.path}")

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                  database=None, suppress_health_check=list(HealthCheck))
        def fuzz(case: Any) -> None:
            r = case.call_and_validate(headers=headers, checks=[not_a_server_error])
            statuses.append(r.status_code)

        fuzz()
    assert len(tried) >= 30
    assert sum(200 <= s < 300 for s in statuses) > 30, "the admin token got through"
