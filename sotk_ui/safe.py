"""Text from files and users (names, notes, file and scenario names) drawn as text.

Streamlit interprets Markdown, a little HTML, KaTeX (`$x^2$`), colour directives (`:red[…]`),
icons and emoji shortcodes (`:material/x:`) and links in every markdown-capable place: captions,
expander and tab labels, headers, alerts, radio and pills options. `md(value)` escapes all of
that, so a unit called "**Bidang** $x$ [klik](http://…)" reads exactly so. Wrap every value that
came from a file or a user, never the sentence around it.
"""

from __future__ import annotations

import re

# what starts emphasis, code, links and images, HTML and entities, KaTeX ($), colour and icon
# directives and shortcodes (:red[…], :material/x:, :smile:), strikethrough; '_' inside a
# word (01_setda.xlsx) and ':' before a space ("kosong: 0 pegawai") start nothing and stay (':' before '/' is escaped: no bare http:// link)
_MD_SPECIAL = re.compile(
    r"([\\`*\[\]<>$~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|:(?=[A-Za-z/])|&(?=[#A-Za-z]))")


def md(value: object) -> str:
    """`value` as literal text inside Streamlit markdown (one line)."""
    text = " ".join(str(value if value is not None else "").split())
    return _MD_SPECIAL.sub(r"\\\1", text)
