// The remote engine (src/engine/remote/) must behave like the engine it stands for: the same rows,
// streams that stop early, transactions that commit or roll back, errors with their message, and
// locks shared with the owning thread. Both halves run here over one MessageChannel, as they do
// between a worker thread and the main thread.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/engine/duckdb/engine.js';
import { exclusively } from '../../../src/engine/exclusive.js';
import { RemoteEngine } from '../../../src/engine/remote/remote-engine.js';
import { serveEngine, type ServedEngine } from '../../../src/engine/remote/serve.js';

describe('remote engine', () => {
  let local: DuckDbEngine;
  let remote: RemoteEngine;
  let served: ServedEngine;

  beforeEach(async () => {
    local = await DuckDbEngine.open({ path: ':memory:' });
    const channel = new MessageChannel();
    served = serveEngine(channel.port1, local);
    remote = new RemoteEngine(channel.port2, { name: local.name, supportsRowLevelDml: local.supportsRowLevelDml });
  });
  afterEach(async () => {
    await remote.close();
    await served.close();
    await local.close();
  });

  it('runs statements and reads rows as the local engine does', async () => {
    await remote.exec('CREATE TABLE t (id BIGINT, name VARCHAR, d DATE)');
    await remote.writeRows(
      't',
      [
        { name: 'id', type: 'BIGINT' },
        { name: 'name', type: 'VARCHAR' },
        { name: 'd', type: 'DATE' },
      ],
      [
        [1, 'a', '2026-01-02'],
        [2, null, null],
      ],
    );
    const viaRemote = await remote.query('SELECT * FROM t ORDER BY id');
    expect(viaRemote).toEqual(await local.query('SELECT * FROM t ORDER BY id'));
    expect(viaRemote).toEqual([
      { id: 1, name: 'a', d: '2026-01-02' },
      { id: 2, name: null, d: null },
    ]);
    expect(await remote.listColumns('main.t')).toEqual(await local.listColumns('main.t'));
    expect((await remote.listTables('main')).map((t) => t.table_name)).toEqual(['t']);
    expect(Object.keys(remote.dialect)).toEqual(Object.keys(local.dialect));
    expect(remote.portableType('BIGINT')).toEqual(local.portableType('BIGINT'));
  });

  it('streams batch by batch and releases a stream left early', async () => {
    const total = await remote.query<{ n: number }>('SELECT count(*)::BIGINT AS n FROM range(5000)');
    expect(total).toEqual([{ n: 5000 }]);
    let rows = 0;
    let batches = 0;
    for await (const batch of remote.stream('SELECT range AS i FROM range(5000)')) {
      rows += batch.length;
      batches += 1;
    }
    expect(rows).toBe(5000);
    expect(batches).toBeGreaterThan(1);
    for await (const batch of remote.stream('SELECT range AS i FROM range(5000)')) {
      expect(batch[0]).toEqual({ i: 0 });
      break;
    }
    // The connection is free again after the early stop.
    expect(await remote.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('commits a transaction that succeeds and rolls back one that throws', async () => {
    await remote.exec('CREATE TABLE t (id INTEGER)');
    await remote.transaction(async () => {
      await remote.exec('INSERT INTO t VALUES (1)');
      await remote.exec('INSERT INTO t VALUES (2)');
    });
    await expect(
      remote.transaction(async () => {
        await remote.exec('INSERT INTO t VALUES (3)');
        throw new Error('step failed half-way');
      }),
    ).rejects.toThrow('step failed half-way');
    expect(await local.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('passes the engine error on with its message', async () => {
    await expect(remote.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    await expect(remote.exec('CREATE TABLE t (id INTEGER)')).resolves.toBeUndefined();
  });

  it('rolls back a transaction the worker left open when it ends', async () => {
    await local.exec('CREATE TABLE t (id INTEGER)');
    const left = remote.transaction(async () => {
      await remote.exec('INSERT INTO t VALUES (1)');
      await new Promise(() => undefined); // the step never finishes: its thread is stopped
    });
    void left;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await served.close();
    expect(await local.query('SELECT count(*)::INTEGER AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it("takes its locks from the owning thread's set", async () => {
    const events: string[] = [];
    const release = await remote.lock('table:ml.metrics');
    // A step in the owning thread asks for the same lock while the worker's step holds it.
    const waiting = exclusively(local, 'table:ml.metrics', async () => {
      events.push('owning thread got the lock');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    events.push('worker releases');
    await release();
    await waiting;
    expect(events).toEqual(['worker releases', 'owning thread got the lock']);
  });

  it('releases the locks of a worker that ends without releasing them', async () => {
    await remote.lock('table:ml.metrics');
    await served.close();
    await expect(exclusively(local, 'table:ml.metrics', async () => 'free')).resolves.toBe('free');
  });
});
