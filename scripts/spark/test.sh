#!/usr/bin/env bash
# CI entry for the Spark engine: install pyspark + protocol descriptors, start the local cluster
# with a throwaway token, run the Spark tests (required to run, never skipped), and always stop
# the cluster afterwards.   scripts/spark/test.sh [extra vitest args]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
scripts/spark/install.sh
SPARK_CONNECT_TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export SPARK_CONNECT_TOKEN
trap 'scripts/spark/stop.sh' EXIT
scripts/spark/start.sh
MARQUEE_TEST_SPARK=1 MARQUEE_SPARK_URL="sc://127.0.0.1:${SPARK_CONNECT_PORT:-15002}/;use_ssl=false;token=$SPARK_CONNECT_TOKEN" \
  npx vitest run test/engine/spark "$@"
