import type { SeededRandom } from '@customs-pulse/testing';
import { AMOUNT_FIELDS, dataOf } from './event-fields.js';
import type { EventFault, EventFaultKind, FaultOutcome } from './event-fault.js';

// Raw JSON, since JSON.stringify cannot write 1e309 (Infinity) and would write -0 as 0.
const BAD_AMOUNTS = ['1e309', '-1e309', '1e13', '1000000000000.001', '9.1e15', '1.7e308', '"NaN"', '"Infinity"', '"1e3"', '-1', '-0.0001', 'true', '[1]', '{}'];
const BAD_QUANTITIES = ['1e309', '1000000000001', '1e13', '0', '-0', '-1', '"NaN"', '"12.5"'];
const BAD_RISK_SCORES = ['1.0000000000000002', '-1e-300', '1e309', '"0.5"'];

function rawValue(holder: Record<string, unknown>, field: string, json: string): ReadonlyMap<string, string> {
  const placeholder = `@bad-${field}@`;
  holder[field] = placeholder;
  return new Map([[placeholder, json]]);
}

function numberFault(random: SeededRandom, data: Record<string, unknown>, field: string, values: readonly string[], message: RegExp): FaultOutcome {
  return { reason: { path: `data.${field}`, message }, raw: rawValue(data, field, random.pick(values)) };
}

/** An amount or value over 10^12 or not a finite number. */
const badAmount: EventFault = (random, event) => {
  const data = dataOf(event);
  const field = Object.keys(data).find((name) => AMOUNT_FIELDS.has(name));
  if (field === undefined) throw new Error(`${String(event['type'])} has no amount`);
  return numberFault(random, data, field, BAD_AMOUNTS, /must be a number from 0 to 10\^12/);
};

/** A seized quantity over 10^12, not finite, or not above 0. */
const badQuantity: EventFault = (random, event) =>
  numberFault(random, dataOf(event), 'quantity', BAD_QUANTITIES, /must be a number > 0 and at most 10\^12/);

const badRiskScore: EventFault = (random, event) =>
  numberFault(random, dataOf(event), 'riskScore', BAD_RISK_SCORES, /must be a number from 0 to 1/);

/** Huge or impossible numbers where the envelope wants a string, or as an extension attribute. */
const hugeNumberInEnvelope: EventFault = (random, event) => {
  const [path, json, message] = random.pick([
    ['id', '1e13', /must be a string of 1 to 128 characters/],
    ['specversion', '1.0', /must be "1.0"/],
    ['time', '1e309', /must be an RFC 3339 timestamp/],
    ['huge', '1e309', /must be a string, a number or a boolean \(extension attribute\)/],
    ['subject', '-0', /must be 1 to 128 characters/],
  ] as const);
  return { reason: { path, message }, raw: rawValue(event, path, json) };
};

/** Numbers breaking events.md v1.1 and the fields' own ranges. */
export const NUMBER_FAULTS: Readonly<Record<string, EventFaultKind>> = {
  'amount over 10^12 or not finite': {
    fault: badAmount,
    types: ['DeclarationLodged', 'DutiesAssessed', 'DutiesPaid', 'SeizureRecorded', 'OffenceCaseClosed', 'PostClearanceAuditCompleted'],
  },
  'quantity over 10^12, not finite or not above 0': { fault: badQuantity, types: ['SeizureRecorded'] },
  'risk score outside 0 to 1': { fault: badRiskScore, types: ['LaneAssigned'] },
  'huge number in the envelope': { fault: hugeNumberInEnvelope },
};
