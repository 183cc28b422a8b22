// Generated data sets shared by a test file: written once into a fresh /tmp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, type GenerateOptions } from '../../src/generate/index.js';

export async function generateInTemp(options: Omit<GenerateOptions, 'out'>): Promise<{ dir: string; cleanup: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'marquee-generate-'));
  const dir = join(root, 'data');
  await generateDataset({ ...options, out: dir });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
