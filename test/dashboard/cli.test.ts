// `marquee serve` and `marquee report` as a user runs them (through tsx, as bin/marquee does).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonForScript } from '../../src/html/escape.js';
import { makeFixtureWarehouse, XSS, type FixtureWarehouse } from './fixture.js';

const CLI = ['--import', 'tsx', join(process.cwd(), 'src', 'cli', 'main.ts')];
let fixture: FixtureWarehouse;
beforeAll(async () => {
  fixture = await makeFixtureWarehouse();
});
afterAll(() => fixture.cleanup());

describe('marquee report / serve', () => {
  it('writes one self-contained HTML file with the data embedded and escaped', () => {
    const out = join(fixture.dir, 'reports', 'dash.html');
    const run = spawnSync(process.execPath, [...CLI, 'report', '--warehouse', fixture.dir, '--out', out], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*dash\.html \(\d+\.\d MiB\)/);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).toContain('id="marquee-data"');
    // The payload is in the data, but only in escaped form: the one literal </script> per script block.
    expect(html).toContain(jsonForScript(XSS).slice(1, -1));
    expect(jsonForScript(XSS)).toContain('\\u003cscript\\u003e');
    expect(html).not.toContain(XSS);
    expect(html.match(/<\/script>/g)!.length).toBe(html.match(/<script[ >]/g)!.length);
  });

  it('report and serve fail with one clear line when there is no warehouse', () => {
    for (const command of ['report', 'serve']) {
      const run = spawnSync(process.execPath, [...CLI, command, '--warehouse', join(fixture.dir, 'nowhere')], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, command).toBe(2);
      expect(run.stderr.trim(), command).toMatch(/^marquee: error: No warehouse at .*nowhere\/marquee\.duckdb: run the pipeline first/);
      expect(existsSync(join(fixture.dir, 'nowhere')), command).toBe(false);
    }
  });

  it('serve listens on 127.0.0.1 and answers until stopped', async () => {
    const child = spawn(process.execPath, [...CLI, 'serve', '--warehouse', fixture.dir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('serve did not start within 30 s')), 30_000);
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Dashboard on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`serve exited ${code}`));
        });
      });
      const res = await fetch(`${url}/api/page/lineage`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { views: unknown[] }).views).toHaveLength(3);
      expect((await fetch(`${url}/api/page/lineage?plan=Gold`)).status).toBe(400);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
