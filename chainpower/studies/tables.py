"""Tables of a study: descriptive statistics (paper 000 table 2) and regression tables
(tables 3–4) with every inference method side by side.

Tables are built only from the panel frame and the coefficient schema
(:data:`chainpower.studies.results.COEFFICIENT_COLUMNS`: one row per model, outcome, term and
inference method) and rendered as Markdown, HTML or LaTeX (special characters escaped).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as html_escape

import numpy as np
import pandas as pd

from chainpower.errors import InputError
from chainpower.studies.results import agreement

__all__ = [
    "METHOD_LABELS",
    "descriptive_table",
    "latex_escape",
    "regression_table",
    "render",
]

#: Display labels of the inference methods, in column order.
METHOD_LABELS: dict[str, str] = {
    "crv1": "CR1",
    "cr3": "CR3 (jackknife)",
    "wild": "wild bootstrap",
    "ri": "randomization",
}
_VARIABLE_LABELS: dict[str, str] = {
    "ln_gdp": "ln GDP (constant USD)",
    "ln_capital_per_worker": "ln capital per worker",
    "ln_gov_share": "ln government consumption share",
    "ln_working_age": "ln(1 + working-age share)",
    "resource_rents": "natural-resource rents (% GDP)",
    "distance": "ideal-point distance to the reference",
    "trust": "political trust (−distance)",
}


def descriptive_table(
    frame: pd.DataFrame, *, outcome: str, controls: Sequence[str], industries: Sequence[str]
) -> pd.DataFrame:
    """Mean, sd (ddof = 1), min, max and n per variable — the layout of paper 000's table 2.

    The outcome gets one row per industry (``gvcpt_chips`` …); controls and the distance are
    country-year variables, so they are described over unique country-years.
    """
    rows = []
    for ind in industries:
        v = frame.loc[frame["industry"] == ind, outcome].to_numpy(dtype=float)
        rows.append((f"{outcome}_{ind}", f"{outcome} — {ind}", v))
    cy = frame.drop_duplicates(["country", "year"])
    for col in (*controls, "distance"):
        rows.append((col, _VARIABLE_LABELS.get(col, col), cy[col].to_numpy(dtype=float)))
    out = pd.DataFrame(
        [
            {
                "variable": name,
                "label": label,
                "mean": v.mean() if v.size else np.nan,
                "sd": v.std(ddof=1) if v.size > 1 else np.nan,
                "min": v.min() if v.size else np.nan,
                "max": v.max() if v.size else np.nan,
                "n": int(v.size),
            }
            for name, label, v in rows
        ]
    )
    return out


def regression_table(
    coefficients: pd.DataFrame,
    *,
    models: Sequence[str],
    terms: Sequence[str],
    methods: Sequence[str] | None = None,
    digits: int = 3,
) -> pd.DataFrame:
    """A text table: rows (outcome, term, line), columns = models.

    Lines per term: ``estimate``, then ``se <method>`` and ``p <method>`` for every method
    (the wild bootstrap and randomization inference give p-values only), ``methods agree``
    (do all available p-values fall on the same side of ``1 − level``?), then ``N`` and
    ``G`` (clusters). An unavailable method shows ``n/a`` (its reason is in the coefficient
    frame), never a blank.
    """
    c = coefficients[coefficients["model"].isin(models) & coefficients["term"].isin(terms)]
    if c.empty:
        raise InputError(
            f"no coefficients for models {list(models)} and terms {list(terms)}",
            label="regression_table",
        )
    methods = list(methods or [m for m in METHOD_LABELS if m in set(c["method"])])
    fmt = f"{{:.{digits}f}}"

    def num(x: float) -> str:
        return "n/a" if x is None or not np.isfinite(x) else fmt.format(x)

    records: dict[tuple[str, str, str], dict[str, str]] = {}
    for (outcome, term, model), g in c.groupby(["outcome", "term", "model"], sort=False):
        by = g.set_index("method")
        first = g.iloc[0]
        lines: dict[str, str] = {"estimate": num(float(first["estimate"])) + _stars(by)}
        for m in methods:
            label = METHOD_LABELS.get(m, m)
            ok = m in by.index and by.loc[m, "status"] == "ok"
            se = float(by.loc[m, "se"]) if ok else np.nan  # type: ignore[arg-type]
            p = float(by.loc[m, "p"]) if ok else np.nan  # type: ignore[arg-type]
            if m in ("crv1", "cr3"):
                lines[f"se {label}"] = f"({num(se)})" if ok else "n/a"
            lines[f"p {label}"] = f"[{num(p)}]" if ok else "n/a"
        level = float(first["level"]) if np.isfinite(float(first["level"])) else 0.95
        lines["methods agree"] = str(agreement(g, level).iloc[0])
        lines["N"] = f"{int(first['n_obs'])}"
        lines["G"] = f"{int(first['n_clusters'])}"
        for line, text in lines.items():
            records.setdefault((str(outcome), str(term), line), {})[str(model)] = text
    index = pd.MultiIndex.from_tuples(list(records), names=["outcome", "term", "line"])
    out = pd.DataFrame(list(records.values()), index=index)
    return out.reindex(columns=[m for m in models if m in out.columns]).fillna("")


def _stars(by_method: pd.DataFrame) -> str:
    """Significance stars from the CR1 p-value (the paper's convention), when available."""
    if "crv1" not in by_method.index or by_method.loc["crv1", "status"] != "ok":
        return ""
    p = float(by_method.loc["crv1", "p"])  # type: ignore[arg-type]
    return "***" if p < 0.01 else "**" if p < 0.05 else "*" if p < 0.1 else ""


_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "−": "$-$",
    "×": r"$\times$",
    "≤": r"$\leq$",
    "—": "---",
}


def latex_escape(text: object) -> str:
    """Escape LaTeX's special characters (and a few Unicode signs) in ``text``."""
    return "".join(_LATEX.get(ch, ch) for ch in str(text))


def render(table: pd.DataFrame, fmt: str, *, caption: str = "", digits: int = 3) -> str:
    """Render ``table`` (index kept) as ``md``, ``html`` or ``tex``."""
    df = table.copy()
    for col in df.columns:
        if pd.api.types.is_float_dtype(df[col]):
            df[col] = df[col].map(lambda x: "" if pd.isna(x) else f"{x:.{digits}f}")
    if isinstance(df.index, pd.MultiIndex) or df.index.name or df.index.names[0]:
        df = df.reset_index()
    cols = [str(c) for c in df.columns]
    cells = [[str(v) for v in row] for row in df.itertuples(index=False)]
    if fmt == "md":
        lines = [f"**{caption}**", ""] if caption else []
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cols) + " |")
        lines.append("|" + "---|" * len(cols))
        lines += ["| " + " | ".join(v.replace("|", "\\|") for v in r) + " |" for r in cells]
        return "\n".join(lines) + "\n"
    if fmt == "html":
        head = "".join(f"<th>{html_escape(c)}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td>{html_escape(v)}</td>" for v in r) + "</tr>" for r in cells
        )
        cap = f"<caption>{html_escape(caption)}</caption>" if caption else ""
        return (
            f'<table class="results">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>\n"
        )
    if fmt == "tex":
        spec = "l" * len(cols)
        lines = [r"\begin{table}[htbp]", r"\centering"]
        if caption:
            lines.append(r"\caption{" + latex_escape(caption) + "}")
        lines += [r"\begin{tabular}{" + spec + "}", r"\hline"]
        lines.append(" & ".join(latex_escape(c) for c in cols) + r" \\")
        lines.append(r"\hline")
        lines += [" & ".join(latex_escape(v) for v in r) + r" \\" for r in cells]
        lines += [r"\hline", r"\end{tabular}", r"\end{table}"]
        return "\n".join(lines) + "\n"
    raise InputError(f"unknown table format {fmt!r}; use md, html or tex", label=fmt)
