"""The API schema's view of errors."""

from drf_standardized_errors.openapi import AutoSchema as StandardisedErrorsSchema
from drf_standardized_errors.openapi_serializers import ValidationErrorResponseSerializer
from rest_framework.permissions import AllowAny


class AutoSchema(StandardisedErrorsSchema):
    """drf-standardized-errors' schema, documenting 403 wherever the caller must sign in.

    Its default leaves 403 out when IsAuthenticated is the only permission class, but our views
    check object permissions in code (a provider may read an event but not manage it), and
    those refusals are 403s, so every signed-in operation can answer 403.
    """

    def _should_add_http403_error_response(self) -> bool:
        permissions = self.view.get_permissions()
        only_allow_any = len(permissions) == 1 and type(permissions[0]) is AllowAny
        return bool(permissions) and not only_allow_any

    def _should_add_validation_error_response(self) -> bool:
        # A service can refuse any operation with a readable message (a closed event, a
        # submitted return), which the API answers as a 400 validation_error.
        return True

    def _get_serializer_for_validation_error_response(self):
        # Those refusals carry `non_field_errors` or the name of what was wrong (the acting
        # organisation, a period), not only the request serializer's fields, so the documented
        # shape is the general one: a code, a readable detail and the attribute, if any.
        return ValidationErrorResponseSerializer
