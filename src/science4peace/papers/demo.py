"""Demo papers: one per demo collaboration, frozen from the authorship rules."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from science4peace.collaborations.demo import LHC_NAME, THEORY_NAME
from science4peace.collaborations.models import Collaboration
from science4peace.papers.domain.changes import do_create_paper
from science4peace.papers.models import Paper

PAPERS = [
    (
        LHC_NAME,
        "Search for long-lived particles decaying to displaced muon pairs",
        dt.date(2026, 3, 1),
    ),
    (THEORY_NAME, "The light hadron spectrum at the physical point", dt.date(2025, 9, 1)),
]


def load_demo() -> int:
    admin = get_user_model().objects.get(username="admin")
    for name, title, day in PAPERS:
        collaboration = Collaboration.objects.filter(name=name).first()
        if (
            collaboration
            and not Paper.objects.filter(collaboration=collaboration, title=title).exists()
        ):
            do_create_paper(collaboration, actor=admin, title=title, reference_date=day)
    return Paper.objects.count()
