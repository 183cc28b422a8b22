#!/usr/bin/env python3
"""CPU time of the `implicit` package's ALS on a user x item matrix written by Marquee
(bench/ml-peers.ts writes the ml.recommend training matrix of a warehouse), with the settings
of src/ml/recommend/train.ts: 32 factors, regularisation 200, confidence 1 + 10 r, 10 iterations,
conjugate gradient (implicit's default of 3 steps, as Marquee), one thread.

Usage: python3 bench/peers/recommend_implicit_cpu.py train.csv [--factors 32] [--regularization 200]
       [--alpha 10] [--iterations 10]
train.csv: header `user,item,value`, one stored entry per line. Prints JSON with CPU and wall seconds.
"""
import argparse
import json
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # implicit warns that a BLAS thread pool slows it

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from implicit.cpu.als import AlternatingLeastSquares  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("csv")
parser.add_argument("--factors", type=int, default=32)
parser.add_argument("--regularization", type=float, default=200)
parser.add_argument("--alpha", type=float, default=10)
parser.add_argument("--iterations", type=int, default=10)
args = parser.parse_args()

data = np.loadtxt(args.csv, delimiter=",", skiprows=1, ndmin=2)
users = data[:, 0].astype(np.int64)
items = data[:, 1].astype(np.int64)
shape = (int(users.max()) + 1, int(items.max()) + 1)
confidence = sp.csr_matrix((1 + args.alpha * data[:, 2], (users, items)), shape=shape)
model = AlternatingLeastSquares(
    factors=args.factors, regularization=args.regularization, alpha=1.0,
    iterations=args.iterations, use_cg=True, random_state=1, num_threads=1,
)
cpu0, wall0 = time.process_time(), time.perf_counter()
model.fit(confidence, show_progress=False)
print(json.dumps({
    "implicit_als": {
        "cpuSeconds": round(time.process_time() - cpu0, 3),
        "wallSeconds": round(time.perf_counter() - wall0, 3),
        "users": shape[0], "items": shape[1], "entries": int(confidence.nnz),
    }
}))
