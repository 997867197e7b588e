"""The admin's image forms, fed the safe-image intake (cms/images.py says
why). Installed by ``WAGTAILIMAGES_IMAGE_FORM_BASE``; kept apart from
cms/images.py so that the app's ``ready()`` does not import Wagtail's admin forms."""

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .images import wagtail_image_clean


class SafeImageField(WagtailImageField):
    """Wagtail's image field, fed the intake's re-encode instead of the upload.

    The intake reads the declared size from the header and refuses before any
    decoding; Wagtail's checks then run on the small, clean file."""

    def to_python(self, data):
        if data in self.empty_values:
            return super().to_python(data)
        return super().to_python(wagtail_image_clean(upload=data))


class SafeImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: every image form of the admin."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")  # absent from the multiple uploader's edit form
        if field is not None and not isinstance(field, SafeImageField):
            self.fields["file"] = SafeImageField(label=field.label, required=field.required, widget=field.widget)
