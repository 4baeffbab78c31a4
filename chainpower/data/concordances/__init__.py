"""Concordances (CSV files shipped with the package) and their loader.

The public names are those of :mod:`chainpower.data.concordances.concordance` (its ``__all__``).
"""

from chainpower.data.concordances.concordance import *  # noqa: F403
from chainpower.data.concordances.concordance import __all__ as __all__
