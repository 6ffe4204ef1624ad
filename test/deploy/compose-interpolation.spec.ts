import { describe, expect, it } from '@jest/globals';
import { interpolate } from './compose-interpolation.js';

describe('interpolate (as Docker Compose does)', () => {
  it.each([
    ['${A}', { A: 'x' }, 'x'],
    ['$A/b', { A: 'x' }, 'x/b'],
    ['${A:-d}', {}, 'd'],
    ['${A:-d}', { A: '' }, 'd'],
    ['${A-d}', { A: '' }, ''],
    ['${A:-d}', { A: 'x' }, 'x'],
    ['${A:+alt}', { A: 'x' }, 'alt'],
    ['${A:+alt}', {}, ''],
    ['$$A and $${A}', { A: 'x' }, '$A and ${A}'],
    ['postgres://u:${P:-pw}@db:5432/c', {}, 'postgres://u:pw@db:5432/c'],
  ])('reads %s with %p as %p', (value, host, expected) => {
    expect(interpolate(value, host)).toBe(expected);
  });

  it('stops on a required variable that is missing', () => {
    expect(() => interpolate('${A:?set A}', {})).toThrow('A: set A');
  });
});
