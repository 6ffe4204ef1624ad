import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ingestQualityTallySettingsFor } from './ingest-quality-tally-settings.js';

describe('ingestQualityTallySettingsFor', () => {
  it('puts the tally of a SQLite store in a file of its own next to the store', () => {
    expect(ingestQualityTallySettingsFor({ adapter: 'sqlite', file: join('/data', 'events.sqlite') })).toEqual({
      adapter: 'sqlite',
      file: join('/data', 'ingest-quality.sqlite'),
    });
  });

  it('keeps the tally of a throwaway SQLite store in memory too', () => {
    expect(ingestQualityTallySettingsFor({ adapter: 'sqlite', file: ':memory:' })).toEqual({ adapter: 'sqlite', file: ':memory:' });
  });

  it("puts the tally of a PostgreSQL store in the store's database and schema", () => {
    const settings = ingestQualityTallySettingsFor({ adapter: 'postgres', connectionString: 'postgres://db/customs', schema: 'pulse' });

    expect(settings).toEqual({ adapter: 'postgres', connectionString: 'postgres://db/customs', schema: 'pulse' });
  });
});
