"""The method tables (presets, PJ bands, rounding, edge rules, kelembagaan items) as a listing
for `python -m sotk_core presets` and as JSON, each with its figures and its source."""

from __future__ import annotations

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import ROUNDING_LABELS
from sotk_core.base.settings import Settings
from sotk_core.base.tables import (
    DEFAULT_KELEMBAGAAN_TABLE,
    DEFAULT_MATURITY_EDGES,
    DEFAULT_PJ_TABLE,
    DEFAULT_PRESET_ID,
    KELEMBAGAAN_RANK_RULE,
    KELEMBAGAAN_TABLES,
    MATURITY_EDGES,
    PJ_TABLES,
    PRESETS,
    ROUNDING_MODES,
    ROUNDING_SOURCES,
)

PER_HOUR_NOTE = ("Periode Jam (per jam kerja): volume per jam × norma × WKE dalam jam; mis. 1 "
                 "hasil per jam × 30 menit = 0,5 orang pada WKE berapa pun.")


def catalogue() -> dict[str, object]:
    """Every selectable table with its figures and source (JSON-ready)."""
    return {
        "presets": [{"id": p.id, "name": p.name, "default": p.id == DEFAULT_PRESET_ID,
                     "wke_hours": p.wke_hours, "wke_minutes": p.wke_hours * 60,
                     "period_factors": dict(p.period_factors), "source": p.source}
                    for p in PRESETS],
        "pj_bands": [{"id": t.id, "name": t.name, "default": t.id == DEFAULT_PJ_TABLE,
                      "bands": Settings(ej_bands=t.bands).band_text(), "source": t.source}
                     for t in PJ_TABLES],
        "rounding": [{"id": m, "name": ROUNDING_LABELS[m], "default": m == "half_up",
                      "source": ROUNDING_SOURCES[m]} for m in ROUNDING_MODES],
        "maturity_edges": [{"id": e.id, "name": e.name,
                            "default": e.id == DEFAULT_MATURITY_EDGES, "rule": e.rule,
                            "source": e.source} for e in MATURITY_EDGES],
        "kelembagaan_items": [{"id": t.id, "name": t.name,
                               "default": t.id == DEFAULT_KELEMBAGAAN_TABLE,
                               "items": {s.name: s.items for s in t.subdimensions},
                               "negative": {s.name: list(s.negative) for s in t.subdimensions},
                               "source": t.source} for t in KELEMBAGAAN_TABLES],
        "kelembagaan_rank_rule": KELEMBAGAAN_RANK_RULE,
        "per_hour_period": PER_HOUR_NOTE,
    }


def _mark(default: bool) -> str:
    return " (bawaan)" if default else ""


def catalogue_text() -> str:
    """The catalogue as plain Indonesian lines."""
    c = catalogue()
    out = ["Preset WKE dan faktor periode (--preset NAMA; --wke-hours/--wke-minutes "
           "menggantikan WKE, hasilnya 'Kustom ... berdasarkan NAMA'):"]
    for p in c["presets"]:  # type: ignore[attr-defined]
        f = p["period_factors"]
        out.append(f"  {p['id']:<18} {p['name']}{_mark(p['default'])}: "
                   f"{fmt_num(p['wke_hours'], 0 if float(p['wke_hours']).is_integer() else 1)} "
                   f"jam/tahun = {fmt_num(p['wke_minutes'], 0)} menit; Minggu ×{f['Minggu']}, "
                   f"Hari ×{f['Hari']}, Bulan ×{f['Bulan']}")
        out.append(f"      Sumber: {p['source']}")
    out.append("")
    out.append("Tabel pita PJ/PU (--pj-bands), dipakai juga untuk status jabatan, hitungan "
               "beban berlebih/rendah dan temuan:")
    for t in c["pj_bands"]:  # type: ignore[attr-defined]
        out.append(f"  {t['id']:<18} {t['name']}{_mark(t['default'])}: {t['bands']}")
        out.append(f"      Sumber: {t['source']}")
    out.append("")
    out.append("Pembulatan kebutuhan pegawai (--rounding):")
    for r in c["rounding"]:  # type: ignore[attr-defined]
        out.append(f"  {r['id']:<18} {r['name']}{_mark(r['default'])}")
        out.append(f"      Sumber: {r['source']}")
    out.append("")
    out.append("Batas kategori kematangan untuk total atau rata-rata pecahan (--maturity-edges):")
    for e in c["maturity_edges"]:  # type: ignore[attr-defined]
        out.append(f"  {e['id']:<18} {e['name']}{_mark(e['default'])}: {e['rule']}")
        out.append(f"      Sumber: {e['source']}")
    out.append("")
    out.append("Tabel butir kelembagaan PermenPANRB 20/2018 (--kelembagaan-items):")
    for t in c["kelembagaan_items"]:  # type: ignore[attr-defined]
        counts = ", ".join(f"{k} {v}" for k, v in t["items"].items())
        out.append(f"  {t['id']:<18} {t['name']}{_mark(t['default'])}: {counts}")
        out.append(f"      Sumber: {t['source']}")
    out.append(f"  Peringkat: {c['kelembagaan_rank_rule']}")
    out.append("")
    out.append(str(c["per_hour_period"]))
    return "\n".join(out)
