#!/usr/bin/env bash
# Runs bronze, silver, gold of `marquee run` as separate children on one input, printing per-layer
# wall/CPU/peak RSS (GNU time) and the per-step lines. Usage: bench/perf/layers.sh INPUT WAREHOUSE [LOGPREFIX]
set -u
in=$1; wh=$2; log=${3:-$wh}
rm -rf "$wh"; mkdir -p "$wh"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for layer in bronze silver gold; do
  if [ $layer = bronze ]; then args=(--through bronze --full-refresh); else args=(--select "$layer+" --through $layer); fi
  /usr/bin/time -f "$layer wall=%e user=%U sys=%S maxrss_kb=%M" -o "$log.$layer.time" \
    npx tsx src/cli/main.ts run --input "$in" --warehouse "$wh" "${args[@]}" > "$log.$layer.out" 2>&1
  cat "$log.$layer.time"
done
