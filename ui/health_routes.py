"""`/healthz` (the process answers) and `/readyz` (it can serve: database, and Redis when
configured) for load balancers and orchestrators. Public, as they hold no data; plain
functions, so FastAPI runs the checks off the event loop."""

from fastapi.responses import JSONResponse
from nicegui import app

from storage.health import readiness
from storage.use_cases import Services


def register(services: Services) -> None:
    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        body = {"status": "ok"} | ({"instance": name} if (name := services.instance_name) else {})
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    @app.get("/readyz", include_in_schema=False)
    def readyz() -> JSONResponse:
        found = readiness(services)
        body = {
            "status": "ready" if found.ready else "not ready",
            "database": found.database,
            "redis": found.redis,
        }
        return JSONResponse(
            body, status_code=200 if found.ready else 503, headers={"Cache-Control": "no-store"}
        )
