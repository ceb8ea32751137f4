"""Plotly figure builders (pure plotly, no Streamlit) and the "sotk" projector template.

Every builder takes frames of an `Evaluation` and returns a `go.Figure` on the registered
"sotk" template (big type, Okabe-Ito colours, Indonesian separators). `projector(fig)` makes
the type larger still; `to_png` / `to_svg` render through kaleido and the system Chromium.
"""

from sotk_core.present.charts._safe import escape_figure
from sotk_core.present.charts.balance import ej_histogram, hours_per_head, opd_hours_view
from sotk_core.present.charts.compare import compare_bars
from sotk_core.present.charts.export import image_session, to_image, to_png, to_svg
from sotk_core.present.charts.maturity import (
    kelembagaan_bars,
    maturity_heatmap,
    maturity_radar,
    maturity_ranking,
    self_vs_verified,
)
from sotk_core.present.charts.productivity import (
    opd_eu,
    opd_need_vs_existing,
    position_need_bars,
    surplus_shortage,
    top_tasks,
    unit_eu_bars,
    workload_treemap,
)
from sotk_core.present.charts.structure import span_buckets
from sotk_core.present.charts.theme import (
    GRADE_COLORS,
    MATURITY_COLORS,
    PALETTE,
    TEMPLATE_NAME,
    apply_theme,
    num_labels,
    projector,
)

__all__ = [
    "GRADE_COLORS", "MATURITY_COLORS", "PALETTE", "TEMPLATE_NAME", "apply_theme",
    "compare_bars", "ej_histogram", "escape_figure", "hours_per_head", "image_session",
    "kelembagaan_bars", "opd_hours_view",
    "maturity_heatmap", "maturity_radar", "maturity_ranking", "num_labels", "opd_eu",
    "opd_need_vs_existing", "position_need_bars", "projector", "self_vs_verified",
    "span_buckets", "surplus_shortage", "to_image", "to_png", "to_svg", "top_tasks", "unit_eu_bars",
    "workload_treemap",
]
