"""Wagtail: the CMS admin, its languages and its images. Its search backend
is in search.py, with the shop's."""

from .base import LANGUAGES, SITE_URL, env

WAGTAIL_SITE_NAME = "OTOP Chiang Mai"
# Pages in the shop's three languages (Wagtail's locales).
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Links in Wagtail's emails (password reset, notifications): the one SITE_URL.
WAGTAILADMIN_BASE_URL = SITE_URL
# No Gravatar avatars in the admin: the CSP allows images from this site only,
# and editors' email hashes are not sent to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail 8 autosaves page drafts every 500 ms by default; 0 turns it off
# (the browser journeys do, see tests/e2e/test_editor_journey.py).
WAGTAIL_AUTOSAVE_INTERVAL = env.int("WAGTAIL_AUTOSAVE_INTERVAL", default=500)
# CMS images go through the same intake as the portal's photos (shop/common/images.py,
# cms/images.py): these caps are its byte and pixel limits, the form base runs
# it before Willow decodes anything, and only what it accepts is offered.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "xlsx"]
