import { afterAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import { eventStoreContract } from '../../contract/event-store.contract.js';
import { sharedLogContract } from '../../contract/shared-log.contract.js';
import { storeLimitsContract } from '../../contract/store-limits.contract.js';
import { KURRENTDB_REFUSALS } from './testing/kurrentdb-refusals.js';
import { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store.js';

/**
 * The contract suite against a real KurrentDB, 25.1 or later (multi-stream appends), at `KURRENTDB_URL`, e.g.
 * `kurrentdb://127.0.0.1:2113?tls=false`. Every store gets a prefix of its own (`cp-test-<uuid>`), which is an empty
 * store on a server shared with other runs; the streams stay on the server afterwards, so point it at a throwaway.
 *
 * Without `KURRENTDB_URL` the suite is SKIPPED, loudly, and that holds under `CI=true` too. Other infrastructure
 * suites (describeWithInfrastructure) fail under CI when their infrastructure is missing; no KurrentDB server can
 * run on the development and CI machines (no Docker, no downloads), and architecture.md ("Infrastructure in tests")
 * allows this one suite to say that it skipped instead. The adapter's logic still runs in CI, on an in-memory
 * KurrentDB: kurrentdb-event-store.spec.ts.
 */
const kurrentDbUrl = process.env.KURRENTDB_URL ?? '';

const stores: KurrentDbEventStore[] = [];

async function openStore(options: Partial<KurrentDbEventStoreOptions> = {}): Promise<KurrentDbEventStore> {
  const store = await KurrentDbEventStore.open({ connectionString: kurrentDbUrl, prefix: `cp-test-${randomUUID()}`, ...options });
  stores.push(store);
  return store;
}

function kurrentDbSuite(): void {
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  eventStoreContract(async (clock) => openStore({ clock }));

  sharedLogContract(
    async () => {
      const prefix = `cp-test-${randomUUID()}`;
      return { open: (options) => openStore({ ...options, prefix, appendRetry: { maxAttempts: 1_000 } }) };
    },
    { otherProcessesWake: 'notified' },
  );

  storeLimitsContract(async () => {
    const prefix = `cp-test-${randomUUID()}`;
    return { open: () => openStore({ prefix }) };
  }, KURRENTDB_REFUSALS);
}

describeWithInfrastructure('a KurrentDB server (KURRENTDB_URL is not set)', kurrentDbUrl !== '', 'KurrentDbEventStore', kurrentDbSuite, {
  notInCiBecause: 'no KurrentDB server can run on these machines (architecture.md)',
  toRun: 'Set KURRENTDB_URL=kurrentdb://host:2113?tls=false (KurrentDB 25.1+) to run it.',
});
