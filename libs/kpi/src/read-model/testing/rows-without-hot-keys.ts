import { expect } from '@jest/globals';

import { type KpiReadModel } from '../read-model.port.js';

/** A declaration and a case as a read model stored them before hot keys existed, at checkpoint 7. */
export const ROWS_WITHOUT_HOT_KEYS = {
  checkpoint: 7,
  quality: { negativeDurations: 0 },
  declaration: { subject: 'DEC-1', facts: { hit: false } },
  enforcementCase: { subject: 'CASE-1', facts: { seizures: [] } },
} as const;

/**
 * Asserts that `readModel`, migrated from a schema without hot keys that held {@link ROWS_WITHOUT_HOT_KEYS}, gives
 * them back without `hot`: loaded as hot by any selection, in every TRS population, and read back by subject.
 */
export async function expectRowsWithoutHotKeysKept(readModel: KpiReadModel): Promise<void> {
  const { checkpoint, quality, declaration, enforcementCase } = ROWS_WITHOUT_HOT_KEYS;
  const since = Date.parse('2026-03-01T00:00:00.000Z');
  const pages = [];
  for await (const page of readModel.cold!.releasedIn(0, since, 10)) pages.push(page);

  expect(await readModel.load({ openMaxDays: 7, recentSince: since })).toEqual({
    checkpoint,
    snapshot: { declarations: [declaration], cases: [enforcementCase], buckets: [], quality },
  });
  expect(pages).toEqual([[declaration]]);
  expect(await readModel.cold!.subjects({ declarations: [declaration.subject], cases: [enforcementCase.subject] })).toEqual({
    declarations: [declaration],
    cases: [enforcementCase],
  });
}
