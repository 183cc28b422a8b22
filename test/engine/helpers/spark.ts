// Decide whether the Spark tests run. They need a real Spark Connect server (start one with
// scripts/spark/start.sh). With MARQUEE_TEST_SPARK=1 (CI, after starting the cluster) an
// unreachable server is a failure, never a silent skip.
import net from 'node:net';
import { parseSparkConnectUrl } from '../../../src/engine/spark/url.js';
import { DEFAULT_SPARK_URL } from '../../../src/config.js';

export const SPARK_URL = process.env.MARQUEE_SPARK_URL ?? DEFAULT_SPARK_URL;
const REQUIRED = process.env.MARQUEE_TEST_SPARK === '1';

function portAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
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

/**
 * A TLS-terminating TCP gateway in front of the real Spark Connect server, as managed services
 * put one in front of theirs: a self-signed certificate for localhost/127.0.0.1 (made with the
 * openssl CLI) and ALPN h2, bytes relayed unchanged to `target`. Returns its port, the CA to
 * trust, and a close function.
 */
export async function tlsGateway(
  targetHost: string,
  targetPort: number,
): Promise<{ port: number; ca: Buffer; close: () => Promise<void> }> {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const tls = await import('node:tls');
  const dir = mkdtempSync(path.join(tmpdir(), 'marquee-spark-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const key = readFileSync(path.join(dir, 'key.pem'));
    const cert = readFileSync(path.join(dir, 'cert.pem'));
    const sockets = new Set<net.Socket>();
    const server = tls.createServer({ key, cert, ALPNProtocols: ['h2'] }, (client) => {
      const upstream = net.connect({ host: targetHost, port: targetPort });
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end);
      upstream.on('error', end);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const close = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    return { port, ca: cert, close };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
