import { type SeizureCategory } from '@customs-pulse/domain';
import { drawWeighted } from '../random/weighted.js';
import { planSeizure } from '../journeys/seizure-case.js';
import { type Incident } from './incident.js';

/** The spike: drugs and weapons, and large seizures of other goods, over two minutes. */
export const SPIKE_CATEGORIES: readonly SeizureCategory[] = [
  'DRUGS', 'WEAPONS', 'TOBACCO', 'DRUGS', 'CURRENCY', 'DRUGS', 'IPR', 'WEAPONS', 'DRUGS', 'CULTURAL_HERITAGE', 'DRUGS', 'ALCOHOL',
];
const SPIKE_SPREAD_MS = 120_000;
/**
 * Seizures other than drugs and weapons are worth at least this much: well above the default `SEIZURE_ALERT_VALUE`
 * (100000), so that each raises a `significant_seizure` alert.
 */
export const SPIKE_MINIMUM_VALUE = 250_000;

/** `seizure-spike`: a smuggling network is hit at the office; every seizure of the spike raises an alert. */
export const seizureSpike: Incident = {
  strike(context, { office, at }) {
    SPIKE_CATEGORIES.forEach((category, index) => {
      const alerting = category === 'DRUGS' || category === 'WEAPONS';
      planSeizure(context, {
        officeId: office.id,
        transportMode: drawWeighted(context.random, office.modes),
        at: at + (index / SPIKE_CATEGORIES.length) * SPIKE_SPREAD_MS,
        category,
        detectionMethod: context.random.pick(['INTELLIGENCE', 'CANINE', 'NII'] as const),
        ...(alerting ? {} : { minimumValue: SPIKE_MINIMUM_VALUE }),
        incident: 'seizure-spike',
      });
    });
  },
};
