"""What this app's REST API requires of a request, for another wire layer onto the same
services (`legacy`): the input serializers and parameter serializers. A request on either wire
meets the same checks (docs/architecture.md, "Arrows")."""

from repertoire.api.params import GoalListParams, PieceSuggestParams, SuggestParams
from repertoire.api.serializers.goals import (
    GoalCreateInputSerializer,
    GoalProgressInputSerializer,
    GoalUpdateInputSerializer,
)
from repertoire.api.serializers.repertoire import (
    PieceRenameInputSerializer,
    RepertoireCreateInputSerializer,
    RepertoireUpdateInputSerializer,
)
from repertoire.api.serializers.templates import AdoptInputSerializer

__all__ = [
    "AdoptInputSerializer",
    "GoalCreateInputSerializer",
    "GoalListParams",
    "GoalProgressInputSerializer",
    "GoalUpdateInputSerializer",
    "PieceRenameInputSerializer",
    "PieceSuggestParams",
    "RepertoireCreateInputSerializer",
    "RepertoireUpdateInputSerializer",
    "SuggestParams",
]
