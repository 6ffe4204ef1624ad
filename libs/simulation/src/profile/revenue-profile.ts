import { type PaymentMethod } from '@customs-pulse/domain';
import { type Weights } from '../random/weighted.js';
import { type LogNormal } from './release-time-profile.js';

/** Customs value of a declaration in the reporting currency; an AEO's consignments are larger. */
export const CUSTOMS_VALUE: LogNormal = { median: 12_000, sigma: 1.2 };
export const AEO_VALUE_FACTOR = 1.6;

/** Duty and VAT together as a share of the customs value: the tariff bands of the simulated imports. */
export const IMPORT_TAX_RATES = [0.12, 0.17, 0.22, 0.27, 0.32] as const;
/** Share of imports that owe nothing (preferences, exemptions), and of exports that owe an export duty. */
export const DUTY_FREE_IMPORT_SHARE = 0.08;
export const EXPORT_DUTY_SHARE = 0.05;
export const EXPORT_DUTY_RATE = 0.05;

/**
 * How duties are paid: mostly electronically (`epayment_share` about 0.9 by amount, clear of its 0.8 warning even
 * at a single office, where a few large payments weigh); a guarantee is drawn on at once.
 */
export const PAYMENT_METHOD_WEIGHTS: Weights<PaymentMethod> = { ELECTRONIC: 90, BANK: 6, CASH: 1, GUARANTEE: 3 };

/**
 * How long after assessment duties are paid, in minutes (before release, which waits for them). Payments follow
 * assessments closely, so that `collection_rate` over a day stays about 0.97, above its 0.95 warning.
 */
export const PAYMENT_DELAY_MINUTES: LogNormal = { median: 20, sigma: 0.8 };

/** Share of dutiable declarations released against a guarantee and paid later, and of duties never paid. */
export const RELEASE_AGAINST_GUARANTEE_SHARE = 0.02;
export const UNPAID_SHARE = 0.005;
/** How long after release goods released against a guarantee are paid for, in hours. */
export const DEFERRED_PAYMENT_HOURS: LogNormal = { median: 12, sigma: 0.5 };
