// The compiled program users run (`npm run build` -> dist/, started by bin/marquee.js in-process):
// `--help` loads no command's implementation, a missing or stale build is refused with the command
// that fixes it, and a compiled run still stops at a safe point on SIGTERM. The sources' tests run the
// TypeScript through vitest and tsx; these check what only the build can break.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

const BIN = join(REPO, 'bin', 'marquee.js');
/** Packages only a command's implementation may load: the engine, ML, charts, the generator. */
const HEAVY = ['@duckdb/node-api', '@bsull/augurs', '@bsull/augurs-prophet-wasmstan', 'echarts', '@faker-js/faker'];

describe('the compiled program', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'marquee-compiled-'));
    const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('--help lists every command from the build', () => {
    const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const command of ['start', 'generate', 'run', 'serve', 'report']) expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it("--help loads only the commands' definitions: no DuckDB, tfjs, augurs, ECharts or faker, no command implementation", () => {
    // A module hook (run in Node's loader thread) prints every module the process loads.
    const hook = join(work, 'log-loads.mjs');
    writeFileSync(
      hook,
      "export async function load(url, context, next) { const r = await next(url, context); if (!url.startsWith('node:')) console.error('loaded ' + url); return r; }\n",
    );
    const register = `data:text/javascript,import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(hook).href)});`;
    const r = spawnSync(process.execPath, ['--import', register, BIN, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('loaded '))
      .map((l) => fileURLToPath(l.slice('loaded '.length)));
    expect(loaded).toContain(join(REPO, 'dist', 'src', 'cli', 'main.js'));
    expect(loaded.filter((f) => HEAVY.some((h) => f.includes(`/node_modules/${h}/`)))).toEqual([]);
    expect(loaded.filter((f) => f.includes('/cli/actions/') || f.includes('/src/pipeline/') || f.includes('/src/ml/'))).toEqual([]);
    expect(loaded.filter((f) => f.includes('/node_modules/') && !f.includes('/node_modules/commander/'))).toEqual([]);
  });

  it('refuses to start without a build, naming the command that makes it', () => {
    const root = join(work, 'no-build');
    mkdirSync(join(root, 'bin'), { recursive: true });
    cpSync(BIN, join(root, 'bin', 'marquee.js'));
    const r = spawnSync(process.execPath, [join(root, 'bin', 'marquee.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the compiled program is missing .*dist\/src\/cli\/main\.js.*: run npm run build/);
  });

  it('refuses a build older than a source file, naming the file', () => {
    const root = join(work, 'stale');
    mkdirSync(join(root, 'bin'), { recursive: true });
    mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
    mkdirSync(join(root, 'models', 'gold'), { recursive: true });
    cpSync(BIN, join(root, 'bin', 'marquee.js'));
    writeFileSync(join(root, 'dist', 'src', 'cli', 'main.js'), 'process.stdout.write("ran\\n");\n');
    writeFileSync(join(root, 'dist', 'BUILD'), 'test\n');
    const built = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'dist', 'BUILD'), built, built);
    const ok = spawnSync(process.execPath, [join(root, 'bin', 'marquee.js')], { encoding: 'utf8' });
    expect(ok.stdout).toBe('ran\n');
    writeFileSync(join(root, 'models', 'gold', 'kpi_x.meta.ts'), 'export default {};\n');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'marquee.js')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/models\/gold\/kpi_x\.meta\.ts changed after the last build: run npm run build/);
  });

  it('a compiled run (one process, no launcher) stops at a safe point on SIGTERM, exit 143', async () => {
    const warehouse = join(work, 'wh');
    const child = spawn(process.execPath, [BIN, 'run', '--input', join(REPO, 'test', 'fixtures', 'good'), '--warehouse', warehouse], {
      env: { ...process.env, MARQUEE_TEST_PAUSE_AT: 'after:bronze.movies', MARQUEE_PSEUDONYM_KEY: 'compiled-test-pseudonym-key-0123' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await new Promise<void>((paused, failed) => {
      const watch = (d: Buffer) => {
        output += d.toString();
        if (output.includes('marquee-test-paused after:bronze.movies')) paused();
      };
      child.stdout.on('data', watch);
      child.stderr.on('data', watch);
      void exited.then(() => failed(new Error(`the run ended before the pause:\n${output}`)));
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(output).toMatch(/run r\w+ cancelled: cancelled by SIGTERM before \S+; \d+ step\(s\) not run/);
  }, 180_000);
});
