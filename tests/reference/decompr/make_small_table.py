"""Write the small table that ``kww_reference.R`` decomposes with R's decompr.

Run from the repository root: ``.venv/bin/python tests/reference/decompr/make_small_table.py``.
A seeded synthetic world (4 countries × 3 sectors, two final-demand categories); the WIOD years
in the same reference cover negative final demand (inventory draw-downs).
"""

from pathlib import Path

import numpy as np
import pandas as pd

from chainpower.mrio.synthetic import synthetic_table

HERE = Path(__file__).parent


if __name__ == "__main__":
    t = synthetic_table(4, 3, seed=11)
    labels = [str(label).replace("/", ".") for label in t.labels]
    pd.DataFrame(t.Z, index=labels, columns=labels).to_csv(HERE / "small_Z.csv")
    cols = [f"{c}.{f}" for c in t.countries for f in t.fd_categories]
    pd.DataFrame(t.Y, index=labels, columns=cols).to_csv(HERE / "small_Y.csv")
    print("written", HERE / "small_Z.csv", HERE / "small_Y.csv", np.round(t.x.sum(), 3))
