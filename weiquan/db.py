"""The one seam where weiquan uses what PostgreSQL does better than SQLite.

Everything else goes through the ORM portably.
"""

import zlib

from django.db import connection


def is_postgres():
    return connection.vendor == "postgresql"


def lock_for_update(queryset, skip_locked=False):
    """Row locks on PostgreSQL. On SQLite, IMMEDIATE transactions already serialise writers.

    Only the queryset's own rows are locked (`of=("self",)`): PostgreSQL refuses FOR UPDATE
    on the nullable side of the outer joins select_related makes for nullable foreign keys."""
    if is_postgres():
        return queryset.select_for_update(skip_locked=skip_locked, of=("self",))
    return queryset


def exclusive_section(name):
    """Inside a transaction: no other transaction passes this point with the same name
    until this one ends. PostgreSQL: a transaction-level advisory lock. SQLite: every
    write transaction is already exclusive (BEGIN IMMEDIATE), so nothing to do."""
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(name.encode())])
