// Decide whether the Spark tests run. They need a real Spark Connect server (start one with
// scripts/spark/start.sh). With MARQUEE_TEST_SPARK=1 (CI, after starting the cluster) an
// unreachable server is a failure, never a silent skip.
import net from 'node:net';
import { parseSparkConnectUrl } from '../../../src/engine/spark/url.js';
import { DEFAULT_SPARK_URL } from '../../../src/engine/spark.js';

export const SPARK_URL = process.env.MARQUEE_SPARK_URL ?? DEFAULT_SPARK_URL;
const REQUIRED = process.env.MARQUEE_TEST_SPARK === '1';

function portAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when the Spark tests should run; throws when they are required but Spark is not up. */
export async function sparkIsUp(): Promise<boolean> {
  const { host, port } = parseSparkConnectUrl(SPARK_URL);
  const up = await portAnswers(host, port, 2000);
  if (!up && REQUIRED) {
    throw new Error(`MARQUEE_TEST_SPARK=1 but nothing answers at ${SPARK_URL}; start the cluster with scripts/spark/start.sh`);
  }
  return up;
}

/** A schema name no other test run uses, so tests can share one cluster. */
export function scratchSchema(label: string): string {
  return `marquee_test_${label}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
}
