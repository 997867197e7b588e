from .models import Location

SAN_KAMPHAENG_CODE = "SKP"


def center_get_default() -> Location:
    """The San Kamphaeng distribution center (created by migration)."""
    return Location.objects.get(code=SAN_KAMPHAENG_CODE)
