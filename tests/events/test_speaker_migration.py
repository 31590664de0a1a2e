"""Migration events 0003 turns the plain speakers table into ordered speaker links and back,
keeping every speaker (and, forwards, the order in which they were added)."""

import datetime as dt

BEFORE = [("events", "0002_interests_and_venue")]
AFTER = [("events", "0003_ordered_speakers_and_contribution_track")]


def test_speakers_keep_their_order_forwards_and_all_of_them_backwards(migrate_to):
    apps = migrate_to(BEFORE)
    Event = apps.get_model("events", "Event")
    Contribution = apps.get_model("events", "Contribution")
    Person = apps.get_model("people", "Person")
    event = Event.objects.create(
        title="Old", timezone="UTC", start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 1, 1)
    )
    talk = Contribution.objects.create(event=event, title="Talk", duration=20)
    zhang = Person.objects.create(given_name="Wei", family_name="Zhang")
    abe = Person.objects.create(given_name="Aiko", family_name="Abe")
    talk.speakers.add(zhang)
    talk.speakers.add(abe)

    apps = migrate_to(AFTER)
    Link = apps.get_model("events", "ContributionSpeaker")
    rows = list(Link.objects.order_by("position").values_list("person_id", "position"))
    assert rows == [(zhang.pk, 0), (abe.pk, 1)]

    apps = migrate_to(BEFORE)
    Contribution = apps.get_model("events", "Contribution")
    back = Contribution.objects.get(pk=talk.pk).speakers.order_by("pk")
    assert [p.pk for p in back] == sorted([zhang.pk, abe.pk])
    migrate_to(AFTER)
