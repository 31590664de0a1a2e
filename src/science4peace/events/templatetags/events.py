import datetime as dt

from django import template
from django.utils.safestring import SafeString

from science4peace.events.interfaces.timetable import clock_html
from science4peace.lib.timezones import zone

register = template.Library()


@register.simple_tag
def clock(instant: dt.datetime, zone_name: str, with_date: bool = False) -> SafeString:
    """``<time>`` with the local time and the zone's abbreviation, e.g. 09:00 CEST."""
    return clock_html(instant, zone(zone_name), with_date)
