"""``chainpower study init|run|report``: declarative studies (paper 000 by default).

``init`` writes the default spec to edit; ``run SPEC`` assembles the panel, estimates every
model of the spec with the few-cluster inference menu, writes the coefficients (``--out``),
the tables and the HTML report (``--report FOLDER``); ``report SPEC FOLDER`` is ``run`` with
the report as the main output.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

__all__ = ["register"]

EXAMPLES = """examples:
  chainpower study init --out spec.toml
  chainpower study run spec.toml --report study_report --out coefficients.csv
  chainpower study run spec.toml --synthetic --seed 7 --report /tmp/synthetic_report
  chainpower study report spec.toml study_report"""


def _init(args: argparse.Namespace) -> int:
    from chainpower.output import check_output, write_text
    from chainpower.studies.spec import StudySpec, default_spec_text

    text = default_spec_text()
    StudySpec.default()  # the bundled file must itself be valid
    if args.out is None:
        print(text, end="")
        return 0
    path = check_output(args.out, "text") if not str(args.out).endswith(".toml") else Path(args.out)
    if path.exists() and not args.force:
        from chainpower.errors import InputError

        raise InputError("spec file exists (pass --force to replace it)", file=path)
    write_text(text, path)
    print(f"written: {path} (default study spec; edit it, then `chainpower study run {path}`)")
    return 0


def run_study(
    spec_path: str | Path | None,
    *,
    seed: int | None = None,
    synthetic: bool = False,
    report: str | Path | None = None,
    out: str | Path | None = None,
    quiet: bool = False,
) -> Any:
    """Run a study from a spec file (``None``: the default spec); return the StudyResult."""
    from chainpower.studies.study import Study

    study = Study.default() if spec_path is None else Study.from_toml(spec_path)
    sources = None
    if synthetic:
        from chainpower.studies.synthetic import synthetic_sources

        sources = synthetic_sources(
            study.spec, seed=study.spec.inference.seed if seed is None else seed
        )
    res = study.run(seed=seed, sources=sources, progress=not quiet)
    if report is None and study.spec.outputs.folder:
        report = Path(study.spec.outputs.folder).expanduser()
    if out is not None:
        from chainpower.output import write

        write(res.coefficients, out, meta=res.meta)
        print(f"written: {out} ({len(res.coefficients)} rows)")
    if report is not None:
        index = res.report(report)
        print(f"written: {index}")
    return res


def _summary_line(res: Any) -> str:
    c = res.coefficients
    did = c[(c["model"] == "did") & (c["term"] == "trust_pre:post") & (c["method"] == "crv1")]
    parts = [
        f"{o.split('_', 1)[-1]} {e:+.4f}"
        for o, e in zip(did["outcome"], did["estimate"], strict=True)
    ]
    return (
        f"study {res.spec.name}: {len(res.panel.frame)} observations, {len(res.fits)} models, "
        f"{len(c)} coefficient rows, {res.timings.get('total', 0.0):.1f} s"
        + (f"; DiD trust_pre×post: {', '.join(parts)}" if parts else "")
        + (" [synthetic panel]" if res.panel.synthetic else "")
    )


def _run(args: argparse.Namespace) -> int:
    from chainpower.cli.options import check_outputs

    check_outputs(args)
    res = run_study(
        args.spec,
        seed=args.seed,
        synthetic=args.synthetic,
        report=args.report,
        out=args.out,
        quiet=args.quiet,
    )
    if args.out is None and args.report is None:
        import pandas as pd

        with pd.option_context("display.width", 120):
            print(res.summary.to_string())
    print(_summary_line(res))
    return 0


def _report(args: argparse.Namespace) -> int:
    res = run_study(
        args.spec, seed=args.seed, synthetic=args.synthetic, report=args.folder, quiet=args.quiet
    )
    print(_summary_line(res))
    return 0


def _init_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="FILE.toml", help="spec file (default: print it)")
    p.add_argument("--force", action="store_true", help="replace an existing file")


def _spec_options(p: argparse.ArgumentParser) -> None:
    from chainpower.cli.options import add_run

    p.add_argument("spec", metavar="SPEC", help="study spec (TOML; `study init` writes one)")
    p.add_argument(
        "--synthetic",
        action="store_true",
        help="run on a seeded synthetic panel instead of the real data",
    )
    add_run(p, jobs=False)


def _run_options(p: argparse.ArgumentParser) -> None:
    from chainpower.cli.options import add_output

    p.add_argument("--report", metavar="FOLDER", help="also write the HTML report folder")
    add_output(p)


def _report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", metavar="FOLDER", help="report folder (index.html inside)")


def register(subparsers: Any) -> None:
    """Add ``study`` with ``init``, ``run`` and ``report``."""
    from chainpower.cli.options import CommandGroup

    group = CommandGroup.of_module(
        subparsers,
        __name__,
        help="declarative studies: panel, models with few-cluster inference, report",
        metavar="SUBCOMMAND",
    )
    group.add(
        "init",
        _init,
        help="write the default spec (paper 000) to edit",
        epilog="examples:\n  chainpower study init --out spec.toml",
        options=(_init_options,),
    )
    group.add(
        "run",
        _run,
        help="run every model of a spec",
        epilog="examples:\n  chainpower study run spec.toml --report study_report "
        "--out coefficients.csv",
        options=(_spec_options, _run_options),
    )
    group.add(
        "report",
        _report,
        help="run a spec and write its HTML report",
        epilog="examples:\n  chainpower study report spec.toml study_report",
        options=(_spec_options, _report_options),
    )
