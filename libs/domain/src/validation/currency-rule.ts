import { type ProducerEventType, isCurrencyBearingEventType } from '../events/event-types.js';
import { currencyCode } from '../events/field-checks.js';
import { type ValidationProblem } from './validation-problem.js';

/**
 * Amounts are stored as given, in the reporting currency: there is no conversion, so an amount-bearing event that
 * says it is in another currency must be refused rather than summed into the KPIs.
 * A malformed code is reported by the DTO, and on other event types `currency` is an unknown field; this rule
 * only compares well-formed codes.
 */
export function checkReportingCurrency(
  type: ProducerEventType,
  data: Readonly<Record<string, unknown>>,
  reportingCurrency: string,
  problems: ValidationProblem[],
): void {
  if (!isCurrencyBearingEventType(type)) return;
  const currency = data['currency'];
  if (currencyCode.test(currency) && currency !== reportingCurrency) {
    problems.push({
      path: 'data.currency',
      message: `must be ${reportingCurrency}, the reporting currency (got ${String(currency)})`,
    });
  }
}
