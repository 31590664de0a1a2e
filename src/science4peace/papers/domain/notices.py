"""The papers' kind of notification channel (``paper:<id>``): papers are public, so anyone
signed in may follow one."""

from __future__ import annotations

from typing import Any

from science4peace.notifications.domain.channels import ChannelKind, register_channel
from science4peace.papers.models import Paper


def _may_follow(user: Any, pk: int) -> bool:
    return user.is_authenticated and Paper.objects.filter(pk=pk).exists()


def _title(pk: int) -> str | None:
    return Paper.objects.filter(pk=pk).values_list("title", flat=True).first()


def register_paper_channel() -> None:
    register_channel("paper", ChannelKind(may_follow=_may_follow, title=_title))
