"""Django's own strings that Django's Thai catalogue lacks (the password
validators' help and errors on the registration and password pages), listed
so that `makemessages` keeps their Thai in locale/th/LC_MESSAGES/django.po.

Never imported; the msgids are Django's exact English text.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

gettext_noop("Your password can’t be too similar to your other personal information.")
ngettext_lazy(
    "Your password must contain at least %(min_length)d character.",
    "Your password must contain at least %(min_length)d characters.",
    1,
)
gettext_noop("Your password can’t be a commonly used password.")
gettext_noop("Your password can’t be entirely numeric.")
gettext_noop("Enter the same password as before, for verification.")
gettext_noop("The password is too similar to the %(verbose_name)s.")
gettext_noop("This password is too common.")
ngettext_lazy(
    "This password is too short. It must contain at least %(min_length)d character.",
    "This password is too short. It must contain at least %(min_length)d characters.",
    1,
)
gettext_noop("This password is entirely numeric.")
