#!/usr/bin/env python3
"""Independent reference for Quartier's evaluation (issue 17), run side by side on the same panel.

Usage: evaluation_reference.py PANEL.csv PRE_FIRST PRE_LAST POST_FIRST POST_LAST OUT.json

PANEL.csv: area, year, y (rate in scale units), w (its denominator), wbar (the area's mean denominator
over all years), start (first funded year, 0 = never) -- the complete-case panel Quartier estimated on.

Computes, with no Quartier code:
- the 2 x 2 DiD: statsmodels WLS  y ~ treated + post + treated:post  (weights w) over the area-years of
  the two windows, funded = start in (PRE_LAST, POST_FIRST], comparison = start 0 or after POST_LAST;
  cov_type="cluster" by area (statsmodels' default correction: G/(G-1)*(N-1)/(N-K), CR1);
- two-way fixed effects: WLS  y ~ D + C(area) + C(year)  (weights w), cluster by area, same correction;
- the group-time effects ATT(g,t) of Callaway & Sant'Anna with the package `differences` (ATTgt,
  base_period="varying", est_method="reg", no covariates, weights_column = wbar), for the never-treated and the not-yet-treated
  comparison, and its simple and event-time aggregations.
Writes OUT.json.
"""
import json
import sys

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf


def main():
    path, pre0, pre1, post0, post1, out = sys.argv[1], *map(int, sys.argv[2:6]), sys.argv[6]
    df = pd.read_csv(path, dtype={"area": str})
    result = {}

    # 2 x 2
    s = df["start"]
    treated = (s > pre1) & (s <= post0)
    comparison = (s == 0) | (s > post1)
    in_window = df["year"].between(pre0, pre1) | df["year"].between(post0, post1)
    d = df[(treated | comparison) & in_window].copy()
    d["treated"] = treated[d.index].astype(float)
    d["post"] = d["year"].between(post0, post1).astype(float)
    fit = smf.wls("y ~ treated + post + treated:post", data=d, weights=d["w"]).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(d["area"])[0]})
    result["did"] = {"estimate": float(fit.params["treated:post"]), "se": float(fit.bse["treated:post"])}

    # Two-way fixed effects with all dummies.
    t = df.copy()
    t["D"] = ((t["start"] > 0) & (t["year"] >= t["start"])).astype(float)
    fit = smf.wls("y ~ D + C(area) + C(year)", data=t, weights=t["w"]).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(t["area"])[0]})
    result["twfe"] = {"estimate": float(fit.params["D"]), "se": float(fit.bse["D"])}

    # Callaway & Sant'Anna with `differences`.
    from differences import ATTgt
    c = df.copy()
    c["cohort"] = c["start"].where(c["start"] > 0, np.nan)
    c = c.set_index(["area", "year"])
    result["cs"] = {}
    for control in ["never_treated", "not_yet_treated"]:
        att = ATTgt(data=c, cohort_column="cohort", base_period="varying")
        table = att.fit(formula="y", est_method="reg", weights_column="wbar", control_group=control, progress_bar=False).to_pandas()
        cells = []
        for (cohort, _base, year), row in table.iterrows():
            cells.append({"group": int(cohort), "year": int(year),
                          "estimate": float(row[("ATTgtElements", "", "ATT")]),
                          "se": float(row[("ATTgtElements", "analytic", "std_error")])})
        simple = att.aggregate("simple")
        event = att.aggregate("event")
        result["cs"][control] = {
            "cells": cells,
            "simple": {"estimate": float(simple.iloc[0][("SimpleAggregation", "", "ATT")]),
                       "se": float(simple.iloc[0][("SimpleAggregation", "analytic", "std_error")])},
            "event": [{"e": int(i), "estimate": float(r[("EventAggregation", "", "ATT")]),
                       "se": float(r[("EventAggregation", "analytic", "std_error")])} for i, r in event.iterrows()],
        }
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
