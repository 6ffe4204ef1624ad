import { type SeededRandom } from '../random/seeded-random.js';
import { WeightedTable } from '../random/weighted.js';

/** A declarant: an importer, exporter or broker. */
export interface Trader {
  readonly id: string;
  /** Authorised Economic Operator: lodges more, larger and earlier, and is examined less. */
  readonly aeo: boolean;
  /** How much it trades relative to the others. */
  readonly activity: number;
}

/** Traders in a simulated administration. */
const POPULATION = 400;
/** Every eighth trader is an AEO. */
const AEO_EVERY = 8;

/**
 * The traders, AEOs and the others apart: a declaration first draws whether its declarant is an AEO (so that the
 * AEO share is the profile's, whatever the population) and then who, weighted by activity (log-normal: a few
 * traders lodge much of the traffic, as in every administration).
 */
export class TraderRegister {
  private readonly aeos: WeightedTable<Trader>;
  private readonly others: WeightedTable<Trader>;

  constructor(random: SeededRandom) {
    const traders = Array.from({ length: POPULATION }, (_, index) => ({
      id: `UZ-TIN-${String(300_100_000 + index * 7_919)}`,
      aeo: index % AEO_EVERY === 0,
      activity: random.logNormal(1, 1.1),
    }));
    this.aeos = new WeightedTable(traders.filter((trader) => trader.aeo), (trader) => trader.activity);
    this.others = new WeightedTable(traders.filter((trader) => !trader.aeo), (trader) => trader.activity);
  }

  /** A declarant, AEO or not as asked. */
  draw(random: SeededRandom, aeo: boolean): Trader {
    return (aeo ? this.aeos : this.others).draw(random);
  }
}
