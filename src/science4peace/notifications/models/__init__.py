from .notifications import (
    ChannelPreference,
    Digest,
    Frequency,
    Item,
    MailSettings,
    Notification,
)

__all__ = ["ChannelPreference", "Digest", "Frequency", "Item", "MailSettings", "Notification"]
