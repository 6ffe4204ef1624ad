import { describe, expect, it } from '@jest/globals';

import { EVENT_DATA_DTOS } from './event-data-dtos.js';
import {
  CLEARANCE_EVENT_TYPES,
  ENFORCEMENT_EVENT_TYPES,
  PRODUCER_EVENT_TYPES,
  SYSTEM_EVENT_TYPES,
  isProducerEventType,
  isSystemEventType,
} from './event-types.js';

describe('event types', () => {
  it('makes the producer types the clearance types followed by the enforcement types', () => {
    expect(PRODUCER_EVENT_TYPES).toEqual([...CLEARANCE_EVENT_TYPES, ...ENFORCEMENT_EVENT_TYPES]);
  });

  it.each(SYSTEM_EVENT_TYPES)('keeps the system type %s out of the producer types', (type) => {
    expect(isSystemEventType(type)).toBe(true);
    expect(isProducerEventType(type)).toBe(false);
  });
});

describe('EVENT_DATA_DTOS', () => {
  it('has a DTO for every producer type and for nothing else', () => {
    expect(Object.keys(EVENT_DATA_DTOS).sort()).toEqual([...PRODUCER_EVENT_TYPES].sort());
  });

  it.each(PRODUCER_EVENT_TYPES)('names the DTO of %s after it', (type) => {
    expect(EVENT_DATA_DTOS[type].name).toBe(`${type}Dto`);
  });
});
