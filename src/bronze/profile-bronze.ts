// Bronze profiling: the contract decides each column's kind, its expected blank rate and which
// blanks are structural; src/quality/profile.ts does the measuring.
import type { Engine } from '../engine/engine.js';
import { bronzeSqlType, type ColumnContract, type TableContract } from '../contracts/index.js';
import { profileAndRecord, type ColumnProfile, type ProfileColumn, type ProfileKind } from '../quality/profile.js';

function kindOf(column: ColumnContract): ProfileKind {
  switch (column.type) {
    case 'integer':
    case 'float':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamp';
    case 'string':
      return 'string';
  }
}

export function profileColumns(contract: TableContract): ProfileColumn[] {
  return contract.columns.map((c) => ({
    name: c.name,
    kind: kindOf(c),
    typeName: bronzeSqlType(c),
    expectedBlankRate: c.expectedBlankRate,
    pii: c.pii === true,
    structuralBlank: c.structuralBlank
      ? { column: c.structuralBlank.column, values: c.structuralBlank.values, label: c.structuralBlank.label }
      : undefined,
  }));
}

/** Profile each bronze table's contract columns and record them for this run. */
export async function profileBronze(engine: Engine, runId: string, contracts: readonly TableContract[]): Promise<ColumnProfile[]> {
  const tables = contracts.map((contract) => ({ dataset: `bronze.${contract.name}`, columns: profileColumns(contract) }));
  return profileAndRecord(engine, runId, 'bronze', tables);
}
