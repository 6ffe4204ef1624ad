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

  it('puts the tally beside a KurrentDB store in the PostgreSQL database and schema of DATABASE_URL and DATABASE_SCHEMA', () => {
    const settings = ingestQualityTallySettingsFor(
      { adapter: 'kurrentdb', connectionString: 'kurrentdb://kurrentdb:2113?tls=false' },
      { connectionString: 'postgres://db/customs', schema: 'pulse' },
    );

    expect(settings).toEqual({ adapter: 'postgres', connectionString: 'postgres://db/customs', schema: 'pulse' });
  });

  it('refuses a KurrentDB store without the PostgreSQL database its tally needs', () => {
    expect(() => ingestQualityTallySettingsFor({ adapter: 'kurrentdb', connectionString: 'kurrentdb://kurrentdb:2113' })).toThrow(/DATABASE_URL/);
  });
});
