import { describe, expect, it } from '@jest/globals';
import { CLEARANCE_EVENT_TYPES, type ProducerEventType } from '@customs-pulse/domain';
import { SeededRandom, anEvent, anEventOfType, realisticHistory } from '@customs-pulse/testing';

import { ALL_FAMILIES, familiesChangedBy } from './contribution-families.js';
import { declarationContributions } from './declaration-contributions.js';
import { type DeclarationFacts, emptyDeclarationFacts } from './declaration-facts.js';
import { asTypedEvent } from './engine-event.js';
import { foldDeclarationEvent } from './fold-declaration-event.js';
import { stored } from './testing/stored-events.js';
import { utcMillis } from './utc-millis.js';

const OPTIONS = { releaseTargetMs: 24 * 3_600_000 };
const CLEARANCE_TYPES: ReadonlySet<string> = new Set(CLEARANCE_EVENT_TYPES);

describe('contribution families', () => {
  it('folding an event changes no observation outside the families listed for it (seeded, in any order)', () => {
    const random = new SeededRandom(3);
    const history = realisticHistory(20260302, 400).map(({ type, subject, data, envelope }) => anEventOfType(type, subject, data, envelope));
    // The one clearance type the generator leaves out.
    const checks = ['DEC-1', 'DEC-2', 'DEC-3'].map((subject) => anEvent.documentaryCheckCompleted(subject));
    const events = random.shuffled([...history, ...checks].map((raw) => stored(raw)));
    const facts = new Map<string, DeclarationFacts>();
    const typesSeen = new Set<ProducerEventType>();
    for (const event of events) {
      const typed = asTypedEvent(event);
      if (typed === null || !CLEARANCE_TYPES.has(typed.type)) continue;
      const declaration = facts.get(typed.subject) ?? emptyDeclarationFacts();
      facts.set(typed.subject, declaration);
      const untouched = ALL_FAMILIES & ~familiesChangedBy(typed.type, declaration);
      const before = declarationContributions(declaration, OPTIONS, untouched);
      // Twice, as a re-sent event would be: the second fold must change nothing at all.
      for (let fold = 0; fold < 2; fold += 1) foldDeclarationEvent(declaration, typed, utcMillis(typed.time));
      expect(declarationContributions(declaration, OPTIONS, untouched)).toEqual(before);
      typesSeen.add(typed.type);
    }
    expect(typesSeen.size).toBe(CLEARANCE_EVENT_TYPES.length);
  });

  it('lets a late arrival change only the release times of a lodged declaration', () => {
    const lodged = emptyDeclarationFacts();
    lodged.lodged = {
      at: 0, id: 'e1', source: 's', officeId: 'O1', regime: 'IMPORT', transportMode: 'SEA',
      aeo: false, electronic: true, preArrival: true, customsValue: 10,
    };
    expect(familiesChangedBy('GoodsArrived', lodged)).toBeLessThan(familiesChangedBy('GoodsArrived', emptyDeclarationFacts()));
    expect(familiesChangedBy('GoodsArrived', emptyDeclarationFacts())).toBe(ALL_FAMILIES);
  });
});
