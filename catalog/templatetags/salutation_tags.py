"""{% salutation name %}: the greeting of an email to a person, built by
shop.common.salutations (no doubled Thai title)."""

from django import template

from shop.common.salutations import person_salutation

register = template.Library()


@register.simple_tag
def salutation(name: str) -> str:
    return person_salutation(name=name)
