"""Writes of repertoire, goals and annotations, one transaction each, one module per area."""
