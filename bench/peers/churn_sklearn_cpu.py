#!/usr/bin/env python3
"""CPU time of scikit-learn doing what ml.churn does (src/ml/churn/train.ts), on the features and
split Marquee exports (bench/lib/churn-features.ts; same CSV as churn_sklearn.py):

- logistic regression with the penalty chosen by 3-fold stratified cross-validation on AUC over
  C = 1 / l2 for l2 in 1, 10, 100, 1000 (standardised features), then refitted on all training rows;
- histogram gradient boosting: 300 rounds at most, rate 0.05, 15 leaves, depth 4, 40 rows per leaf,
  l2 1, early stopping after 30 rounds without a better loss on a fifth of the training rows;
- random forest: 100 trees, depth 14, 3 rows per leaf, sqrt(features) per split.

One thread (OMP_NUM_THREADS=1), like Marquee. Prints JSON: CPU and wall seconds and test AUC per model.
Usage: python3 bench/peers/churn_sklearn_cpu.py features.csv [--seed 42]
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import GridSearchCV, StratifiedKFold  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from churn_sklearn import load_split  # noqa: E402

L2_GRID = [1, 10, 100, 1000]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    x_train, y_train, x_test, y_test = load_split(args.csv)
    models = {
        "logistic_cv": GridSearchCV(
            make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
            {"logisticregression__C": [1.0 / l2 for l2 in L2_GRID]},
            cv=StratifiedKFold(3, shuffle=True, random_state=args.seed),
            scoring="roc_auc",
            refit=True,
        ),
        "gbt": HistGradientBoostingClassifier(
            max_iter=300, learning_rate=0.05, max_leaf_nodes=15, max_depth=4, min_samples_leaf=40,
            l2_regularization=1.0, early_stopping=True, validation_fraction=0.2, n_iter_no_change=30,
            scoring="loss", random_state=args.seed,
        ),
        "random_forest": RandomForestClassifier(
            n_estimators=100, max_features="sqrt", min_samples_leaf=3, max_depth=14,
            random_state=args.seed, n_jobs=1,
        ),
    }
    out = {"n_train": int(len(y_train)), "n_test": int(len(y_test)), "features": int(x_train.shape[1]), "models": {}}
    for name, model in models.items():
        cpu0, wall0 = time.process_time(), time.perf_counter()
        model.fit(x_train, y_train)
        proba = model.predict_proba(x_test)[:, 1]
        out["models"][name] = {
            "cpuSeconds": round(time.process_time() - cpu0, 3),
            "wallSeconds": round(time.perf_counter() - wall0, 3),
            "auc": float(roc_auc_score(y_test, proba)),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
