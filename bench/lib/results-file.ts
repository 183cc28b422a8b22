// bench/RESULTS.md is shared: other scripts append their own sections. A script that owns a section
// marks it with HTML comments and replaces only what lies between its markers when re-run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function replaceSection(file: string, sectionId: string, body: string): void {
  const start = `<!-- ${sectionId}:start -->`;
  const end = `<!-- ${sectionId}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.replace(/\n*$/, '\n')}\n${block}\n`;
  writeFileSync(file, next);
}
