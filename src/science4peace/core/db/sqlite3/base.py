from django.db.backends.sqlite3 import base

from science4peace.core.db import BeforeCommit


class DatabaseWrapper(BeforeCommit, base.DatabaseWrapper):
    pass
