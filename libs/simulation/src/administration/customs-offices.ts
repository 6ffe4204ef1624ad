import { type TransportMode } from '@customs-pulse/domain';
import { type Weights } from '../random/weighted.js';

/** A simulated customs office: where declarations are lodged, how much traffic it sees and by which modes. */
export interface CustomsOffice {
  readonly id: string;
  readonly name: string;
  /** Its share of the administration's traffic, relative to the other offices. */
  readonly volume: number;
  readonly modes: Weights<TransportMode>;
}

/**
 * A fictitious but plausible administration (Uzbekistan's offices, the examples of events.md): an airport, border
 * posts by road and rail, a river port, an inland post office. The first offices are the busiest.
 */
const CATALOGUE: readonly CustomsOffice[] = [
  { id: 'UZ-TAS', name: 'Tashkent International Airport', volume: 3, modes: { AIR: 75, POSTAL: 25 } },
  { id: 'UZ-SAM', name: 'Samarkand inland terminal', volume: 2, modes: { ROAD: 70, RAIL: 30 } },
  { id: 'UZ-AND', name: 'Andijan (Dostlik border post)', volume: 2, modes: { ROAD: 60, RAIL: 40 } },
  { id: 'UZ-NAV', name: 'Navoi logistics hub', volume: 1.5, modes: { RAIL: 50, ROAD: 30, AIR: 20 } },
  { id: 'UZ-TER', name: 'Termez river port', volume: 1.5, modes: { ROAD: 50, RAIL: 30, INLAND_WATERWAY: 20 } },
  { id: 'UZ-YAL', name: 'Yallama border post', volume: 2, modes: { ROAD: 100 } },
  { id: 'UZ-ALA', name: 'Alat border post', volume: 1, modes: { ROAD: 60, RAIL: 40 } },
  { id: 'UZ-KHO', name: 'Khojeyli border post', volume: 1, modes: { ROAD: 70, RAIL: 30 } },
  { id: 'UZ-FER', name: 'Fergana', volume: 1, modes: { ROAD: 80, AIR: 20 } },
  { id: 'UZ-BUK', name: 'Bukhara', volume: 1, modes: { ROAD: 60, RAIL: 20, AIR: 20 } },
  { id: 'UZ-TPO', name: 'Tashkent international post office', volume: 1, modes: { POSTAL: 100 } },
  { id: 'UZ-KAR', name: 'Karshi', volume: 1, modes: { RAIL: 50, ROAD: 50 } },
];

/** Most offices a simulation may have. */
export const MAX_SIMULATED_OFFICES = 99;

/** The first `count` offices of the catalogue, then inland road and rail offices `UZ-13`, `UZ-14`, ... */
export function customsOffices(count: number): CustomsOffice[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SIMULATED_OFFICES) {
    throw new RangeError(`offices must be a whole number from 1 to ${MAX_SIMULATED_OFFICES}, got ${count}`);
  }
  return Array.from(
    { length: count },
    (_, index) =>
      CATALOGUE[index] ?? {
        id: `UZ-${String(index + 1).padStart(2, '0')}`,
        name: `Inland office ${index + 1}`,
        volume: 0.75,
        modes: { ROAD: 70, RAIL: 30 },
      },
  );
}
