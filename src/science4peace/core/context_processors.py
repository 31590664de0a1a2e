from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "ORCID_ENABLED": "orcid" in settings.SOCIALACCOUNT_PROVIDERS,
    }
