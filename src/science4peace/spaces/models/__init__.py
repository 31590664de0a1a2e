from .messages import Block, Conversation, Message, MessageSettings
from .spaces import (
    MAX_BODY,
    Announcement,
    Attachment,
    Mention,
    Post,
    PostRevision,
    Report,
    Space,
    Thread,
    ThreadSubscription,
)

__all__ = [
    "MAX_BODY",
    "Announcement",
    "Attachment",
    "Block",
    "Conversation",
    "Mention",
    "Message",
    "MessageSettings",
    "Post",
    "PostRevision",
    "Report",
    "Space",
    "Thread",
    "ThreadSubscription",
]
