// Detects a pseudonym key change between runs. The key's fingerprint is recorded in
// meta.pseudonym_keys each time silver.users is built; a run whose key has another fingerprint
// rebuilds the whole silver layer (pseudonyms of two keys must never meet in one table or join)
// and says so in its output. A silver.users built before fingerprints were recorded counts as a change.
import { tableExists } from '../engine/catalog.js';
import { sql } from '../engine/sql.js';
import type { RunHook } from '../pipeline/run-hooks.js';
import { KEY_FILE, keyFingerprint, resolvePseudonymKey, takeCreationNotice } from './pseudonym-key.js';

/** The model whose pseudonyms depend on the key. */
const PSEUDONYMISED_TABLE = 'silver.users';

async function lastFingerprint(engine: Parameters<RunHook['beforeRun']>[0]['engine']): Promise<string | undefined> {
  const [row] = await engine.query<{ fingerprint: string }>(
    'SELECT fingerprint FROM meta.pseudonym_keys ORDER BY recorded_at DESC, fingerprint LIMIT 1',
  );
  return row?.fingerprint;
}

export const pseudonymKeyHook: RunHook = {
  name: 'pseudonym key',
  async beforeRun({ engine, config, dag }) {
    if (!dag.producerOf.has(PSEUDONYMISED_TABLE)) return {};
    const resolved = resolvePseudonymKey(config);
    const notes: string[] = [];
    if (resolved.path !== undefined && takeCreationNotice(resolved.path)) {
      notes.push(
        `created this warehouse's pseudonym key in ${KEY_FILE} (mode 0600); keep it secret and back it up: whoever holds it can re-identify pseudonyms, and without it new data gets other pseudonyms`,
      );
    }
    const fingerprint = keyFingerprint(resolved.key);
    const previous = await lastFingerprint(engine);
    if (previous === fingerprint || !(await tableExists(engine, PSEUDONYMISED_TABLE))) return { notes };
    notes.push(
      previous === undefined
        ? `silver was built without a recorded pseudonym key: rebuilding all of silver with the ${resolved.source === 'environment' ? 'MARQUEE_PSEUDONYM_KEY' : 'key file'} key (fingerprint ${fingerprint})`
        : `the pseudonym key changed (fingerprint ${previous} -> ${fingerprint}): full refresh of silver, every pseudonym is recomputed with the new key`,
    );
    return { addLayers: ['silver'], notes };
  },
  async afterRun({ engine, config, dag, runId, records }) {
    const producer = dag.producerOf.get(PSEUDONYMISED_TABLE);
    if (!producer || !records.some((r) => r.name === producer && r.status === 'ok')) return;
    const fingerprint = keyFingerprint(resolvePseudonymKey(config).key);
    if ((await lastFingerprint(engine)) === fingerprint) return;
    await engine.exec(
      sql`INSERT INTO meta.pseudonym_keys (fingerprint, run_id, recorded_at) VALUES (${fingerprint}, ${runId}, CAST(${new Date().toISOString().replace('T', ' ').replace('Z', '')} AS TIMESTAMP))`,
    );
  },
};
