"""The two pickers every form uses (docs/development.md, "Pickers").

``ZoneField``: an IANA time zone chosen from a ``<select>`` grouped by region, each zone with
its UTC offset now; ``core/pickers.js`` adds a search box and offers the browser's zone first.

``PickerField``: one object (or several) out of thousands (people, institutions, authors),
chosen by typing part of its name. With JavaScript, htmx asks ``search_url`` for the matches
as the person types and shows them as radio buttons (checkboxes when several may be chosen);
without it, the text typed is searched when the form is posted: one match is taken, several
come back as the same radio buttons to choose from. The matches of both come from the same
``search`` function, which the app's search view also calls."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from science4peace.core.validators import validate_zone

# The IANA regions, in the order of the list (Etc holds only UTC itself).
REGIONS = {
    "Africa": _("Africa"),
    "America": _("America"),
    "Antarctica": _("Antarctica"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}
UNIVERSAL = ("UTC",)


def utc_offset(name: str, at: dt.datetime) -> str:
    """``UTC+05:30``: the offset of zone ``name`` at instant ``at``."""
    offset = at.astimezone(zoneinfo.ZoneInfo(name)).utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, tuple[str, ...]]:
    names = zoneinfo.available_timezones()
    grouped = {
        region: tuple(sorted(n for n in names if n.startswith(region + "/"))) for region in REGIONS
    }
    grouped["Etc"] = tuple(n for n in UNIVERSAL if n in names)
    return grouped


@lru_cache(maxsize=2)
def _labelled(bucket: int) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    at = dt.datetime.fromtimestamp(bucket * 900, tz=dt.UTC)
    return tuple(
        (region, tuple((n, f"{n} ({utc_offset(n, at)})") for n in names))
        for region, names in _zone_names().items()
    )


def zone_groups(at: dt.datetime | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The zones of the picker: (region label, [(name, "name (UTC+hh:mm)")]) with the offsets
    at ``at`` (now), recomputed every quarter hour (offsets change on those boundaries)."""
    bucket = _bucket(at)
    return [
        (str(REGIONS.get(region, _("Universal time"))), list(options))
        for region, options in _labelled(bucket)
    ]


def listed_zones() -> frozenset[str]:
    return frozenset(n for names in _zone_names().values() for n in names)


class ZoneSelect(forms.Widget):
    """A ``<select>`` of every zone grouped by region; a value not in the list (an older
    alias such as ``US/Eastern``) is kept as an option of its own, so nothing is lost. The
    ~500 options are written once per quarter hour and language (no template loop: the
    timetable and every form carry them)."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, empty_label: Any = None):
        super().__init__(attrs)
        self.empty_label = empty_label

    def format_value(self, value: Any) -> str:
        return (value or "").strip() if isinstance(value, str) else ""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        current = self.format_value(value)
        final = self.build_attrs(self.attrs, attrs)
        final.pop("maxlength", None)
        final.update(
            {
                "data-zone-picker": "",
                "data-initial": current,
                "data-search-label": str(_("Search time zones")),
                "data-browser-label": str(_("Your browser’s time zone")),
            }
        )
        head = SafeString("")
        if self.empty_label is not None:
            head = format_html('<option value="">{}</option>', self.empty_label)
        if current and current not in listed_zones():
            label = current
            if _known(current):
                label = f"{current} ({utc_offset(current, dt.datetime.now(dt.UTC))})"
            head += format_html(
                '<optgroup label="{}"><option value="{}">{}</option></optgroup>',
                _("Current value"),
                current,
                label,
            )
        options = _options_html(_bucket(), get_language() or "")
        if current in listed_zones():
            marker = f'<option value="{escape(current)}">'
            options = options.replace(marker, marker[:-1] + " selected>", 1)
        # every piece of ``options`` went through format_html in _options_html
        safe_options = mark_safe(options)  # noqa: S308
        return format_html(
            '<select name="{}"{}>{}{}</select>', name, flatatt(final), head, safe_options
        )


def _bucket(at: dt.datetime | None = None) -> int:
    return int((at or dt.datetime.now(dt.UTC)).timestamp() // 900)


@lru_cache(maxsize=8)
def _options_html(bucket: int, language: str) -> str:
    at = dt.datetime.fromtimestamp(bucket * 900, tz=dt.UTC)
    return "".join(
        format_html('<optgroup label="{}">', region)
        + "".join(format_html('<option value="{}">{}</option>', v, label) for v, label in options)
        + "</optgroup>"
        for region, options in zone_groups(at)
    )


def _known(name: str) -> bool:
    try:
        validate_zone(name)
    except ValidationError:
        return False
    return True


class ZoneField(forms.CharField):
    """An IANA zone name chosen from ``ZoneSelect``; checked by ``validate_zone`` (any name
    zoneinfo knows is accepted, as the API accepts it)."""

    def __init__(
        self, *, required: bool = True, empty_label: Any = None, check: bool = True, **kwargs: Any
    ):
        self.check = check  # False: the domain function checks the zone with the other fields
        kwargs.setdefault("max_length", 64)
        kwargs.pop("widget", None)
        kwargs.pop("choices", None)
        if not required and empty_label is None:
            empty_label = _("(none)")
        super().__init__(required=required, widget=ZoneSelect(empty_label=empty_label), **kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if value and self.check:
            validate_zone(value)


# ------------------------------------------------------------------ search pickers

LIMIT = 20


@dataclass(frozen=True)
class Typed:
    """What a picker posts: the ids chosen and the text typed in its search box."""

    ids: tuple[str, ...] = ()
    q: str = ""


@dataclass
class Choice:
    value: str
    label: str
    checked: bool = False


@dataclass
class Matches:
    """The matches of a search, as the results fragment and the form show them."""

    choices: list[Choice] = field(default_factory=list)
    more: bool = False
    q: str = ""


def find(search: Callable[[str], Any], q: str, describe: Callable[[Any], str]) -> Matches:
    """At most LIMIT matches of ``q``, in the order of ``search``; ``more`` when there are
    more (the person types more)."""
    found = list(search(q)[: LIMIT + 1]) if q else []  # type: ignore[index]
    return Matches(
        choices=[Choice(str(obj.pk), describe(obj)) for obj in found[:LIMIT]],
        more=len(found) > LIMIT,
        q=q,
    )


class SearchPicker(forms.Widget):
    template_name = "core/widgets/search_picker.html"

    def __init__(
        self,
        *,
        search_url: Any,
        multiple: bool = False,
        placeholder: Any = "",
        attrs: dict[str, Any] | None = None,
    ):
        super().__init__(attrs)
        self.search_url = search_url
        self.multiple = multiple
        self.placeholder = placeholder
        self.chosen: list[Choice] = []
        self.matches: Matches | None = None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Typed:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if values is None:
            values = []
        elif isinstance(values, str | int):
            values = [values]
        ids = tuple(str(v).strip() for v in values if str(v).strip())
        q = str(data.get(f"{name}-q", "")).replace("\x00", "").strip()[:200]
        return Typed(ids=ids, q=q)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}-q" not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget.update(
            {
                "search_url": str(self.search_url),
                "multiple": self.multiple,
                "placeholder": str(self.placeholder),
                "chosen": self.chosen,
                "matches": self.matches,
                "q": value.q if isinstance(value, Typed) else "",
            }
        )
        return context


class PickerField(forms.Field):
    """One object (``multiple=False``) or a list of them, chosen through ``SearchPicker``.

    ``search(q)`` returns the matches of the text typed (a queryset, in the order shown);
    ``lookup(ids)`` the objects with those ids that the person may choose; ``describe(obj)``
    what a match reads as."""

    default_error_messages = {
        "invalid": _("Choose from the list."),
        "none": _("Nothing matches “%(q)s”."),
    }

    def __init__(
        self,
        *,
        search: Callable[[str], Any],
        lookup: Callable[[Sequence[int]], Iterable[Any]],
        describe: Callable[[Any], str] = str,
        search_url: Any,
        multiple: bool = False,
        placeholder: Any = "",
        **kwargs: Any,
    ):
        self.search, self.lookup, self.describe = search, lookup, describe
        self.multiple = multiple
        kwargs["widget"] = SearchPicker(
            search_url=search_url, multiple=multiple, placeholder=placeholder
        )
        super().__init__(**kwargs)

    def __deepcopy__(self, memo: dict[int, Any]) -> PickerField:
        result = super().__deepcopy__(memo)
        result.widget.chosen, result.widget.matches = [], None
        return result

    def prepare_value(self, value: Any) -> Any:
        """The initial value (an object, an id or a list of them) becomes the chosen ones."""
        if isinstance(value, Typed):
            return value
        items = value if isinstance(value, list | tuple) else [value] if value else []
        objects = [v for v in items if hasattr(v, "pk")]
        ids = [int(v) for v in items if isinstance(v, int) or str(v).isdigit()]
        if ids:
            objects += list(self.lookup(ids))
        self.widget.chosen = [Choice(str(o.pk), self.describe(o), True) for o in objects]
        return Typed(ids=tuple(str(o.pk) for o in objects))

    def to_python(self, value: Any) -> Any:
        typed = value if isinstance(value, Typed) else Typed()
        try:
            ids = list(dict.fromkeys(int(v) for v in typed.ids))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if any(i <= 0 or i >= 2**63 for i in ids):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        found = {obj.pk: obj for obj in self.lookup(ids)} if ids else {}
        if len(found) != len(ids):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        chosen = [found[i] for i in ids]
        self.widget.chosen = [Choice(str(o.pk), self.describe(o), True) for o in chosen]
        if typed.q:
            chosen = self._resolve(typed.q, chosen)
        if not self.multiple:
            return chosen[0] if chosen else None
        return chosen

    def _resolve(self, q: str, chosen: list[Any]) -> list[Any]:
        """The text typed: kept out when one of its matches is chosen already, taken when it
        has one match, otherwise the matches are offered with an error."""
        matches = find(self.search, q, self.describe)
        picked = {c.value for c in self.widget.chosen}
        if any(m.value in picked for m in matches.choices):
            return chosen
        if len(matches.choices) == 1 and not matches.more:
            (match,) = self.lookup([int(matches.choices[0].value)])
            self.widget.chosen.append(Choice(str(match.pk), self.describe(match), True))
            return [*chosen, match] if self.multiple else [match]
        self.widget.matches = matches
        if not matches.choices:
            raise ValidationError(self.error_messages["none"], code="none", params={"q": q})
        raise ValidationError(
            ngettext_lazy(
                "%(count)s match “%(q)s”: choose one below.",
                "%(count)s match “%(q)s”: choose one below.",
                "count",
            )
            if not matches.more
            else _("More than %(count)s match “%(q)s”: type more of the name."),
            code="ambiguous",
            params={"count": len(matches.choices), "q": q},
        )

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        return True


_FIELD_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")


def matches_page(
    request: HttpRequest,
    *,
    search: Callable[[str], Any],
    describe: Callable[[Any], str] = str,
) -> HttpResponse:
    """The answer of a picker's search view: the matches of ``<field>-q`` as the radio
    buttons (checkboxes with ``multiple=1``) of field ``field``, a fragment for htmx and a
    page of its own otherwise; 400 for a field name that is none."""
    name = request.GET.get("field", "")
    if not _FIELD_NAME.fullmatch(name):
        return HttpResponseBadRequest(
            _("Give the form field's name as field=…"), content_type="text/plain; charset=utf-8"
        )
    q = request.GET.get(f"{name}-q", request.GET.get("q", "")).strip()[:200].replace("\x00", "")
    context = {
        "name": name,
        "multiple": request.GET.get("multiple") == "1",
        "matches": find(search, q, describe),
    }
    if getattr(request, "htmx", False):
        return render(request, "core/widgets/_picker_results.html", context)
    return render(request, "core/picker_page.html", context)
