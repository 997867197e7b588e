"""Video links turned into privacy-friendly embed URLs, without the network.

Wagtail's oEmbed finder would ask YouTube or Vimeo for the embed HTML when a
page renders (and fail offline, in tests, or behind the center's firewall).
For the two providers editors use we know the embed URL pattern, so we build
it from the video id; anything else is shown as a plain link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d{6,12}$")


@dataclass(frozen=True)
class VideoEmbed:
    provider: str
    video_id: str
    embed_url: str


def video_embed(url: str | None) -> VideoEmbed | None:
    """The embed for a YouTube or Vimeo URL, or None for anything else."""
    if not url:
        return None
    try:
        parts = urlparse(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path.strip("/").split("/")

    video_id = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        if path[0] == "watch":
            video_id = (parse_qs(parts.query).get("v") or [None])[0]
        elif path[0] in ("embed", "shorts", "live") and len(path) > 1:
            video_id = path[1]
    elif host == "youtu.be":
        video_id = path[0]
    if video_id and _YOUTUBE_ID.match(video_id):
        # youtube-nocookie: no tracking cookies until the visitor presses play.
        return VideoEmbed("youtube", video_id, f"https://www.youtube-nocookie.com/embed/{video_id}")

    if host in ("vimeo.com", "player.vimeo.com"):
        candidate = path[-1] if path else ""
        if _VIMEO_ID.match(candidate):
            return VideoEmbed("vimeo", candidate, f"https://player.vimeo.com/video/{candidate}?dnt=1")
    return None
