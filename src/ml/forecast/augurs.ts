/**
 * Forecasters from @bsull/augurs (WebAssembly): MSTL with an AutoETS trend (the exponential-
 * smoothing model, seasonality by STL decomposition) and Prophet through the Stan model of
 * @bsull/augurs-prophet-wasmstan. Every wasm file is read from the installed package with
 * `initSync` (nothing is fetched); call `loadAugurs()` once before using the forecasters.
 */
import nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as changepoint from '@bsull/augurs/changepoint';
import * as mstl from '@bsull/augurs/mstl';
import * as prophet from '@bsull/augurs/prophet';
import { createRng, type Rng } from '../core/rng.js';
import type { Forecast, Forecaster } from './types.js';

/**
 * augurs' Prophet draws its uncertainty samples from a random generator that it seeds, and reseeds
 * as it goes, from the system's random source (crypto), with no seed of ours reaching it: the same
 * series gave different intervals on every run. While a Prophet call runs (synchronously, so no other
 * code sees it), that source is a seeded stream, one per process, so a run's sequence of Prophet
 * calls gives the same intervals every time (and on both engines).
 */
let entropy: Rng | null = null;
function withSeededEntropy<T>(work: () => T): T {
  entropy ??= createRng(0x5eed);
  const stream = entropy;
  const fill = <B extends ArrayBufferView>(buffer: B): B => {
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = stream.int(256);
    return buffer;
  };
  const webCrypto = globalThis.crypto as { getRandomValues: unknown };
  const node = nodeCrypto as unknown as { randomFillSync: unknown };
  const saved = { web: webCrypto.getRandomValues, node: node.randomFillSync };
  webCrypto.getRandomValues = fill;
  node.randomFillSync = fill;
  try {
    return work();
  } finally {
    webCrypto.getRandomValues = saved.web;
    node.randomFillSync = saved.node;
  }
}

type ProphetOptimizer = ConstructorParameters<typeof prophet.Prophet>[0]['optimizer'];

let optimizer: ProphetOptimizer | null = null;
let loading: Promise<void> | null = null;

/** Instantiates the wasm modules from the package files (idempotent). */
export function loadAugurs(): Promise<void> {
  loading ??= (async () => {
    const dir = dirname(createRequire(import.meta.url).resolve('@bsull/augurs/mstl'));
    for (const [mod, file] of [
      [mstl, 'mstl_bg.wasm'],
      [prophet, 'prophet_bg.wasm'],
      [changepoint, 'changepoint_bg.wasm'],
    ] as const) {
      mod.initSync({ module: readFileSync(join(dir, file)) });
    }
    // The Stan optimizer is a WebAssembly component whose loader reads its two .wasm files with fs.
    optimizer = (await import('@bsull/augurs-prophet-wasmstan')).optimizer as ProphetOptimizer;
  })();
  return loading;
}

function requireLoaded(what: string): void {
  if (!optimizer) throw new Error(`${what}: call loadAugurs() first (the WebAssembly modules are not instantiated)`);
}

function fromAugurs(
  point: ArrayLike<number>,
  lower: ArrayLike<number> | undefined,
  upper: ArrayLike<number> | undefined,
  level: number,
): Forecast {
  const mean = Float64Array.from(point);
  return { mean, lower: lower ? Float64Array.from(lower) : mean.slice(), upper: upper ? Float64Array.from(upper) : mean.slice(), level };
}

/** MSTL decomposition with the given seasonal periods; the deseasonalised series by AutoETS. */
export function mstlEts(periods: number[] = [7]): Forecaster {
  return {
    name: `mstl_ets_${periods.join('_')}`,
    forecast(y, horizon, level): Forecast {
      requireLoaded('mstlEts');
      const model = mstl.MSTL.ets(periods);
      try {
        model.fit(y);
        const f = model.predict(horizon, level);
        return fromAugurs(f.point, f.intervals?.lower, f.intervals?.upper, level);
      } finally {
        model.free();
      }
    },
  };
}

/**
 * Prophet: piecewise-linear trend, weekly and yearly seasonality, no holidays (the platform's
 * holiday list is off by default), intervals from Prophet's own uncertainty simulation at `level`.
 * `firstDay` is the series' day 0 as days since 1970-01-01 (Prophet needs real dates).
 */
export function prophetForecaster(firstDay: number, options: { uncertaintySamples?: number; seed?: number } = {}): Forecaster {
  return {
    name: 'prophet',
    forecast(y, horizon, level): Forecast {
      requireLoaded('prophetForecaster');
      const day = (i: number) => (firstDay + i) * 86_400;
      const model = new prophet.Prophet({
        optimizer: optimizer!,
        weeklySeasonality: { type: 'manual', enabled: true },
        yearlySeasonality: { type: 'manual', enabled: y.length >= 365 },
        dailySeasonality: { type: 'manual', enabled: false },
        intervalWidth: level,
        uncertaintySamples: options.uncertaintySamples ?? 200,
      });
      try {
        return withSeededEntropy(() => {
          model.fit({ ds: Array.from({ length: y.length }, (_, i) => day(i)), y }, { seed: options.seed ?? 1 });
          const p = model.predict({ ds: Array.from({ length: horizon }, (_, h) => day(y.length + h)) });
          return fromAugurs(p.yhat.point, p.yhat.intervals?.lower, p.yhat.intervals?.upper, level);
        });
      } finally {
        model.free();
      }
    },
  };
}

/** Indices where augurs' Bayesian online changepoint detector (Normal-Gamma prior) sees a new regime. */
export function detectChangepoints(y: Float64Array, hazardLambda = 250): number[] {
  requireLoaded('detectChangepoints');
  const detector = changepoint.ChangepointDetector.normalGamma({ hazardLambda });
  try {
    return detector.detectChangepoints(y).indices.filter((i) => i > 0);
  } finally {
    detector.free();
  }
}
