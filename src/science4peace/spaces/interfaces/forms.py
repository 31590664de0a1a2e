from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from science4peace.core.interfaces.pickers import PickerField
from science4peace.people.interfaces.pickers import PersonField
from science4peace.spaces.domain import queries
from science4peace.spaces.models import MAX_BODY, MessageSettings, Space

BODY_HELP = _("Markdown; math between $...$ or $$...$$.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the domain checks their number, size and kind."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = []
        for item in files:
            cleaned.append(super().clean(item, initial))
        return cleaned


def _body(label=None) -> forms.CharField:
    return forms.CharField(
        label=label or _("text"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=BODY_HELP,
    )


class SpaceForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    visibility = forms.ChoiceField(label=_("visibility"), choices=Space.Visibility.choices)


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    body = _body()
    pinned = forms.BooleanField(label=_("pin it above the threads"), required=False)
    mail = forms.BooleanField(label=_("send it by e-mail to every member"), required=False)


def mentions_field(space: Space) -> PickerField:
    """The members to mention, picked by typing part of a name: the search (``spaces:pick-
    member``) finds only the space's members; a person chosen otherwise is refused by
    ``discussions.check_mentions``, which names them."""
    return PersonField(
        label=_("mention"),
        required=False,
        multiple=True,
        help_text=_("Members who are told about this post."),
        placeholder=_("Type part of a member’s name"),
        search=lambda q: queries.search_members(space, q),
        search_url=reverse("spaces:pick-member", args=[space.pk]),
    )


class MentionsMixin(forms.Form):
    def __init__(self, *args, space: Space, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentions"] = mentions_field(space)
        self.order_fields(self.field_order)


class ThreadForm(MentionsMixin):
    title = forms.CharField(label=_("title"), max_length=200)
    body = _body()
    attachments = MultipleFileField(label=_("attachments (PDF or images)"))
    field_order = ["title", "body", "mentions", "attachments"]


class ReplyForm(MentionsMixin):
    body = _body(_("reply"))
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    attachments = MultipleFileField(label=_("attachments (PDF or images)"))
    field_order = ["body", "quote", "mentions", "attachments"]


class EditForm(forms.Form):
    body = _body()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=500)


class SettleForm(forms.Form):
    """An administrator's answer to the reports of a post: hide it (with the reason its author
    will see) or dismiss the reports."""

    action = forms.ChoiceField(
        label=_("action"), choices=[("hide", _("hide the post")), ("dismiss", _("dismiss"))]
    )
    reason = forms.CharField(label=_("reason"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "hide" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason its author will see."))
        return data


class UnhideForm(forms.Form):
    show = forms.BooleanField(required=False, widget=forms.HiddenInput)


class LockForm(forms.Form):
    locked = forms.BooleanField(label=_("locked"), required=False)


class FollowForm(forms.Form):
    state = forms.ChoiceField(
        choices=[("follow", _("follow")), ("mute", _("mute")), ("none", _("neither"))]
    )


class MessageForm(forms.Form):
    body = _body(_("message"))


class MessageSettingsForm(forms.Form):
    first_contact = forms.ChoiceField(
        label=_("who may write to me first"), choices=MessageSettings.FirstContact.choices
    )


class BlockForm(forms.Form):
    blocked = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=500, required=False)
