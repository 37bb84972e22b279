"""What this app's REST API requires of a request, for another wire layer onto the same
services (`legacy`): the input and query serializers. A request on either wire meets the same
checks (docs/architecture.md, "Arrows")."""

from dictionary.api.serializers import (
    BatchInputSerializer,
    FeedbackInputSerializer,
    LookupQuerySerializer,
    PopularQuerySerializer,
    SearchQuerySerializer,
    SuggestQuerySerializer,
)

__all__ = [
    "BatchInputSerializer",
    "FeedbackInputSerializer",
    "LookupQuerySerializer",
    "PopularQuerySerializer",
    "SearchQuerySerializer",
    "SuggestQuerySerializer",
]
