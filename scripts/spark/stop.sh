#!/usr/bin/env bash
# Stop the local Spark cluster started by scripts/spark/start.sh (connect server, worker, master)
# and wait, bounded, until those processes have exited.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${PYTHON:-python3}"
STOP_TIMEOUT_S="${SPARK_STOP_TIMEOUT_S:-30}"
SPARK_HOME="$("$PYTHON" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))' 2>/dev/null)" \
  || { echo "pyspark is not installed" >&2; exit 1; }
export SPARK_HOME
STATE="$ROOT/.spark"
export SPARK_LOG_DIR="$STATE/logs" SPARK_PID_DIR="$STATE/pids" SPARK_IDENT_STRING=marquee
export SPARK_CONF_DIR="$STATE/conf"

# spark-daemon.sh signals the pid it recorded and returns at once; remember them to wait on.
pids="$(cat "$SPARK_PID_DIR"/*.pid 2>/dev/null | tr '\n' ' ')"
daemon="$SPARK_HOME/sbin/spark-daemon.sh"
"$daemon" stop org.apache.spark.sql.connect.service.SparkConnectServer 1
"$daemon" stop org.apache.spark.deploy.worker.Worker 1
"$daemon" stop org.apache.spark.deploy.master.Master 1

deadline=$(( $(date +%s) + STOP_TIMEOUT_S ))
for pid in $pids; do
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "pid $pid still running after ${STOP_TIMEOUT_S}s; sending SIGKILL" >&2
      kill -9 "$pid" 2>/dev/null
      break
    fi
    sleep 0.5
  done
done
echo "Spark stopped"
