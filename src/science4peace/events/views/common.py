from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from science4peace.events import rules
from science4peace.events.models import Event, Registration


def visible_event(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(Event, pk=pk)
    if not rules.can_see(request.user, event):
        raise Http404
    return event


def managed_event(request: HttpRequest, pk: int) -> Event:
    event = visible_event(request, pk)
    if not rules.can_manage(request.user, event):
        raise Http404
    return event


def own_registration(request: HttpRequest, event: Event) -> Registration | None:
    if not request.user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=request.user).first()


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")
