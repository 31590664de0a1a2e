"""django-allauth adapters: ORCID sign-in exists only when configured, and links the iD."""

from typing import Any

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.http import Http404, HttpRequest

from science4peace.people.domain.people import do_link_orcid


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_app(self, request: HttpRequest, provider: Any, client_id: Any = None) -> Any:
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist as exc:
            raise Http404(f"sign-in with {provider} is not configured here") from exc

    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> Any:
        user = super().save_user(request, sociallogin, form)
        if sociallogin.account.provider == "orcid":
            do_link_orcid(
                user,
                orcid=sociallogin.account.uid,
                given_name=user.first_name,
                family_name=user.last_name,
            )
        return user
