// The benchmark's bookkeeping: RESULTS.md is shared, so a re-run replaces only its own section; flags
// parse into options or fail with a usage error naming the flag; the peer comparison's tolerance, the
// subset selection and the ratios rendered.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replaceSection } from '../../bench/lib/results-file.js';
import { BenchUsageError, parseBenchArgs } from '../../bench/lib/args.js';
import { dataLines } from '../../bench/fuzz/run-case.js';
import { MUTATIONS, seededRandom } from '../../bench/fuzz/mutations.js';
import { tempDir } from './helpers.js';
import { pairWithinTolerance } from '../../bench/lib/peer-compare.js';
import { subsetSelection } from '../../bench/pipeline-bench.js';
import { renderSection, type RunFigure, type ScaleFigures } from '../../bench/lib/render.js';

describe('bench/RESULTS.md sections', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('appends a section once, then replaces only it, keeping what others wrote around it', () => {
    dir = tempDir('results');
    const file = join(dir, 'RESULTS.md');
    writeFileSync(file, '# Benchmark results\n\n## generate\n\nfigures A\n');
    replaceSection(file, 'bench:pipeline', 'first body');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n## bronze\n\nfigures B\n`);
    replaceSection(file, 'bench:pipeline', 'second body');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('figures A');
    expect(text).toContain('figures B');
    expect(text).toContain('second body');
    expect(text).not.toContain('first body');
    expect(text.match(/bench:pipeline:start/g)).toHaveLength(1);
    expect(text.indexOf('second body')).toBeLessThan(text.indexOf('figures B'));
  });
});

describe('bench flags', () => {
  it('parses scales, rounds and switches', () => {
    expect(parseBenchArgs(['--scales', '1,10', '--rounds', '3', '--keep-data', '--no-peer'])).toEqual({
      scales: [1, 10],
      rounds: 3,
      keepData: true,
      peer: false,
    });
    expect(parseBenchArgs([]).scales).toEqual([1, 10, 100]);
  });
  it('rejects a bad scale or flag with a usage error', () => {
    expect(() => parseBenchArgs(['--scales', '1,-2'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['--scale', '1'])).toThrow(/unknown flag --scale/);
    expect(() => parseBenchArgs(['--rounds', '0'])).toThrow(/--rounds expects/);
  });
});

describe('fuzz helpers', () => {
  it('counts non-blank data lines as bronze does (CRLF, blank lines, no final newline)', () => {
    expect(dataLines(Buffer.from('h\na\n\nb\r\n\r\nc'))).toBe(3);
    expect(dataLines(Buffer.from('h\n'))).toBe(0);
    expect(dataLines(Buffer.alloc(0))).toBe(0);
  });
  it('mutations are deterministic for a seed and differ between seeds', () => {
    const base = Buffer.from(`a,b,c\n${Array.from({ length: 50 }, (_, i) => `${i},x${i},2024-01-0${(i % 9) + 1}`).join('\n')}\n`);
    for (const m of MUTATIONS) {
      expect(m.apply(base, seededRandom(5)).equals(m.apply(base, seededRandom(5))), m.name).toBe(true);
    }
    const truncated = MUTATIONS.find((m) => m.name === 'truncated_lines')!;
    expect(truncated.apply(base, seededRandom(1)).equals(truncated.apply(base, seededRandom(2)))).toBe(false);
  });
});

describe('the Polars peer comparison, in the small', () => {
  it('pairs rows that differ only across a 6th-decimal rounding boundary, and nothing wider', () => {
    const marquee = [
      { plan: 'Standard', arpu: 13.154687 },
      { plan: 'Basic', arpu: 9.5 },
    ];
    const peer = [
      { plan: 'Standard', arpu: 13.154688 },
      { plan: 'Basic', arpu: 9.5001 },
    ];
    expect(pairWithinTolerance(marquee, peer, ['arpu'])).toBe(1);
    // Another label never pairs, however close the doubles.
    expect(pairWithinTolerance([{ plan: 'Premium', arpu: 1 }], [{ plan: 'Standard', arpu: 1 }], ['arpu'])).toBe(0);
  });

  it('selects Marquee on exactly the tables the peer builds', () => {
    expect(subsetSelection({ bronze: ['users'], meta: ['dedup_log'], silver: ['users'], gold: ['kpi_search'] })).toBe(
      '+silver.users,+gold.kpi_search,+silver.dedup_log',
    );
  });

  const machine = { cores: 2, cpuModel: 'test', memoryGb: 8, node: 'v20', load: [0.5, 0.5, 0.5] as [number, number, number] };
  const run = (kind: RunFigure['kind'], wallSeconds: number, cpuSeconds: number, load = 0.5): RunFigure => ({
    kind,
    wallSeconds,
    cpuSeconds,
    peakRssMb: 100,
    load,
    layers: [],
  });
  const scale = (load: number): ScaleFigures => ({
    scale: 1,
    sourceRows: 1000,
    reusedData: true,
    load,
    floorSeconds: 1,
    runs: [run('marquee', 10, 12, load), run('polars', 4, 5, load), run('marquee-subset', 8, 10, load), run('marquee-subset', 9, 11, load)],
    covered: { silver: ['users'] },
    notCovered: ['gold.reconciliation'],
  });

  it('reports the best run of each kind and the like-with-like ratio', () => {
    const text = renderSection(machine, 'npm run bench', 'GNU time', [scale(0.5)]);
    expect(text).toContain('Like with like, Marquee / Polars = 2.00x wall, 2.00x CPU');
    expect(text).toContain('whole run / Polars: 2.50x wall, 2.40x CPU');
    expect(text).not.toContain('Measured on a loaded machine');
    expect(text).toContain("Data tables of Marquee's whole run the peer does not build: gold.reconciliation.");
  });

  it('marks figures taken on a loaded machine', () => {
    expect(renderSection(machine, 'npm run bench', 'GNU time', [scale(9.5)])).toContain('the 1-minute load average reached 9.5 on 2 cores');
  });
});
