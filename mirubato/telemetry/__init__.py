"""Observability plumbing every app shares (docs/operations.md): the request context (request
id, signed-in user, database time), structured logs, Prometheus metrics and the run records of
management commands' base class. Domain-free: apps add their own metrics and collectors."""
