"""Product cards from the fragment cache (catalog/fragment_cache.py).

    {% load card_tags %}
    {% product_cards products as cards %}
    {% for product, card in cards %}<li>{{ card }}</li>{% endfor %}

One cache read for every card of the grid instead of rendering each one;
the visitor's CSRF token is put in each card's add-to-basket form.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def product_cards(context, products):
    from catalog.fragment_cache import cards_render

    return cards_render(context=context, products=products or [])
