"""Every URL pattern of the site, read from the URL resolver (so a URL added
tomorrow is seen by the role matrix and the CSRF test without anyone
listing it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation


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


# --- A concrete URL for any pattern ------------------------------------------------------------
# <int:pk> in a route, (?P<slug>[\w-]+) in a regex route.
_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)")


def route_normalised(route: str) -> str:
    """A route as ResolverMatch.route spells it, language prefix as <lang>/:
    regex anchors dropped, so a built URL can be matched to its pattern."""
    route = route.replace("^", "").replace("$", "")
    return re.sub(r"^(?:en|th|zh-hans)/", "<lang>/", route)


def url_build(entry: UrlEntry, values: Callable[[str, str], list[object]]) -> str | None:
    """A URL that resolves to ``entry``'s own pattern (not a sibling with the
    same name), each parameter filled with the first of ``values(name, kind)``
    that makes it resolve there (kind: the converter, or "regex"); None when
    none does (the matrix then needs an explicit entry)."""
    plain = _REGEX_GROUP.sub("", entry.route.replace("<lang>/", ""))  # (?P<name>...) is no <conv:name>
    params = [(m["name"], m["conv"] or "str") for m in _ROUTE_PARAM.finditer(plain)]
    params += [(m["name"], "regex") for m in _REGEX_GROUP.finditer(entry.route)]
    candidates = {name: [str(v) for v in values(name, kind)] for name, kind in params}
    for attempt in range(max([len(v) for v in candidates.values()] or [1])):
        chosen = {name: options[min(attempt, len(options) - 1)] for name, options in candidates.items()}
        path = _REGEX_GROUP.sub(lambda m, chosen=chosen: chosen[m["name"]], entry.route)
        path = _ROUTE_PARAM.sub(lambda m, chosen=chosen: chosen.get(m["name"], m[0]), path.replace("<lang>/", "en/"))
        path = "/" + path.replace("^", "").replace("$", "").replace("\\", "")
        if route_normalised(resolved_route(path) or "") == route_normalised(entry.route):
            return path
    return None


def resolved_route(path: str) -> str | None:
    """The route ``path`` resolves to, as an English URL or else as a Thai
    one (Thai, the default language, has no prefix)."""
    for language in ("en", settings.LANGUAGE_CODE):
        with translation.override(language):
            try:
                return resolve(path.split("?")[0]).route
            except Resolver404:
                continue
    return None
