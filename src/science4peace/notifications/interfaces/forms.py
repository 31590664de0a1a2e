from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from science4peace.notifications.models import Frequency


class MailSettingsForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Mail for channels you chose nothing for"), choices=Frequency.choices
    )
    language = forms.ChoiceField(label=_("Language of mail"), choices=settings.LANGUAGES)


class ChannelPreferenceForm(forms.Form):
    channel = forms.CharField(max_length=60, widget=forms.HiddenInput)
    frequency = forms.ChoiceField(label=_("Mail"), choices=Frequency.choices)


class MarkReadForm(forms.Form):
    notification = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
