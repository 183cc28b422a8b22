// Parse a Spark Connect connection string, the format every Spark Connect client accepts:
//   sc://host[:port][/;key=value;key=value...]
// Known keys: token (bearer token; implies TLS unless use_ssl=false is given explicitly),
// use_ssl, user_id, user_agent, session_id. Unknown keys become gRPC metadata headers, which is
// how managed services take extra routing values (e.g. Databricks' x-databricks-cluster-id).
import { readEnvironment } from '../../config.js';

export interface SparkConnectUrl {
  host: string;
  port: number;
  useSsl: boolean;
  token?: string;
  userId: string;
  userAgent: string;
  sessionId?: string;
  /** Extra key=value pairs, sent as gRPC metadata on every call. */
  headers: Record<string, string>;
}

export const DEFAULT_SPARK_CONNECT_PORT = 15002;
const KNOWN = new Set(['token', 'use_ssl', 'user_id', 'user_agent', 'session_id']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(url: string, why: string): never {
  // Never echo a token back: show the URL only up to its parameters.
  throw new Error(`invalid Spark Connect URL '${url.split(';')[0]}': ${why} (expected sc://host:port/;key=value;...)`);
}

function parseBool(url: string, key: string, value: string): boolean {
  if (/^(true|1)$/i.test(value)) return true;
  if (/^(false|0)$/i.test(value)) return false;
  return fail(url, `${key} must be true or false, got '${value}'`);
}

export function parseSparkConnectUrl(url: string): SparkConnectUrl {
  if (!url.startsWith('sc://')) fail(url, "must start with 'sc://'");
  const rest = url.slice('sc://'.length);
  const [authorityAndPath, ...pairs] = rest.split(';');
  const authority = authorityAndPath.replace(/\/$/, '');
  if (authority.includes('/')) fail(url, 'no path is allowed after host:port other than "/"');
  const match = /^(\[[^\]]+\]|[^:\[\]]+)(?::(\d+))?$/.exec(authority);
  if (!match) fail(url, `cannot read host:port from '${authority}'`);
  const host = match[1];
  const port = match[2] === undefined ? DEFAULT_SPARK_CONNECT_PORT : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(url, `port ${match[2]} is out of range`);

  const params: Record<string, string> = {};
  for (const pair of pairs) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) fail(url, `parameter '${pair.split('=')[0]}' is not key=value`);
    const key = pair.slice(0, eq);
    if (key in params) fail(url, `parameter '${key}' is given twice`);
    params[key] = decodeURIComponent(pair.slice(eq + 1));
  }

  const token = params.token;
  const useSsl = params.use_ssl !== undefined ? parseBool(url, 'use_ssl', params.use_ssl) : token !== undefined;
  if (params.session_id !== undefined && !UUID.test(params.session_id)) fail(url, 'session_id must be a UUID');
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (!KNOWN.has(key)) headers[key.toLowerCase()] = value;
  return {
    host,
    port,
    useSsl,
    token,
    userId: params.user_id ?? readEnvironment().user ?? 'marquee',
    userAgent: params.user_agent ?? 'marquee',
    sessionId: params.session_id,
    headers,
  };
}
