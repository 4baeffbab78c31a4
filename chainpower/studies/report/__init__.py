"""The study report: one self-contained HTML file (jinja2; figures embedded as base64 PNG).

:func:`write_report` builds ``FOLDER/index.html`` plus the tables (``tables/*.md|html|tex``),
the figures (``figures/*.png``) and the coefficients (``coefficients.csv``) in a temporary
folder next to ``FOLDER`` and renames it onto ``FOLDER`` at the end, so an interrupted run
leaves the previous report (or nothing), never half a report.
"""

from __future__ import annotations

import base64
import contextlib
import io
import os
import shutil
import tempfile
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chainpower.output import TEMP_PREFIX

if TYPE_CHECKING:
    from chainpower.studies.study import StudyResult

__all__ = ["render_report", "replace_folder", "software_versions", "write_report"]

_MODEL_TABLES = ("baseline", "did", "event", "stacked", "tests")


def software_versions() -> dict[str, str]:
    """Versions of Python and the libraries the study used."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    from chainpower import __version__

    out = {"chainpower": __version__, "Python": platform.python_version()}
    for pkg in ("numpy", "pandas", "scipy", "pyfixest", "linearmodels", "wildboottest",
                "statsmodels", "matplotlib", "jinja2", "pydantic", "duckdb", "pyarrow"):
        with contextlib.suppress(PackageNotFoundError):
            out[pkg] = version(pkg)
    return out


def _png(fig: Any) -> bytes:
    from chainpower.style import style_context

    buf = io.BytesIO()
    with style_context():
        fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    return buf.getvalue()


_CAPTIONS = {
    "participation": "GVC participation by economy over time, per industry (paper figures 3, 5, 7)",
    "event_study": "Event study: pre-policy trust × year with CR1 confidence bands "
                   "(paper figures 9-11)",
    "trust_scatter": "Political trust against GVC participation, per industry",
}


def render_report(res: StudyResult, figures: dict[str, bytes] | None = None) -> str:
    """The report's HTML text (figures as base64 PNG, given or drawn here)."""
    import jinja2

    from chainpower.studies import reporting
    from chainpower.studies.replication import descriptives_side_by_side
    from chainpower.studies.spec import spec_to_toml
    from chainpower.studies.tables import render

    if figures is None:
        figures = {k: _png(f) for k, f in reporting.figures(res).items()}
    kinds = reporting.available_tables(res)
    html = {k: render(reporting.table(res, k), "html") for k in kinds}
    desc = reporting.table(res, "descriptive").reset_index()
    rep = res.panel.report
    counts = rep["status"].value_counts().to_dict() if len(rep) else {}
    text = (resources.files("chainpower.studies.report") / "template.html").read_text("utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    p = res.panel
    years = sorted(p.frame["year"].unique())
    return env.from_string(text).render(
        title=res.spec.title or res.spec.name,
        name=res.spec.name,
        data_mode="synthetic panel" if p.synthetic else "real data",
        synthetic=p.synthetic,
        seed=res.seed,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        n_obs=len(p.frame),
        n_economies=int(p.frame["country"].nunique()),
        years=f"{years[0]}–{years[-1]}",
        reading=reporting.reading(res),
        provenance=p.provenance,
        n_report=len(rep),
        report_counts=", ".join(f"{k}: {v}" for k, v in counts.items()) or "none",
        tables=html,
        descriptive_comparison=render(descriptives_side_by_side(desc), "html"),
        figures=[
            {"caption": _CAPTIONS.get(k, k), "data": base64.b64encode(v).decode("ascii")}
            for k, v in figures.items()
        ],
        model_tables=[
            {"caption": reporting.CAPTIONS[k], "html": html[k]} for k in _MODEL_TABLES
            if k in html
        ],
        replication=html["replication"],
        spec_toml=spec_to_toml(res.spec),
        software=software_versions(),
        timings=", ".join(f"{k} {v:.2f}" for k, v in res.timings.items()),
    )


def replace_folder(tmp: Path, final: Path) -> None:
    """Move the finished folder ``tmp`` onto ``final`` (the old one removed only after)."""
    old = None
    if final.exists():
        old = final.with_name(f"{TEMP_PREFIX}old-{final.name}-{os.getpid()}")
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_report(res: StudyResult, folder: str | Path) -> Path:
    """Write the report folder; return the path of ``index.html`` (see the module docstring)."""
    from chainpower.output import write, write_bytes, write_text
    from chainpower.studies import reporting

    final = Path(folder)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{final.name}-", dir=final.parent))
    try:
        pngs = {k: _png(f) for k, f in reporting.figures(res).items()}
        for name, data in pngs.items():
            write_bytes(data, tmp / "figures" / f"{name}.png")
        reporting.write_tables(res, tmp / "tables")
        write(res.coefficients, tmp / "coefficients.csv")
        write(res.panel.frame, tmp / "panel.csv")
        write_text(render_report(res, pngs), tmp / "index.html")
        replace_folder(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final / "index.html"
