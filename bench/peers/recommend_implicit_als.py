"""Peer for src/ml/recommend/als.ts: the `implicit` package's ALS on the same synthetic split.

Run `npx tsx bench/peers/recommend_peer_data.ts` first, then
`python3 bench/peers/recommend_implicit_als.py [dir=tmp/peers/recommend]`.
Confidence is 1 + alpha * r in both: implicit uses the stored value itself as the confidence
(times its own alpha, left at 1), so we pass 1 + alpha * r. NDCG@10 uses the same definition as ranking_metrics.ts (binary gains,
IDCG over min(|relevant|, 10), watched titles excluded).
"""
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # implicit warns that a BLAS thread pool slows it

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from implicit.cpu.als import AlternatingLeastSquares  # noqa: E402

folder = sys.argv[1] if len(sys.argv) > 1 else "tmp/peers/recommend"
ours = json.load(open(f"{folder}/marquee.json"))
p = ours["params"]
n_users, n_items = ours["shape"]["users"], ours["shape"]["items"]


def load(name):
    data = np.loadtxt(f"{folder}/{name}.csv", delimiter=",", skiprows=1, ndmin=2)
    return sp.csr_matrix((data[:, 2], (data[:, 0].astype(int), data[:, 1].astype(int))), shape=(n_users, n_items))


train, test = load("train"), load("test")
model = AlternatingLeastSquares(
    factors=p["factors"], regularization=p["regularization"], alpha=1.0,
    iterations=p["iterations"], use_cg=True, random_state=1, num_threads=1,
)
started = time.perf_counter()
confidence = train.copy()
confidence.data = 1 + p["alpha"] * confidence.data
model.fit(confidence, show_progress=False)
fit_seconds = time.perf_counter() - started

discounts = 1 / np.log2(np.arange(2, 12))
ndcgs = []
for u in range(n_users):
    relevant = set(test.indices[test.indptr[u]:test.indptr[u + 1]])
    if not relevant:
        continue
    ids, _ = model.recommend(u, train[u], N=10, filter_already_liked_items=True)
    dcg = sum(discounts[r] for r, i in enumerate(ids) if i in relevant)
    ndcgs.append(dcg / discounts[: min(len(relevant), 10)].sum())
print(json.dumps({
    "implicit_als": {"fitSeconds": fit_seconds, "ndcg10": float(np.mean(ndcgs)), "users": len(ndcgs)},
    "marquee_als": ours["marquee_als"], "popularity": ours["popularity"],
}, indent=2))
