// The header of a source file, for masking its quarantined lines by column (files may order their
// columns differently from the contract). Undefined when the file is gone or unreadable: the masker
// then falls back to the contract's order.
import { closeSync, openSync, readSync } from 'node:fs';

const HEADER_BYTES = 64 * 1024;

export function fileHeader(path: string | undefined): string[] | undefined {
  if (!path) return undefined;
  try {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(HEADER_BYTES);
      const read = readSync(fd, buffer, 0, HEADER_BYTES, 0);
      const text = buffer
        .subarray(0, read)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      const end = text.search(/\r?\n/);
      return (end === -1 ? text : text.slice(0, end)).split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
