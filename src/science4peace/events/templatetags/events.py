import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from science4peace.events.interfaces.timetable import clock_html
from science4peace.lib.timezones import zone

register = template.Library()


@register.simple_tag
def clock(instant: dt.datetime, zone_name: str, with_date: bool = False) -> SafeString:
    """``<time>`` with the local time and the zone's abbreviation, e.g. 09:00 CEST."""
    return clock_html(instant, zone(zone_name), with_date)


@register.filter
def answer_to(registration, question) -> str:
    """A registrant's answer to a custom question of the registration form."""
    return registration.answers.get(str(question.pk), "")


@register.filter
def ltr(value: object) -> SafeString:
    """``value`` isolated and left to right (a zone name, a number range) in any language."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)
