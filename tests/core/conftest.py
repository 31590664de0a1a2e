import datetime as dt

import pytest

from science4peace.events.models import Event


@pytest.fixture
def event(db):
    """A public two-day event (the public pages' tests)."""
    return Event.objects.create(
        title="Open Meeting",
        timezone="Europe/Zurich",
        start_date=dt.date(2027, 5, 3),
        end_date=dt.date(2027, 5, 4),
        visibility=Event.Visibility.PUBLIC,
    )
