// What `marquee run` does (src/cli/run.ts defines the command and imports this module only when it
// runs): plan, refuse what can be refused before anything is created, then run under the session.
import { loadConfig, type EngineName } from '../../config.js';
import { dialectFor } from '../../engine/dialect.js';
import { listLanding, unrecognisedMessage } from '../../bronze/landing.js';
import { checkInputFolder } from '../paths.js';
import { SIGNAL_EXIT_CODE, withRunSession } from '../run-session.js';
import { PipelineError } from '../../pipeline/errors.js';
import { plainReporter, ttyReporter } from '../../pipeline/reporter.js';
import { planPipeline, runPipeline } from '../../pipeline/runner.js';
import { selectNodes } from '../../pipeline/select.js';
import { UserError } from '../../errors.js';
import { pipelineParts, planningParts } from '../registry.js';
import { chosenConcurrency } from '../concurrency.js';

export interface RunFlags {
  input?: string;
  warehouse?: string;
  through?: string;
  select?: string;
  fullRefresh?: boolean;
  asOf?: string;
  engine?: string;
  sparkUrl?: string;
  memoryLimit?: string;
  models?: string;
  strict?: boolean;
  concurrency?: number;
  threads?: number;
}

/**
 * Before a run that loads bronze creates anything: the input folder must exist, and with --strict no
 * file in it may be unrecognised. Missing tables and broken files are reported by bronze itself.
 */
export function checkInput(input: string, strict = false): void {
  checkInputFolder(input);
  const { unrecognised } = listLanding(input);
  if (strict && unrecognised.length > 0) throw new UserError(`--strict: ${unrecognisedMessage(input, unrecognised)}`);
}

export async function run(flags: RunFlags): Promise<void> {
  const config = loadConfig({
    input: flags.input,
    warehouse: flags.warehouse,
    asOfDate: flags.asOf,
    engine: flags.engine as EngineName | undefined,
    sparkUrl: flags.sparkUrl,
    memoryLimit: flags.memoryLimit,
  });
  try {
    // Everything that can be refused is refused before anything is created or opened.
    const dag = await planPipeline({ dialect: dialectFor(config.engine), modelsDir: flags.models, ...planningParts(config) });
    const selected = selectNodes(dag, flags.select, flags.through);
    if ([...selected].some((n) => dag.nodes.get(n)!.layer === 'bronze')) checkInput(config.input, flags.strict);
    await withRunSession(config, async ({ engine, signal }) => {
      const reporter = process.stdout.isTTY ? ttyReporter() : plainReporter();
      const concurrency = flags.concurrency ?? chosenConcurrency(config, reporter);
      const summary = await runPipeline({
        engine,
        config,
        modelsDir: flags.models,
        select: flags.select,
        through: flags.through,
        fullRefresh: flags.fullRefresh,
        concurrency,
        reporter,
        signal,
        ...pipelineParts(config, flags.threads),
      });
      if (summary.status === 'cancelled') {
        process.stderr.write(`marquee: run ${summary.runId} cancelled: ${summary.failures.at(-1)}\n`);
        process.exitCode = SIGNAL_EXIT_CODE[String(signal.reason)] ?? 1;
      } else if (summary.status !== 'ok') {
        process.stderr.write(`marquee: run ${summary.runId} failed:\n${summary.failures.map((f) => `  ${f}\n`).join('')}`);
        process.exitCode = 1;
      }
    });
  } catch (error) {
    if (error instanceof PipelineError) throw new UserError(error.message);
    throw error;
  }
}
