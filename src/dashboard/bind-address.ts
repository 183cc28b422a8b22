// What `--host` means, decided from the parsed address rather than from its spelling: `127.1`,
// `127.0.0.2` and `[::1]` are all loopback, `''` is not "every interface" but an error. The decision
// drives the Host-header allow list (loopback) and the access token (anything else).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export class BindAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindAddressError';
  }
}

export interface BindAddress {
  /** As the user wrote it (brackets removed). */
  given: string;
  /** The numeric address to listen on. */
  address: string;
  loopback: boolean;
}

/**
 * IPv4 in any form inet_aton accepts (`127.1`, `0x7f.1`, `2130706433`): 1 to 4 parts, decimal,
 * octal (leading 0) or hex (0x), the last part filling the remaining bytes. Undefined if not one.
 */
export function parseIpv4(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]+$/i.test(part)) value = parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) value = parseInt(part, 8);
    else if (/^[1-9][0-9]*$/.test(part)) value = parseInt(part, 10);
    else return undefined;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255)) return undefined;
  if (last >= 2 ** (8 * (4 - values.length))) return undefined;
  const bytes = [...values];
  for (let i = 4 - values.length - 1; i >= 0; i--) bytes.push(Math.floor(last / 2 ** (8 * i)) % 256);
  return bytes.join('.');
}

/** Loopback by address: all of 127.0.0.0/8, ::1 and IPv4-mapped 127.x (::ffff:127.0.0.1). */
export function isLoopbackAddress(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  if (isIP(address) !== 6) return false;
  // The URL parser writes IPv6 in its shortest form: ::1, and ::ffff:7fxx:xxxx for a mapped 127.x.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1).toLowerCase();
  return canonical === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(canonical);
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * Parse `--host`. Numeric addresses are taken as they are; `localhost` is loopback; another name is
 * resolved and must resolve (every address it gives decides: loopback only if all are).
 */
export async function parseBindHost(raw: string): Promise<BindAddress> {
  const given = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (given === '') {
    throw new BindAddressError(
      `--host is empty: give the address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface; needs an access token)`,
    );
  }
  const ipv4 = parseIpv4(given);
  if (ipv4) return { given, address: ipv4, loopback: isLoopbackAddress(ipv4) };
  if (isIP(given) === 6) return { given, address: given, loopback: isLoopbackAddress(given) };
  if (given.toLowerCase() === 'localhost') return { given, address: '127.0.0.1', loopback: true };
  if (!HOSTNAME.test(given)) {
    throw new BindAddressError(`--host '${raw}' is not an IP address or host name; expected e.g. 127.0.0.1, ::1, localhost or 0.0.0.0`);
  }
  const found = await lookup(given, { all: true }).catch(() => []);
  if (found.length === 0) throw new BindAddressError(`--host '${raw}' does not resolve to an address on this machine`);
  return { given, address: found[0].address, loopback: found.every((a) => isLoopbackAddress(a.address)) };
}

/** Host header values a loopback server answers (DNS-rebinding guard): the loopback names and the bound spelling. */
export function allowedHostHeaders(bind: BindAddress, port: number): Set<string> {
  const names = [
    '127.0.0.1',
    'localhost',
    '[::1]',
    bind.address.includes(':') ? `[${bind.address}]` : bind.address,
    bind.given.includes(':') ? `[${bind.given}]` : bind.given,
  ];
  return new Set(names.map((n) => `${n.toLowerCase()}:${port}`));
}
