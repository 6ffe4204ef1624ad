import { describe, expect, it } from '@jest/globals';
import { exhaustiveEnum } from './exhaustive-enum.js';

type Severity = 'warning' | 'critical';

describe('exhaustiveEnum', () => {
  it('lists every member of the union, in the order the record names them', () => {
    expect(exhaustiveEnum<Severity>({ warning: true, critical: true })).toEqual(['warning', 'critical']);
  });

  it('takes only a record naming every member and nothing else (the type check, npm run typecheck)', () => {
    // @ts-expect-error `critical` is missing
    const missing = exhaustiveEnum<Severity>({ warning: true });
    // @ts-expect-error `fatal` is not a severity
    const unknown = exhaustiveEnum<Severity>({ warning: true, critical: true, fatal: true });
    // At run time it lists whatever it is given: refusing those is the type checker's part.
    expect([missing, unknown]).toEqual([['warning'], ['warning', 'critical', 'fatal']]);
  });
});
