/** DI token for the domain's `EventValidationRules` (clock and reporting currency) that ingest applies. */
export const EVENT_VALIDATION_RULES = Symbol('EventValidationRules');
