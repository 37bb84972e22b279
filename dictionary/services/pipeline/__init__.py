"""Writes of the growth pipeline: the seed queue (`queue`), usage ledgers (`budget`), one run
(`processor`) and staff decisions (`review`)."""
