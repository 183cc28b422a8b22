import { join } from 'node:path';
import { loadConfig } from './src/config.js';
import { DuckDbEngine } from './src/engine/duckdb/engine.js';
import { runForecast } from './src/ml/forecast/step.js';
const wh = process.argv[2];
const config = loadConfig({ input: '/tmp/none', warehouse: wh, seed: 17 });
const engine = await DuckDbEngine.open({ path: join(wh, 'marquee.duckdb') });
const logs: string[] = [];
const t = performance.now();
await runForecast(
  {
    engine,
    config,
    runId: 'dev',
    progress: () => {},
    log: (m) => {
      logs.push(m);
    },
  } as never,
  { B: 200 },
);
console.log(logs.join('\n'));
console.log(
  'forecast step',
  ((performance.now() - t) / 1000).toFixed(1),
  's; load',
  (await import('node:os'))
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' '),
);
console.log(await engine.query(`SELECT kpi, kind, count(*) n FROM gold.kpi_anomalies_by_day GROUP BY ALL ORDER BY ALL`));
await engine.close();
