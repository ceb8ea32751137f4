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
# directives (:red[…], :material/x:), strikethrough and tables; a value never starts a line
# ('_' inside a word, as in 01_setda.xlsx, never starts emphasis and stays as it is)
_MD_SPECIAL = re.compile(r"([\\`*{}\[\]<>#!|$~:&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")


def md(value: object) -> str:
    """`value` as literal text inside Streamlit markdown (one line)."""
    text = " ".join(str(value if value is not None else "").split())
    return _MD_SPECIAL.sub(r"\\\1", text)
