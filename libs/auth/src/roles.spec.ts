import { describe, expect, it } from '@jest/globals';
import { grants, type Role } from './roles.js';

describe('grants (api.md, who may do what)', () => {
  it.each<[readonly string[], Role, boolean]>([
    [['ingest'], 'ingest', true],
    [['operator'], 'operator', true],
    [['risk'], 'operator', true],
    [['auditor'], 'operator', true],
    [['risk'], 'auditor', false],
    [['auditor'], 'risk', false],
    [['operator'], 'risk', false],
    [['operator'], 'ingest', false],
    [['admin'], 'admin', true],
    [['admin'], 'operator', false],
    [['ingest', 'risk'], 'operator', true],
    [['superuser'], 'operator', false],
    [[], 'operator', false],
  ])('roles %p may do what %s may: %p', (held, required, expected) => {
    expect(grants(held, required)).toBe(expected);
  });
});
