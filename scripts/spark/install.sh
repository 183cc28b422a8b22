#!/usr/bin/env bash
# Install the local Spark used by the Spark engine tests (idempotent) and build the Spark Connect
# protocol descriptor set the TypeScript client loads at run time.
#   scripts/spark/install.sh            # pyspark pinned below
#   PYSPARK_VERSION=4.2.1 scripts/spark/install.sh
# Nothing from Spark's repository is committed: the descriptors come from the installed wheel.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${PYTHON:-python3}"
PYSPARK_VERSION="${PYSPARK_VERSION:-4.3.0}"

installed="$("$PYTHON" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null || true)"
if [ "$installed" != "$PYSPARK_VERSION" ]; then
  echo "installing pyspark[connect]==$PYSPARK_VERSION (found: ${installed:-none})"
  "$PYTHON" -m pip install --quiet "pyspark[connect]==$PYSPARK_VERSION"
else
  echo "pyspark $installed already installed"
fi

mkdir -p "$ROOT/.spark/proto"
"$PYTHON" "$ROOT/scripts/spark/build_descriptors.py" "$ROOT/.spark/proto/spark-connect.desc"
