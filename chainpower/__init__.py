"""chainpower — power and security in global value chains."""

from chainpower.errors import (
    BalanceError,
    ChainpowerError,
    DataNotFoundError,
    InputError,
    LayoutError,
    SchemaError,
)

__version__ = "0.1.0"

__all__ = [
    "BalanceError",
    "ChainpowerError",
    "DataNotFoundError",
    "InputError",
    "LayoutError",
    "SchemaError",
    "__version__",
]
