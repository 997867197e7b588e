"""Where stock lives. The ledger, balances and documents come with the
inventory issue; the foundation only needs the distribution center itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Location(models.Model):
    """A node of the location tree: a center, a zone inside it, a bin in a zone.

    A plain parent link is enough for a three-level tree that changes rarely;
    more centers can be added later as new roots.
    """

    class Kind(models.TextChoices):
        CENTER = "center", _("Center")
        ZONE = "zone", _("Zone")
        BIN = "bin", _("Bin")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            # Only a center may be a root; zones and bins always hang under something.
            models.CheckConstraint(
                condition=models.Q(kind="center") | models.Q(parent__isnull=False),
                name="location_non_center_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"
