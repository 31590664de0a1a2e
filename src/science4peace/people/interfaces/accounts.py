"""django-allauth adapters: account mails greet from the platform's name, ORCID sign-in
exists only when configured, and links the iD."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import get_ip
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_noop

from science4peace.people.domain.people import do_link_orcid


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth names the site by its host ("Hello from s4p.example.org!"); ours has a
        name, SITE_NAME, which every other mail uses."""
        site = RequestSite(allauth_context.request)
        site.name = settings.SITE_NAME
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """Wrong passwords count per client AND account (``S4P_LOGIN_FAILURES``): allauth counts
        them per account alone, so anyone could lock anyone out by guessing from afar. The
        count per client alone (``S4P_LOGIN_FAILURES_PER_CLIENT``) still stops one client
        trying many accounts."""
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{get_ip(request)}|{login}"  # not the host allauth adds: hosts share counts


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


# Django's own Ukrainian catalogue (django.contrib.auth) leaves "Email" as "Email", and it is
# consulted before allauth's, so the log-in and sign-up forms showed "Email:" untranslated.
# Our catalogue (LOCALE_PATHS) is consulted first: the label is translated there.
ACCOUNT_LABELS = (gettext_noop("Email"),)
