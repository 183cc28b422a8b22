// Layer publishing: all tables a run builds in one layer (silver, then gold) go live together, or
// none do. While a layer runs, its steps talk to a LayerStage instead of the engine: a swap into one
// of the layer's tables is held back (the new version waits under its temp name), and every later
// statement that names that table reads the waiting version, so the layer's own steps, checks and
// conservation see this run's tables. When the layer's last step is done the runner either
// publishes every held swap in one Engine.transaction (DuckDB: one transaction, so a reader or a
// killed process sees the old layer or the new, never a mix) or discards them all, and the previous
// version of the whole layer stays. Spark has no multi-statement transactions: there the swaps of
// the publish run one after another (each two catalog renames), so only a failure before the
// publish is all-or-nothing.
import type { ColumnInfo, CsvReader, Engine, PortableColumnType, Row, TableName, WriteColumn, WriteValue } from '../engine/engine.js';
import type { SqlQuery } from '../engine/sql.js';

/** Layers whose tables publish as one unit. */
export const STAGED_LAYERS: readonly string[] = ['silver', 'gold'];

const TABLE = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

export class LayerStage implements Engine {
  constructor(
    private readonly inner: Engine,
    readonly schema: string,
    /** Live table -> the temp table holding this run's version, waiting to be published. */
    private readonly held = new Map<string, string>(),
    /** A stage made by fork() owns its connection, and closing it closes that connection. */
    private readonly ownsInner = false,
  ) {
    // Only where the inner engine has connections to spare: a caller tells by fork being there.
    if (inner.fork) this.fork = async () => new LayerStage(await inner.fork!(), schema, held, true);
  }

  /**
   * The same stage over a new connection of the inner engine (a step reading two tables at once,
   * such as the profiles of the quality report): it sees and holds what this stage does.
   */
  readonly fork?: () => Promise<Engine>;

  /**
   * The same stage over another connection (a concurrent step's): swaps it holds and the reads it
   * rewrites are shared with this stage, so the layer still publishes as one unit.
   */
  on(engine: Engine): LayerStage {
    return new LayerStage(engine, this.schema, this.held);
  }

  get name() {
    return this.inner.name;
  }
  get dialect() {
    return this.inner.dialect;
  }
  get supportsRowLevelDml() {
    return this.inner.supportsRowLevelDml;
  }
  get csvReader(): CsvReader {
    return this.inner.csvReader;
  }
  portableType(dataType: string): PortableColumnType | undefined {
    return this.inner.portableType(dataType);
  }

  /** The engine this stage holds swaps back from (for the runner's own bookkeeping). */
  get engine(): Engine {
    return this.inner;
  }

  /** The tables waiting to be published, live name -> temp name. */
  get pending(): ReadonlyMap<string, string> {
    return this.held;
  }

  /** A layer table's swap is held back; any other swap (quarantine, meta, a temp table) happens now. */
  async swapTable(temp: string, target: string): Promise<void> {
    if (!this.isLayerTable(target)) {
      await this.inner.swapTable(this.resolve(temp), this.resolve(target));
      return;
    }
    const earlier = this.held.get(target);
    if (earlier !== undefined && earlier !== temp) await this.inner.exec(`DROP TABLE IF EXISTS ${earlier}`);
    this.held.set(target, temp);
  }

  exec(statement: string | SqlQuery): Promise<void> {
    return this.inner.exec(this.rewrite(statement));
  }

  query<T extends Row = Row>(query: string | SqlQuery): Promise<T[]> {
    return this.inner.query<T>(this.rewrite(query));
  }

  stream(query: string | SqlQuery): AsyncGenerator<Row[]> {
    return this.inner.stream(this.rewrite(query));
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.inner.transaction(work);
  }

  async listTables(schema?: string): Promise<TableName[]> {
    const tables = await this.inner.listTables(schema);
    const names = new Set(tables.map((t) => `${t.table_schema}.${t.table_name}`));
    for (const target of this.held.keys()) {
      const [s, t] = target.split('.');
      if ((schema === undefined || schema === s) && !names.has(target)) tables.push({ table_schema: s, table_name: t });
    }
    return tables;
  }

  listColumns(table: string): Promise<ColumnInfo[]> {
    return this.inner.listColumns(this.resolve(table));
  }

  writeRows(table: string, columns: readonly WriteColumn[], rows: readonly (readonly WriteValue[])[]): Promise<void> {
    return this.inner.writeRows(this.resolve(table), columns, rows);
  }

  /** Closing the runner's connection is the runner's business, never a step's; a fork's is the step's. */
  async close(): Promise<void> {
    if (this.ownsInner) await this.inner.close();
  }

  /** Swap every held table in, in one transaction (DuckDB); returns the tables published. */
  async publish(): Promise<string[]> {
    const entries = [...this.held.entries()];
    await this.inner.transaction(async () => {
      for (const [target, temp] of entries) await this.inner.swapTable(temp, target);
    });
    this.held.clear();
    return entries.map(([target]) => target);
  }

  /** Drop every held table: the previous version of the whole layer stays. Returns the tables kept back. */
  async discard(): Promise<string[]> {
    const entries = [...this.held.entries()];
    for (const [, temp] of entries) await this.inner.exec(`DROP TABLE IF EXISTS ${temp}`);
    this.held.clear();
    return entries.map(([target]) => target);
  }

  private isLayerTable(name: string): boolean {
    return TABLE.test(name) && name.startsWith(`${this.schema}.`) && !name.includes('__');
  }

  private resolve(name: string): string {
    return this.held.get(name) ?? name;
  }

  /** Names of held tables, outside string literals, become their temp names. */
  private rewrite<Q extends string | SqlQuery>(statement: Q): Q {
    if (this.held.size === 0) return statement;
    if (typeof statement !== 'string') return { ...(statement as SqlQuery), text: this.rewriteText((statement as SqlQuery).text) } as Q;
    return this.rewriteText(statement) as Q;
  }

  private rewriteText(text: string): string {
    // Rewrite only SQL text: string literals ('...', '' inside) and comments (-- to the end of the
    // line, /* ... */) pass unchanged, since a comment may hold an odd apostrophe.
    let out = '';
    let plain = '';
    let i = 0;
    const flush = () => {
      out += this.rewriteNames(plain);
      plain = '';
    };
    while (i < text.length) {
      const two = text.slice(i, i + 2);
      let end = -1;
      if (text[i] === "'") {
        end = i + 1;
        while (end < text.length && !(text[end] === "'" && text[end + 1] !== "'")) end += text[end] === "'" ? 2 : 1;
        end = Math.min(end + 1, text.length);
      } else if (two === '--') {
        end = text.indexOf('\n', i);
        if (end === -1) end = text.length;
      } else if (two === '/*') {
        end = text.indexOf('*/', i + 2);
        end = end === -1 ? text.length : end + 2;
      }
      if (end === -1) {
        plain += text[i];
        i += 1;
      } else {
        flush();
        out += text.slice(i, end);
        i = end;
      }
    }
    flush();
    return out;
  }

  private rewriteNames(text: string): string {
    let out = text;
    for (const [target, temp] of this.held) {
      const [schema, table] = target.split('.');
      out = out.replace(new RegExp(`(?<![\\w."\`])${schema}\\.${table}(?![\\w"\`])`, 'g'), temp);
    }
    return out;
  }
}
