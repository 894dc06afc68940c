"""Synthetic control by pysyncon 1.7.0 on a panel written by the Swift test, for a side-by-side comparison.

Run with the evaluation venv (bash scripts/install-deps.sh):
    .build-evaluation-venv/bin/python scripts/reference/synthetic_control_reference.py PANEL.csv TREATED START \
        --predictors x1,x2,x3 [--v 0.5,0.3,0.2] [--placebo] [--nested]
PANEL.csv: long format, columns unit,year,y and the predictor columns. Predictors are the means over the
pre-period years (Dataprep predictors_op="mean", time_predictors_prior = the years before START), the
V-loss is over the same years (time_optimize_ssr). Prints one JSON object:
  custom:  pysyncon's Synth().fit(dataprep, custom_V=V): W by unit, gaps by year, loss_V (the pre-MSPE)
  exact:   the same inner problem by pysyncon's own Synth.w_optimize with SLSQP ftol 1e-15 (its default
           ftol 1e-6 stops a few 1e-7..1e-5 from the optimum, see the Swift test)
  nested:  Synth().fit(dataprep) with pysyncon's defaults (Nelder-Mead from equal V, maxiter 1000): V, W,
           loss_V (at its SLSQP's W), loss_V_exact_W (its V, W to ftol 1e-15); and with optim_initial="ols"
  placebo: PlaceboTest with custom_V: each control's gaps by year (every control treated in turn);
           placebo_exact: the same with the inner SLSQP at ftol 1e-15 (TightSynth); placebo_pvalue: its pvalue().
"""

import argparse
import contextlib
import json
import sys
import warnings

import numpy as np
import pandas as pd
from pysyncon import Dataprep, Synth
from pysyncon.utils import PlaceboTest

warnings.filterwarnings("ignore")


class TightSynth(Synth):
    """pysyncon's Synth with its own inner solver (SLSQP) run to ftol 1e-15 instead of scipy's 1e-6."""

    @staticmethod
    def w_optimize(V_mat, X0, X1, qp_method="SLSQP", qp_options=None):
        return Synth.w_optimize(V_mat=V_mat, X0=X0, X1=X1, qp_method=qp_method,
                                qp_options={"maxiter": 10000, "ftol": 1e-15})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("panel")
    parser.add_argument("treated")
    parser.add_argument("start", type=int)
    parser.add_argument("--predictors", required=True)
    parser.add_argument("--v")
    parser.add_argument("--placebo", action="store_true")
    parser.add_argument("--nested", action="store_true")
    args = parser.parse_args()

    df = pd.read_csv(args.panel, dtype={"unit": str})
    predictors = args.predictors.split(",")
    years = sorted(df["year"].unique())
    pre = [int(y) for y in years if y < args.start]
    controls = [u for u in dict.fromkeys(df["unit"]) if u != args.treated]

    def dataprep(treated, controls):
        return Dataprep(
            foo=df, predictors=predictors, predictors_op="mean", dependent="y", unit_variable="unit",
            time_variable="year", treatment_identifier=treated, controls_identifier=controls,
            time_predictors_prior=pre, time_optimize_ssr=pre)

    prep = dataprep(args.treated, controls)
    out = {"controls": controls, "years": [int(y) for y in years]}
    Z0_all, Z1_all = prep.make_outcome_mats(time_period=years)

    def gaps_of(W):
        return [float(g) for g in (Z1_all.to_numpy() - Z0_all.to_numpy() @ np.asarray(W))]

    if args.v:
        V = np.array([float(v) for v in args.v.split(",")])
        synth = Synth()
        synth.fit(dataprep=prep, custom_V=V)
        out["custom"] = {"W": [float(w) for w in synth.W], "gaps": gaps_of(synth.W), "loss_V": float(synth.loss_V)}

        # The same inner problem, scaled exactly as Synth.fit does, with a tight SLSQP tolerance.
        X0, X1 = prep.make_covariate_mats()
        X = pd.concat([X0, X1], axis=1)
        X_scaled = X.divide(X.std(axis=1), axis=0)
        X0s, X1s = X_scaled.drop(columns=X1.name).to_numpy(), X_scaled[X1.name].to_numpy()
        W, _ = Synth.w_optimize(V_mat=np.diag(V), X0=X0s, X1=X1s, qp_options={"maxiter": 10000, "ftol": 1e-15})
        out["exact"] = {"W": [float(w) for w in W], "gaps": gaps_of(W)}

        if args.placebo:
            for key, scm in (("placebo", Synth()), ("placebo_exact", TightSynth())):
                placebo = PlaceboTest()
                with contextlib.redirect_stdout(sys.stderr):  # it prints progress even with verbose=False
                    placebo.fit(dataprep=prep, scm=scm, scm_options={"custom_V": V}, max_workers=1, verbose=False)
                out[key] = {str(unit): [float(g) for g in placebo.gaps[unit]] for unit in placebo.gaps.columns}
            out["placebo_pvalue"] = float(placebo.pvalue(treatment_time=args.start))

    if args.nested:
        for name, initial in (("nested", "equal"), ("nested_ols", "ols")):
            synth = Synth()
            synth.fit(dataprep=prep, optim_initial=initial)
            # Its V with W solved to ftol 1e-15: the pre-period MSPE its V really gives.
            tight = TightSynth()
            tight.fit(dataprep=prep, custom_V=synth.V)
            out[name] = {"V": [float(v) for v in synth.V], "W": [float(w) for w in synth.W],
                         "loss_V": float(synth.loss_V), "loss_V_exact_W": float(tight.loss_V)}

    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
