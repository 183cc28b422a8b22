"""Peer for src/ml/forecast: statsmodels Holt-Winters and SARIMA on the same rolling origins.

Run `npx tsx bench/peers/forecast_peer_data.ts` first, then
`python3 bench/peers/forecast_statsmodels.py [dir=tmp/peers/forecast]`.
MASE scales each origin by its training window's seasonal-naive MAE, as rolling_origin.ts does.
statsmodels' SARIMAX fits by exact maximum likelihood (ours: conditional sum of squares), so
small differences are expected; large ones point at a bug. Takes ~10 minutes (65 SARIMAX fits
at several seconds each on a shared 2-core machine).
"""
import json
import os
import sys
import time
import warnings

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from statsmodels.tsa.holtwinters import ExponentialSmoothing  # noqa: E402
from statsmodels.tsa.statespace.sarimax import SARIMAX  # noqa: E402

warnings.filterwarnings("ignore")
folder = sys.argv[1] if len(sys.argv) > 1 else "tmp/peers/forecast"
ours = json.load(open(f"{folder}/marquee.json"))
opt = ours["options"]
raw = np.loadtxt(f"{folder}/series.csv", delimiter=",", skiprows=1)
series = [raw[raw[:, 0] == k, 2] for k in np.unique(raw[:, 0])]
H, STEP, MIN, M, LEVEL = opt["horizon"], opt["step"], opt["minTrain"], opt["period"], opt["level"]


def holt_winters(train):
    fit = ExponentialSmoothing(train, trend="add", seasonal="add", seasonal_periods=M).fit()
    # statsmodels' Holt-Winters class gives no analytic intervals: compare point accuracy only.
    return fit.forecast(H), None, None


def sarima(train):
    fit = SARIMAX(train, order=(1, 0, 1), seasonal_order=(0, 1, 1, M), trend="c").fit(disp=False)
    f = fit.get_forecast(H)
    lo, hi = f.conf_int(alpha=1 - LEVEL).T
    return f.predicted_mean, lo, hi


out = {}
for name, model in [("statsmodels_holt_winters", holt_winters), ("statsmodels_sarima_101_011_7", sarima)]:
    ae, se, sm, cover, n, started = 0.0, 0.0, 0.0, 0, 0, time.perf_counter()
    forecasts, has_intervals = 0, False
    for y in series:
        for origin in range(MIN, len(y) - H + 1, STEP):
            train, actual = y[:origin], y[origin:origin + H]
            scale = np.mean(np.abs(train[M:] - train[:-M]))
            mean, lo, hi = model(train)
            err = np.abs(actual - mean)
            ae += err.sum()
            se += (err / scale).sum()
            denom = np.abs(actual) + np.abs(mean)
            sm += np.where(denom == 0, 0, 200 * err / np.where(denom == 0, 1, denom)).sum()
            if lo is not None:
                has_intervals = True
                cover += ((actual >= lo) & (actual <= hi)).sum()
            n += H
            forecasts += 1
    out[name] = {
        "mae": ae / n, "mase": se / n, "smape": sm / n,
        "coverage": cover / n if has_intervals else None,
        "msPerForecast": 1000 * (time.perf_counter() - started) / forecasts,
    }
print(json.dumps({"statsmodels": out, "marquee": ours}, indent=2))
