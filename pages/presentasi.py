"""Mode Presentasi: the city deck one slide at a time for an FGD on a projector."""

from __future__ import annotations

from sotk_ui.presentation import presentation
from sotk_ui.widgets import run_page

run_page(presentation)
