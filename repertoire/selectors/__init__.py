"""Reads of repertoire, goals, annotations and practice analytics, one module per area."""
