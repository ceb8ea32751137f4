"""Text from files and users (names, notes, file and scenario names) drawn as text.

Streamlit interprets Markdown, a little HTML, KaTeX (`$x^2$`), colour directives (`:red[…]`),
icons and emoji shortcodes (`:material/x:`) and links in every markdown-capable place: captions,
expander and tab labels, headers, alerts, radio and pills options. `md(value)` escapes all of
that, so a unit called "**Bidang** $x$ [klik](http://…)" reads exactly so. Wrap every value that
came from a file or a user, never the sentence around it.

Bare addresses need more than a backslash: Streamlit's Markdown (remark-gfm) turns
`http://…`, `www.…` and `nama@contoh.id` into links by searching the text after escapes are
resolved. An invisible WORD JOINER (U+2060) before the ':' of `http:`, the '.' of `www.` and the
'@' of an address keeps the text as it reads and stops the link.
"""

from __future__ import annotations

import re

# what starts emphasis, code, links and images, HTML and entities, KaTeX ($), colour and icon
# directives and shortcodes (:red[…], :material/x:, :smile:), strikethrough; '_' inside a
# word (01_setda.xlsx) and ':' before a space ("kosong: 0 pegawai") start nothing and stay
_MD_SPECIAL = re.compile(
    r"([\\`*\[\]<>$~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|:(?=[A-Za-z/])|&(?=[#A-Za-z]))")
# what makes a line a heading, list item, quote or rule when a value starts the text
_BLOCK_START = re.compile(r"^([#+\->]|\d+(?=[.)](?:\s|$)))")
# where remark-gfm would find a bare link: 'http:', 'https:', 'www.', 'x@y'
_AUTOLINK = re.compile(r"(?i)(?<=http)(?=s?\\?:)|(?<=\bwww)(?=\.)|(?<=[-.\w+])(?=@)")
WORD_JOINER = "\u2060"


def md(value: object) -> str:
    """`value` as literal text inside Streamlit markdown (one line)."""
    text = " ".join(str(value if value is not None else "").split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _BLOCK_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit()
                            else "\\" + m.group(1), text)
    return _AUTOLINK.sub(WORD_JOINER, text)
