// The access token a server bound beyond loopback requires on every request: given with --token or
// generated at start and printed once, inside the URL. The browser brings it once in the query
// (`?token=`), gets it back as an HttpOnly SameSite=Strict cookie and is redirected to the same URL
// without it (so it stays out of history and Referer); scripts may send `Authorization: Bearer`.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'marquee_token';
export const TOKEN_PARAM = 'token';
export const MIN_TOKEN_LENGTH = 16;

/**
 * The token a server enforces: the given one whatever the address; none given, a fresh one when the
 * address is not loopback (a dashboard reachable from the network is never open), none on loopback.
 */
export function requiredToken(loopback: boolean, given: string | undefined): string | undefined {
  return given ?? (loopback ? undefined : generateToken());
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

export function checkTokenStrength(token: string): string | undefined {
  if (token.length < MIN_TOKEN_LENGTH)
    return `--token must be at least ${MIN_TOKEN_LENGTH} characters (got ${token.length}); leave it out to have one generated`;
  if (!/^[\x21-\x7e]+$/.test(token)) return '--token may hold printable ASCII only, no spaces';
  return undefined;
}

/** Constant-time equality: both sides hashed first, so neither length nor content leaks through timing. */
export function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type TokenVerdict = 'ok' | 'missing' | 'wrong' | 'from-query';

/** Where the request's token came from and whether it matches (the query only counts on first load). */
export function verifyRequest(req: IncomingMessage, url: URL, expected: string): TokenVerdict {
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
  const fromCookie = cookieValue(req, TOKEN_COOKIE);
  const fromQuery = url.searchParams.get(TOKEN_PARAM) ?? undefined;
  const given = bearer ?? fromCookie;
  if (given !== undefined && sameToken(given, expected)) return 'ok';
  if (fromQuery !== undefined && sameToken(fromQuery, expected)) return 'from-query';
  return given === undefined && fromQuery === undefined ? 'missing' : 'wrong';
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
