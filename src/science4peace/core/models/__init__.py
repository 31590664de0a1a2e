from .audit import AuditEntry

__all__ = ["AuditEntry"]
