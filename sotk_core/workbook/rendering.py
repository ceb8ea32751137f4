"""What a cell looks like once fastexcel has rendered it as text, and when that hides what
the cell was.

fastexcel (grid.Book.columns) writes a number as its shortest round-trip digits without an
exponent ('12', '1.5', '0.00001', '-0'), a date or time as '2024-01-05 00:00:00' and a
boolean as 'true'/'false'; text stays as it is. The exact reader (python-calamine) sees the
cell types, and `cells.parse_*` treat a number and the same-looking text differently in a
few cases only; those are the patterns here. The patterns are RE2 (Arrow compute) and
ASCII-only except the whitespace classes, so Python's `re` reads them too (`$` as `\\Z`).
"""

from __future__ import annotations

import re

# Python's str.isspace() characters; a test checks the list against Python itself.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
              "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def re2_class(chars: str) -> str:
    """A character class both RE2 and Python's re read: [\\x{9}\\x{a}...]."""
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"


BLANK = f"^{re2_class(WHITESPACE)}*$"
# anything cells.parse_text or parse_code would change: whitespace other than single inner
# spaces, or a leading '#' (a formula error written as text)
DIRTY = f"{re2_class(WHITESPACE.replace(' ', ''))}|^ | $|  |^#"
_DATE = r"^-?[0-9]{4}-[0-9]{2}-[0-9]{2}"
_BOOL = r"^(true|false)$"
# in a text, code or choice column: a number whose Python text differs from fastexcel's
# ('-0' is '0', 0.00001 is '1e-05'), a date or a boolean
RENDERED_TEXT = rf"^-0$|^-?0\.0000|{_DATE}|{_BOOL}"
# what fastexcel writes for a number: parsed by one cast, the same as cells.parse_number
CLEAN_NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
# in a number column: '1.234' is 1.234 as a number but 1234 as Indonesian text; a date or a
# boolean has its own message
AMBIGUOUS_NUMBER = rf"^-?[1-9][0-9]{{0,2}}\.[0-9]{{3}}$|{_DATE}|{_BOOL}"

# A number column's value the cast reads as the exact reader would: fastexcel's digits, not
# '1.234' (see AMBIGUOUS_NUMBER). Anything else is decided value by value.
PLAIN_NUMBER = (r"^-?(?:[0-9]+|[0-9]+\.[0-9]{1,2}|[0-9]+\.[0-9]{4,}|0[0-9]*\.[0-9]{3}"
                r"|[0-9]{4,}\.[0-9]{3})$")
# A text value that is not already what cells.parse_text/parse_code return, or may not have
# been text (RENDERED_TEXT), or is empty: decided value by value.
SPECIAL_TEXT = f"^$|{DIRTY}|{RENDERED_TEXT}"

_PYTHON: dict[str, re.Pattern[str]] = {}


def matches(value: object, pattern: str) -> bool:
    """One value against one of the patterns above, in Python."""
    compiled = _PYTHON.get(pattern)
    if compiled is None:
        python = pattern.replace("$", r"\Z").replace("\\x{", "\\U{")
        python = re.sub(r"\\U\{([0-9a-f]+)\}", lambda m: f"\\U{int(m.group(1), 16):08x}", python)
        compiled = _PYTHON[pattern] = re.compile(python)
    return isinstance(value, str) and compiled.search(value) is not None


def may_not_be_text(value: object) -> bool:
    """A rendered cell that may have been a number, date or boolean (not text)."""
    return bool(value) and (matches(value, CLEAN_NUMBER) or matches(value, RENDERED_TEXT))


def hides_type(value: object, kind: str) -> bool:
    """Whether the exact reader could read this rendered value differently in a column of
    this kind (then the whole sheet goes to the exact reader)."""
    if kind in ("number", "int"):
        return matches(value, AMBIGUOUS_NUMBER)
    return matches(value, RENDERED_TEXT)
