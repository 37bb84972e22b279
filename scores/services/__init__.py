"""Writes of the scorebook, one module per sub-domain: scores (owner edits, deletion,
counters), uploads (file checks, storage, new uploads), collections, favorites, importer,
processing, userdata (export and erasure). No other app writes to the scorebook today, so
this face exports nothing; add here what one comes to need (docs/architecture.md)."""
