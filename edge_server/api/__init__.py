"""The edge's HTTP API (FastAPI): ``create_app(ApiContext)``; ``server.serve_api`` runs it
with uvicorn inside the edge process. docs/api.md describes the endpoints."""

from edge_server.api.app import create_app
from edge_server.api.context import ApiContext

__all__ = ["ApiContext", "create_app"]
