"""The events of spaces that others may want to tell people about (the notification service
connects to these). Each is sent once, after the change is committed, with keyword arguments
``space``, ``post`` (the Post, Announcement or Message the event is about) and
``recipients`` (the Person rows concerned; never the actor, never anyone blocked by or
blocking the actor)."""

from django.dispatch import Signal

post_created = Signal()  # a thread or a reply; recipients: the thread's followers
announcement_published = Signal()  # recipients: every member of the space
person_mentioned = Signal()  # recipients: the members mentioned
message_sent = Signal()  # a message between individuals; space is None
post_reported = Signal()  # a member reported a post; recipients: the space's administrators
