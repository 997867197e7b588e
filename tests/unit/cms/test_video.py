"""Video links become embed URLs without contacting YouTube or Vimeo."""

import pytest

from cms.video import video_embed


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "https://youtube.com/watch?v=aqz-KE-bpKQ&t=42s",
        "https://m.youtube.com/watch?v=aqz-KE-bpKQ",
        "https://youtu.be/aqz-KE-bpKQ",
        "https://www.youtube.com/shorts/aqz-KE-bpKQ",
        "https://www.youtube.com/embed/aqz-KE-bpKQ",
    ],
)
def test_youtube_links_become_privacy_enhanced_embeds(url):
    embed = video_embed(url)

    assert embed.provider == "youtube"
    assert embed.embed_url == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"


@pytest.mark.parametrize("url", ["https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"])
def test_vimeo_links_become_do_not_track_embeds(url):
    assert video_embed(url).embed_url == "https://player.vimeo.com/video/76979871?dnt=1"


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://example.com/video.mp4",
        "javascript:alert(1)//youtube.com/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com/watch?v=<script>",
        'https://youtu.be/aqz-KE-bpKQ"onload="x',
        "https://evil.example/youtube.com/watch?v=aqz-KE-bpKQ",
        "ftp://youtube.com/watch?v=aqz-KE-bpKQ",
        "https://vimeo.com/channels/staffpicks",
    ],
)
def test_anything_else_has_no_embed(url):
    assert video_embed(url) is None
