"""The form and the API schemas of a submission's discussion."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from science4peace.core.interfaces.types import BodyIn, Text
from science4peace.review.domain.discussion import MAX_COMMENT


class CommentForm(forms.Form):
    text = forms.CharField(label=_("comment"), max_length=MAX_COMMENT, widget=forms.Textarea)


class CommentIn(BodyIn):
    text: Text = Field(min_length=1, max_length=MAX_COMMENT)


class CommentOut(Schema):
    author: str = Field(description='"Reviewer 1", "Chair" or a name, as the reader may know')
    text: str
    created: dt.datetime
    own: bool
