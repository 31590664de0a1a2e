"""The JSON API under ``/api/``; its OpenAPI document is ``/api/openapi.json``."""

from science4peace.catalog.api import router as catalog_router
from science4peace.collaborations.api import router as collaborations_router
from science4peace.core.api_errors import ContractAPI, install_error_handlers
from science4peace.core.api_throttling import ClientThrottle, TokenThrottle
from science4peace.events.api import router as events_router
from science4peace.institutions.api import router as institutions_router
from science4peace.notifications.api import router as notifications_router
from science4peace.papers.api import router as papers_router
from science4peace.people.api import router as people_router
from science4peace.projects.api import router as projects_router
from science4peace.review.api import router as review_router
from science4peace.spaces.api import router as spaces_router

api = ContractAPI(
    title="Science4Peace API",
    version="1.0.0",
    description="People, institutions, countries, collaborations, papers, online events "
    "and the catalog of open research records "
    "of a Science4Peace installation. "
    "Read endpoints are public; write endpoints take a personal API token as "
    "`Authorization: Bearer s4p_...`.",
    urls_namespace="api-1.0.0",
    throttle=[ClientThrottle(), TokenThrottle()],
)
install_error_handlers(api)
api.add_router("/", people_router)
api.add_router("/", institutions_router)
api.add_router("/", collaborations_router)
api.add_router("/", papers_router)
api.add_router("/", events_router)
api.add_router("/", catalog_router)
api.add_router("/", projects_router)
api.add_router("/", spaces_router)
api.add_router("/", notifications_router)
api.add_router("/", review_router)
