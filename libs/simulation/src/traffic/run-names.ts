import { createHash } from 'node:crypto';

/**
 * The names of one run: event ids and aggregate ids carry a tag of the seed and the start instant, so that the same
 * seed and start give the same names, and another run (a restart, another seed) never reuses an `(source, id)` of
 * one already stored, which ingest would reject as a conflict.
 */
export class RunNames {
  readonly tag: string;
  private events = 0;
  private readonly counters = new Map<string, number>();

  constructor(seed: number, start: number) {
    this.tag = createHash('sha256').update(`${seed}@${start}`).digest('hex').slice(0, 6).toUpperCase();
  }

  /** A fresh event id: `<tag>-<sequence>`. */
  eventId(): string {
    this.events += 1;
    return `${this.tag}-${String(this.events).padStart(9, '0')}`;
  }

  /** A declaration number at `officeId`: `<office>-<tag>-<serial>`, e.g. `UZ-TAS-3FA2C1-0000042`. */
  declaration(officeId: string): string {
    return `${officeId}-${this.tag}-${this.serial(officeId, 7)}`;
  }

  /** A seizure case (`SZ`), offence case (`OC`) or audit (`PCA`) id: `<prefix>-<tag>-<serial>`. */
  caseId(prefix: 'SZ' | 'OC' | 'PCA'): string {
    return `${prefix}-${this.tag}-${this.serial(prefix, 6)}`;
  }

  private serial(counter: string, digits: number): string {
    const next = (this.counters.get(counter) ?? 0) + 1;
    this.counters.set(counter, next);
    return String(next).padStart(digits, '0');
  }
}
