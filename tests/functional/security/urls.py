"""Every URL pattern of the site, read from the URL resolver (so a URL added
tomorrow is seen by the role matrix and the CSRF test without anyone
listing it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern


@dataclass(frozen=True)
class UrlEntry:
    route: str  # the pattern, with "<lang>/" where the language prefix goes
    name: str | None  # namespaced: "catalog-portal:product-edit"
    callback: object
    i18n: bool  # under i18n_patterns: reachable as /, /en/, /zh-hans/

    @property
    def key(self) -> str:
        """How the matrix names it: the URL name, or the route when unnamed."""
        return self.name or self.route


def _walk(resolver: URLResolver, prefix: str, namespace: str | None, i18n: bool):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner_i18n = i18n or isinstance(pattern.pattern, LocalePrefixPattern)
            part = "<lang>/" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
            inner_ns = namespace
            if pattern.namespace:
                inner_ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + part, inner_ns, inner_i18n)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield UrlEntry(prefix + str(pattern.pattern), name, pattern.callback, i18n)


def url_patterns() -> list[UrlEntry]:
    return list(_walk(get_resolver(), "", None, False))
