"""Writes of the progress app: awarding achievements as they are earned. This face is what
other apps may use (docs/architecture.md)."""

from progress.services.awards import achievements_award

__all__ = ["achievements_award"]
