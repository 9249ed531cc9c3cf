"""The whole REST API fuzzed by schemathesis from its own OpenAPI document, in process (the app
object, no network), on SQLite and on PostgreSQL: no answer is a server error, every error has
the documented shape ``{"error": {"status": N, "message": "…"}}``, and every answer conforms to
the document. Each operation gets data that fits its schema and data that does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok
from schemathesis.core.transport import Response

from sitrep.serve import create_app
from sitrep.store import Store
from tests.serve.conftest import LOCAL, TOKEN, sample_records
from tests.store.conftest import store_location

__all__ = ["store_location"]

# Per operation and generation mode: 9 operations x 2 modes x 25 take about 10 s a store.
EXAMPLES = 25
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CHECKS = SchemathesisConfig.from_dict(
    {
        "checks": {
            # 413: a body over the upload limit is refused before its JSON is read.
            "negative_data_rejection": {"expected-statuses": [400, 401, 403, 404, 413, 422]},
        }
    }
)


@pytest.fixture
def app(store_location: str) -> Iterator[FastAPI]:
    with Store(store_location) as store:
        for data in sample_records():
            store.add(data)
    application = create_app(store_location, token=TOKEN, max_upload_bytes=4000)
    yield application
    application.state.config.uploads.close()
    application.state.config.store.close()


def error_shape_problem(response: Response) -> str | None:
    """What is wrong with an answer: a server error, or an error not in the one shape."""
    if response.status_code >= 500:
        return f"server error {response.status_code}: {response.text[:200]}"
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        return f"error {response.status_code} is not JSON: {response.text[:200]}"
    try:
        message = body["error"]["message"]
    except (KeyError, TypeError):
        message = None
    expected = {"error": {"status": response.status_code, "message": message}}
    if not isinstance(message, str) or not message or body != expected:
        return f"error {response.status_code} is not in the documented shape: {body}"
    return None


def fuzz(app: FastAPI) -> tuple[int, int, list[str]]:
    """Operations, cases sent and the failures found (each once, with the request)."""
    schema = schemathesis.openapi.from_asgi(
        "/api/v1/openapi.json", app, config=CHECKS, headers={"Host": "localhost"}
    )
    operations, cases, failures = 0, [0], set()
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()
        operations += 1
        for mode in GenerationMode:

            @given(case=operation.as_strategy(mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def send(case: Case[Any]) -> None:
                cases[0] += 1
                response = case.call(base_url=LOCAL, headers=AUTH)
                problem = error_shape_problem(response)
                try:
                    # The schema cannot say all that the API refuses: lat without lon, control
                    # characters, an upload that is not an article (too short, not English).
                    case.validate_response(response, excluded_checks=[positive_data_acceptance])
                except FailureGroup as group:
                    problem = problem or f"{response.status_code} " + "; ".join(
                        failure.title for failure in group.exceptions
                    )
                if problem:
                    failures.add(f"{case.method} {case.formatted_path} {_request(case)}: {problem}")

            try:
                send()
            except Unsatisfiable:  # nothing breaks this schema (a path of any string)
                assert mode is GenerationMode.NEGATIVE, operation.label
                print(f"no data breaks {operation.label}")
    return operations, cases[0], sorted(failures)


def _request(case: Case[Any]) -> dict[str, Any]:
    return {"query": case.query, "path": case.path_parameters, "body": case.body}


def test_api_fuzzed_gives_no_server_error_and_one_error_shape(app: FastAPI) -> None:
    operations, cases, failures = fuzz(app)
    print(f"schemathesis: {operations} operations, {cases} cases, {len(failures)} failures")
    assert operations == 9
    assert cases >= operations * EXAMPLES
    assert failures == [], "\n".join(failures)
