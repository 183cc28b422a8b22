#!/usr/bin/env python3
"""scikit-learn peer for Marquee's churn models: fits the same three model families on the same
split and prints test AUCs as JSON, so Marquee's numbers can be compared (within ~0.01).

Input CSV (written by the Marquee side): a header row, then one row per user.
  - every column except `label` and `split` is a numeric feature (blank = missing)
  - `label`: 0 or 1
  - `split`: `train` or `test`
Missing values are filled with the training median plus a 0/1 `<name>__missing` indicator
(the same rule as Marquee's fitImputer).

Usage: python3 bench/peers/churn_sklearn.py features.csv [--l2 1.0] [--seed 42]
Settings mirror Marquee's defaults: logistic C = 1 / l2 on standardised features; random forest
100 trees, sqrt features, min_samples_leaf 3, max_depth 14; histogram GBT 200 rounds, learning
rate 0.05, 31 leaves, depth 6, min_samples_leaf 20, l2 1, no early stopping.
"""
import argparse
import json
import os
import sys
import time

# One thread, like Marquee: on a shared 2-core machine OpenMP oversubscription made
# HistGradientBoosting 20x slower.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load_split(csv: str):
    """Train and test arrays from the exported CSV, imputed like Marquee's fitImputer."""
    frame = pd.read_csv(csv)
    for required in ("label", "split"):
        if required not in frame.columns:
            sys.exit(f"{csv}: missing column '{required}' (have: {', '.join(frame.columns)})")
    bad = ~frame["split"].isin(["train", "test"])
    if bad.any():
        sys.exit(f"{csv}: row {int(np.argmax(bad)) + 2}: split must be train or test")
    features = [c for c in frame.columns if c not in ("label", "split")]
    train = frame[frame["split"] == "train"]
    test = frame[frame["split"] == "test"]

    medians = train[features].median()
    with_gaps = [c for c in features if train[c].isna().any()]

    def prepare(part: pd.DataFrame) -> np.ndarray:
        filled = part[features].fillna(medians).fillna(0)
        for c in with_gaps:
            filled[f"{c}__missing"] = part[c].isna().astype(float)
        return filled.to_numpy(dtype=float)

    return prepare(train), train["label"].to_numpy(), prepare(test), test["label"].to_numpy()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    x_train, y_train, x_test, y_test = load_split(args.csv)
    n_train, n_test, n_features = len(y_train), len(y_test), x_train.shape[1]

    models = {
        "logistic": make_pipeline(StandardScaler(), LogisticRegression(C=1.0 / args.l2, max_iter=1000)),
        "random_forest": RandomForestClassifier(
            n_estimators=100, max_features="sqrt", min_samples_leaf=3, max_depth=14,
            random_state=args.seed, n_jobs=1,
        ),
        "hist_gbt": HistGradientBoostingClassifier(
            max_iter=200, learning_rate=0.05, max_leaf_nodes=31, max_depth=6, min_samples_leaf=20,
            l2_regularization=1.0, early_stopping=False, random_state=args.seed,
        ),
    }
    result = {"n_train": int(n_train), "n_test": int(n_test), "features": int(n_features), "auc": {}, "seconds": {}}
    for name, model in models.items():
        started = time.perf_counter()
        model.fit(x_train, y_train)
        result["auc"][name] = float(roc_auc_score(y_test, model.predict_proba(x_test)[:, 1]))
        result["seconds"][name] = round(time.perf_counter() - started, 3)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
