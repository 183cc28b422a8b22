#!/usr/bin/env bash
# Start a local Spark cluster on loopback only: a standalone master, one worker and the Spark
# Connect server (driver) attached to that master. Waits (bounded) until the gRPC port answers.
#   scripts/spark/start.sh        # then: scripts/spark/stop.sh
# Logs, pid files and the (throwaway) warehouse live under .spark/ (git-ignored).
# Ports (override by env): SPARK_CONNECT_PORT 15002, SPARK_MASTER_PORT 7077,
# master UI 18080, worker UI 18081. Memory: SPARK_WORKER_MEMORY 2g, SPARK_DRIVER_MEMORY 2g.
# SPARK_CONNECT_TOKEN: when set, the server accepts only clients that send it as a bearer token
# (sc://127.0.0.1:15002/;token=...;use_ssl=false); it reaches the server through the environment,
# never the command line.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${PYTHON:-python3}"
START_TIMEOUT_S="${SPARK_START_TIMEOUT_S:-300}"

SPARK_HOME="$("$PYTHON" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))' 2>/dev/null)" \
  || { echo "pyspark is not installed: run scripts/spark/install.sh" >&2; exit 1; }
export SPARK_HOME
STATE="$ROOT/.spark"
export SPARK_LOG_DIR="$STATE/logs" SPARK_PID_DIR="$STATE/pids" SPARK_IDENT_STRING=marquee
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
export SPARK_CONF_DIR="$STATE/conf"
mkdir -p "$SPARK_LOG_DIR" "$SPARK_PID_DIR" "$SPARK_CONF_DIR" "$STATE/warehouse" "$STATE/work" "$STATE/tmp"

CONNECT_PORT="${SPARK_CONNECT_PORT:-15002}"
MASTER_PORT="${SPARK_MASTER_PORT:-7077}"
MASTER_URL="spark://127.0.0.1:$MASTER_PORT"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # name port deadline
  while ! port_open "$2"; do
    if [ "$(date +%s)" -ge "$3" ]; then
      echo "timed out waiting for $1 on 127.0.0.1:$2; logs in $SPARK_LOG_DIR:" >&2
      tail -n 30 "$SPARK_LOG_DIR"/*"$1"*.out >&2 || true
      exit 1
    fi
    sleep 1
  done
}

if port_open "$CONNECT_PORT"; then
  echo "something already listens on 127.0.0.1:$CONNECT_PORT; stop it first (scripts/spark/stop.sh)" >&2
  exit 1
fi

# The local cluster keeps its catalog in memory, so a restart forgets every table while the
# files stay behind and block re-creating them (LOCATION_ALREADY_EXISTS): start from empty.
rm -rf "$STATE/warehouse" "$STATE/work"
mkdir -p "$STATE/warehouse" "$STATE/work"

started=$(date +%s)
deadline=$((started + START_TIMEOUT_S))
daemon="$SPARK_HOME/sbin/spark-daemon.sh"
# The pip wheel has no start-master.sh/start-worker.sh; spark-daemon.sh runs the same classes.
"$daemon" start org.apache.spark.deploy.master.Master 1 \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "${SPARK_MASTER_WEBUI_PORT:-18080}" >/dev/null
wait_port Master "$MASTER_PORT" "$deadline"
"$daemon" start org.apache.spark.deploy.worker.Worker 1 \
  --host 127.0.0.1 --webui-port "${SPARK_WORKER_WEBUI_PORT:-18081}" \
  --cores "${SPARK_WORKER_CORES:-2}" --memory "${SPARK_WORKER_MEMORY:-2g}" \
  --work-dir "$STATE/work" "$MASTER_URL" >/dev/null
if [ -n "${SPARK_CONNECT_TOKEN:-}" ]; then export SPARK_CONNECT_AUTHENTICATE_TOKEN="$SPARK_CONNECT_TOKEN"; fi
"$SPARK_HOME/sbin/start-connect-server.sh" \
  --master "$MASTER_URL" \
  --driver-memory "${SPARK_DRIVER_MEMORY:-2g}" \
  --executor-memory "${SPARK_EXECUTOR_MEMORY:-1g}" \
  --conf spark.driver.host=127.0.0.1 \
  --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.ui.enabled=false \
  --conf spark.connect.grpc.binding.address=127.0.0.1 \
  --conf spark.connect.grpc.binding.port="$CONNECT_PORT" \
  --conf spark.sql.warehouse.dir="$STATE/warehouse" \
  --conf spark.local.dir="$STATE/tmp" \
  --conf spark.sql.session.timeZone=UTC \
  --conf spark.sql.shuffle.partitions=4 >/dev/null
wait_port connect "$CONNECT_PORT" "$deadline"

echo "Spark up in $(( $(date +%s) - started ))s: sc://127.0.0.1:$CONNECT_PORT (master $MASTER_URL, logs $SPARK_LOG_DIR)"
echo "stop with: scripts/spark/stop.sh"
