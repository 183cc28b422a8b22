// The churn features as the pipeline sees them, with the split trainChurn uses, as CSV for the
// scikit-learn peers (bench/peers/churn_sklearn*.py): feature columns (blank = missing), label, split.
import type { ChurnDataset } from '../../src/ml/churn/data.js';
import { stratifiedSplit } from '../../src/ml/core/splits.js';

export function featuresCsv(data: ChurnDataset, seed: number): string {
  const split = stratifiedSplit(data.labels, 0.3, seed);
  const part = new Array<string>(data.userIds.length).fill('train');
  for (const i of split.test) part[i] = 'test';
  const n = data.x.nRows;
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [[...data.x.names, 'label', 'split'].map(quote).join(',')];
  for (let i = 0; i < n; i++) {
    const cells = data.x.names.map((_, j) => {
      const v = data.x.data[j * n + i];
      return Number.isNaN(v) ? '' : String(v);
    });
    lines.push([...cells, String(data.labels[i]), part[i]].join(','));
  }
  return lines.join('\n') + '\n';
}
