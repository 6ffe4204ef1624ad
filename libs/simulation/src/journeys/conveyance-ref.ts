import { type TransportMode } from '@customs-pulse/domain';
import { type SeededRandom } from '../random/seeded-random.js';

const LETTERS = 'ABCDEFGHJKLMNPRSTUVXYZ';

/** A plausible conveyance reference for `mode`: a flight, a number plate, a wagon, a postal item, a vessel. */
export function conveyanceRef(random: SeededRandom, mode: TransportMode): string {
  const letter = (): string => random.pick([...LETTERS]);
  const digits = (count: number): string => String(random.between(0, 10 ** count - 1)).padStart(count, '0');
  switch (mode) {
    case 'AIR':
      return `${random.pick(['HY', 'TK', 'SU', 'CZ', 'FZ'])}${random.between(100, 999)}`;
    case 'ROAD':
      return `${digits(2)}${letter()}${digits(3)}${letter()}${letter()}`;
    case 'RAIL':
      return `WAGON-${digits(8)}`;
    case 'POSTAL':
      return `${letter()}${letter()}${digits(9)}${random.pick(['CN', 'TR', 'DE', 'US'])}`;
    case 'SEA':
    case 'INLAND_WATERWAY':
      return `IMO${digits(7)}`;
    default:
      return `REF-${digits(6)}`;
  }
}
