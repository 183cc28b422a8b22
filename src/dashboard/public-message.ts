// Text that leaves the server: never a file path, a process id or a stack trace. Error details go
// to the server's log; the client gets the sentence with those parts cut out.
const ABSOLUTE_PATH = /(?:[A-Za-z]:\\|\/)(?:[^\s'"`:,;)]+[\\/])*[^\s'"`:,;)]*/g;

export function publicMessage(text: string): string {
  return text
    .split('\n')[0]
    .replace(/\b(?:PID|pid|process)\s*:?\s*\d+/g, (m) => m.replace(/\d+/, 'N'))
    .replace(ABSOLUTE_PATH, (m) => (m.length > 1 && /[\\/]/.test(m.slice(1)) ? '<path>' : m))
    .replace(/\s+at\s+\S+\s+\(.*\)$/, '');
}
