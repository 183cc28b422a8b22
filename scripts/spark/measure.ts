// Measure the Spark engine against a running cluster (scripts/spark/start.sh):
// connect time, simple-query latency, and rows/s for a large streamed result, split into
// end-to-end and the client's Arrow decoding alone.
//   npx tsx scripts/spark/measure.ts [sc://127.0.0.1:15002] [rows=2000000]
import { performance } from 'node:perf_hooks';
import { SparkEngine } from '../../src/engine/spark/engine.js';
import { DEFAULT_SPARK_URL } from '../../src/config.js';
import { SparkConnectClient } from '../../src/engine/spark/client.js';
import { decodeArrowBatch } from '../../src/engine/spark/values.js';
import { parseSparkConnectUrl } from '../../src/engine/spark/url.js';

const url = process.argv[2] ?? DEFAULT_SPARK_URL;
const rows = Number(process.argv[3] ?? 2_000_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let t = performance.now();
const engine = await SparkEngine.connect(url);
const connectMs = performance.now() - t;

const latencies: number[] = [];
for (let i = 0; i < 20; i++) {
  t = performance.now();
  await engine.query('SELECT 1 AS x');
  latencies.push(performance.now() - t);
}

const query = `SELECT id, id * 0.5D AS half, CONCAT('user-', CAST(id AS STRING)) AS name,
  DATE '2024-01-01' + CAST(id % 365 AS INT) AS day, TIMESTAMP '2024-01-01 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id) AS ts
  FROM range(${rows})`;
t = performance.now();
let streamed = 0;
for await (const batch of engine.stream(query)) streamed += batch.length;
const endToEndMs = performance.now() - t;
await engine.close();

// Decoding alone: fetch the raw Arrow batches first, then time only decodeArrowBatch.
const client = SparkConnectClient.open(parseSparkConnectUrl(url));
const raw: Buffer[] = [];
for await (const response of client.executePlan({ root: { sql: { query } } }))
  if (response.arrow_batch) raw.push(response.arrow_batch.data);
await client.close();
t = performance.now();
let decoded = 0;
for (const data of raw) decoded += decodeArrowBatch(data).length;
const decodeMs = performance.now() - t;

console.log(
  JSON.stringify(
    {
      url,
      connect_ms: Math.round(connectMs),
      select1_median_ms: Math.round(median(latencies)),
      select1_min_ms: Math.round(Math.min(...latencies)),
      stream_rows: streamed,
      stream_columns: 5,
      stream_batches: raw.length,
      stream_s: +(endToEndMs / 1000).toFixed(2),
      stream_rows_per_s: Math.round(streamed / (endToEndMs / 1000)),
      decode_only_rows_per_s: Math.round(decoded / (decodeMs / 1000)),
      arrow_mb: +(raw.reduce((n, b) => n + b.length, 0) / 1e6).toFixed(1),
    },
    null,
    2,
  ),
);
