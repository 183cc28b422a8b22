#!/usr/bin/env node
// Thin launcher: runs the TypeScript CLI through tsx so there is no separate build step. The worker
// is a child process, so the launcher forwards SIGINT / SIGTERM / SIGHUP to it (`kill -TERM` on this
// process must reach the run, which then stops at a safe point) and ends the way the worker ended.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // A terminal's Ctrl-C reaches the whole process group, the worker included; forwarding it as well
  // is harmless (the worker treats repeats within two seconds as one request).
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  process.stderr.write(`marquee: cannot start the CLI (${tsx}): ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so a shell or supervisor sees what happened.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
