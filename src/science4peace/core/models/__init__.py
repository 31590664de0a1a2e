from .audit import AuditEntry
from .mail import OutgoingMail

__all__ = ["AuditEntry", "OutgoingMail"]
