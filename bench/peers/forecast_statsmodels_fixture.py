"""Reference figures for test/ml/forecast/statsmodels.test.ts: statsmodels on one fixture series.

Run: `python3 bench/peers/forecast_statsmodels_fixture.py` (statsmodels 0.15, numpy; ~1 minute).
Writes test/ml/forecast/fixtures/statsmodels-reference.json with the series itself (so the
TypeScript test needs no Python), the rolling origins and each statsmodels model's MASE
(mean absolute error over the horizon / the training window's 7-day seasonal-naive MAE,
averaged over origins: the same definition as src/ml/forecast/evaluate.ts).
"""
import json
import os
import time
import warnings

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import statsmodels  # noqa: E402
from statsmodels.tsa.holtwinters import ExponentialSmoothing  # noqa: E402
from statsmodels.tsa.statespace.sarimax import SARIMAX  # noqa: E402

warnings.filterwarnings("ignore")
rng = np.random.default_rng(20)
n, H, MIN, STEP, M = 730, 28, 365, 28, 7
t = np.arange(n)
weekly = np.array([1.2, 0.85, 0.85, 0.9, 0.95, 1.15, 1.3])[t % 7]
yearly = 1 + 0.1 * np.cos(2 * np.pi * t / 365.25)
rate = 120 * (1 + 0.12 * t / n) * weekly * yearly
y = rng.poisson(rate).astype(float)
origins = list(range(MIN, n - H + 1, STEP))


def scale(train):
    return np.mean(np.abs(train[M:] - train[:-M]))


def mase(fc):
    out = []
    for o in origins:
        train = y[:o]
        f = fc(train)
        out.append(np.mean(np.abs(y[o:o + H] - f)) / scale(train))
    return float(np.mean(out))


models = {
    "seasonal_naive_7": lambda tr: np.array([tr[len(tr) - M + (h % M)] for h in range(H)]),
    "holt_winters_additive": lambda tr: ExponentialSmoothing(tr, trend="add", seasonal="add", seasonal_periods=M).fit().forecast(H),
    "sarima_100_011_7": lambda tr: SARIMAX(tr, order=(1, 0, 0), seasonal_order=(0, 1, 1, M), trend="c").fit(disp=False).forecast(H),
}
ref = {}
for name, fc in models.items():
    started = time.time()
    ref[name] = {"mase": mase(fc), "seconds": round(time.time() - started, 2)}
    print(name, ref[name])
out = {
    "produced_by": "python3 bench/peers/forecast_statsmodels_fixture.py",
    "statsmodels": statsmodels.__version__,
    "numpy": np.__version__,
    "series": "Poisson(120 * (1 + 0.12 t/730) * weekday factor * (1 + 0.1 cos(2 pi t / 365.25))), numpy default_rng(20)",
    "horizon": H, "first_origin": MIN, "step": STEP, "period": M, "origins": origins,
    "y": y.tolist(),
    "reference": ref,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "ml", "forecast", "fixtures", "statsmodels-reference.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
