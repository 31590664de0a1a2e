import datetime as dt

from django import template
from django.utils.html import format_html

from science4peace.lib.timezones import zone

register = template.Library()


@register.simple_tag
def clock(instant: dt.datetime, zone_name: str, with_date: bool = False):
    """``<time>`` with the local time and the zone's abbreviation, e.g. 09:00 CEST."""
    moment = instant.astimezone(zone(zone_name))
    shown = moment.strftime("%Y-%m-%d %H:%M %Z" if with_date else "%H:%M %Z")
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), shown)
