"""Small helpers shared by the catalogue's views."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def form_errors_attach(form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to a bound form: errors on a field
    the form has go next to it, anything else at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)
