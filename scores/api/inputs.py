"""What this app's REST API requires of a request, for another wire layer onto the same
services (`legacy`): the input and parameter serializers (an upload's content checks run in
its serializer), the catalogue filters built from the parameters, the refusal of an
oversized upload before it is parsed, and `serve`, the one way a stored file is answered
(caching by visibility, ETag and 304). A request on either wire meets the same checks and a
file carries the same headers (docs/architecture.md)."""

from scores.api.collection_serializers import (
    MemberAddInputSerializer,
    OrderInputSerializer,
    UserCollectionInputSerializer,
)
from scores.api.collection_views import FeaturedParam
from scores.api.favorites import FavoriteCheckInputSerializer
from scores.api.files import serve
from scores.api.params import CatalogueParams, catalogue_query
from scores.api.serializers import ScoreMetadataInputSerializer, ScoreUploadInputSerializer
from scores.api.views import upload_size_check

__all__ = [
    "CatalogueParams",
    "FavoriteCheckInputSerializer",
    "FeaturedParam",
    "MemberAddInputSerializer",
    "OrderInputSerializer",
    "ScoreMetadataInputSerializer",
    "ScoreUploadInputSerializer",
    "UserCollectionInputSerializer",
    "catalogue_query",
    "serve",
    "upload_size_check",
]
