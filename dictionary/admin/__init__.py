"""The dictionary's admin: entries, the growth pipeline's queues, read-only usage."""

from dictionary.admin import entries, queues, readonly  # noqa: F401  (registers the admins)
