"""The dictionary's admin: entries, the growth pipeline's queues, read-only usage. Importing
the modules registers their admins."""

from dictionary.admin import entries, queues, readonly

__all__ = ["entries", "queues", "readonly"]
