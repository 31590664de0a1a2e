import pytest
from django.contrib.auth import get_user_model
from django.core.validators import validate_email

from science4peace.spaces.demo import load_demo
from science4peace.spaces.models import Mention, Post, Space

pytestmark = pytest.mark.django_db


def test_demo_opens_spaces_with_an_announcement_and_a_thread_once():
    from science4peace.catalog.demo import load_demo as load_catalog
    from science4peace.collaborations.demo import load_demo as load_collaborations
    from science4peace.events.demo import load_demo as load_events
    from science4peace.people.demo import load_demo as load_core
    from science4peace.projects.demo import load_demo as load_projects

    load_core()
    load_collaborations()
    load_events()
    load_catalog()
    load_projects()
    assert (load_demo(), load_demo()) == (3, 3)
    for address in get_user_model().objects.values_list("email", flat=True):
        validate_email(address)  # "Van der Berg" made "sergio.van der berg@..." once
    kinds = sorted(space.kind for space in Space.objects.all())
    assert kinds == ["collaboration", "event", "project"]
    with_threads = [s.kind for s in Space.objects.order_by("id") if s.threads.exists()]
    assert (len(with_threads), Mention.objects.count()) == (
        Post.objects.filter(quote=None).count() // 2,
        len(with_threads),
    )
