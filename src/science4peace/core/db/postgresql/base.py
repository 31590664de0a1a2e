from django.db.backends.postgresql import base

from science4peace.core.db import BeforeCommit


class DatabaseWrapper(BeforeCommit, base.DatabaseWrapper):
    pass
