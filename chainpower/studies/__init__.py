"""Studies: declarative studies (paper 000): panel, transforms, models, few-cluster inference.

Estimation (:func:`estimate`) wraps pyfixest (pooled, one- and two-way fixed effects) and
linearmodels (random effects); :mod:`chainpower.studies.inference` computes the few-cluster
menu (CR1, CR3, wild cluster bootstrap, randomization inference) at fit time. Heavy libraries
are imported inside functions only.
"""

from __future__ import annotations

from chainpower.studies.estimate import estimate
from chainpower.studies.hausman import HausmanResult, hausman, mundlak_test
from chainpower.studies.panel import Panel, PanelSources, assemble_panel
from chainpower.studies.results import COEFFICIENT_COLUMNS, ModelResult
from chainpower.studies.spec import StudySpec
from chainpower.studies.study import Study, StudyResult
from chainpower.studies.synthetic import synthetic_sources
from chainpower.studies.transforms import (
    add_event_terms,
    add_interaction,
    add_post,
    add_pre_level,
)

__all__ = [
    "COEFFICIENT_COLUMNS",
    "HausmanResult",
    "ModelResult",
    "add_event_terms",
    "add_interaction",
    "add_post",
    "add_pre_level",
    "estimate",
    "hausman",
    "mundlak_test",
    # the study (C2)
    "Panel",
    "PanelSources",
    "Study",
    "StudyResult",
    "StudySpec",
    "assemble_panel",
    "synthetic_sources",
]
