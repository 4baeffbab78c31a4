"""Dynamic ordinal ideal points from UN General Assembly votes (see ``docs/idealpoints.md``).

``estimate_ideal_points(votes, roll_calls, years=..., countries=...)`` fits a one-dimensional
ordered-probit item-response model with a random-walk prior over UNGA sessions, bridged across
sessions by recurring resolutions (Bailey, Strezhnev & Voeten 2017), by MAP with analytic
sparse derivatives and Newton-CG (converged to a gradient tolerance); it returns an
:class:`IdealPointResult`.
"""

from chainpower.alignment.idealpoints.compare import Agreement, compare_with_published
from chainpower.alignment.idealpoints.data import VoteData, bridge_keys, build_vote_data
from chainpower.alignment.idealpoints.fit import estimate_ideal_points, theta_standard_errors
from chainpower.alignment.idealpoints.model import Model, Priors
from chainpower.alignment.idealpoints.newton import NewtonResult, newton_map
from chainpower.alignment.idealpoints.result import IdealPointResult

__all__ = [
    "Agreement",
    "IdealPointResult",
    "Model",
    "NewtonResult",
    "Priors",
    "VoteData",
    "bridge_keys",
    "build_vote_data",
    "compare_with_published",
    "estimate_ideal_points",
    "newton_map",
    "theta_standard_errors",
]
