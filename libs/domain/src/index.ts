/**
 * @customs-pulse/domain: the event contract of Customs Pulse (events.md) and its validation.
 * Framework-free: class-validator is the only dependency.
 */
export { CLOCK, type Clock, systemClock } from './clock.js';

export * from './events/enumerations.js';
export * from './events/event-types.js';
export { EVENT_DATA_DTOS, type EventDataByType, type EventDataDtoClass } from './events/event-data-dtos.js';
export {
  type CustomsEvent,
  type CustomsEventOf,
  type NormalizedEvent,
  asCustomsEvent,
} from './events/normalized-event.js';

export { DeclarationCancelledDto, type DeclarationCancelledData } from './events/clearance/declaration-cancelled.js';
export { DeclarationLodgedDto, type DeclarationLodgedData } from './events/clearance/declaration-lodged.js';
export { DeclarationRejectedDto, type DeclarationRejectedData } from './events/clearance/declaration-rejected.js';
export {
  DocumentaryCheckCompletedDto,
  type DocumentaryCheckCompletedData,
} from './events/clearance/documentary-check-completed.js';
export { DutiesAssessedDto, type DutiesAssessedData } from './events/clearance/duties-assessed.js';
export { DutiesPaidDto, type DutiesPaidData } from './events/clearance/duties-paid.js';
export { ExaminationCompletedDto, type ExaminationCompletedData } from './events/clearance/examination-completed.js';
export { ExaminationStartedDto, type ExaminationStartedData } from './events/clearance/examination-started.js';
export { GoodsArrivedDto, type GoodsArrivedData } from './events/clearance/goods-arrived.js';
export { GoodsExitedDto, type GoodsExitedData } from './events/clearance/goods-exited.js';
export { GoodsReleasedDto, type GoodsReleasedData } from './events/clearance/goods-released.js';
export { LaneAssignedDto, type LaneAssignedData } from './events/clearance/lane-assigned.js';
export { LaneReroutedDto, type LaneReroutedData } from './events/clearance/lane-rerouted.js';
export { OffenceCaseClosedDto, type OffenceCaseClosedData } from './events/enforcement/offence-case-closed.js';
export { OffenceCaseOpenedDto, type OffenceCaseOpenedData } from './events/enforcement/offence-case-opened.js';
export {
  PostClearanceAuditCompletedDto,
  type PostClearanceAuditCompletedData,
} from './events/enforcement/post-clearance-audit-completed.js';
export { SeizureRecordedDto, type SeizureRecordedData } from './events/enforcement/seizure-recorded.js';

export { checkEventCharacters } from './validation/event-characters.js';
export { type EventValidation, type EventValidationRules } from './validation/event-validation.js';
export { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, MAX_EVENT_BYTES, MAX_FUTURE_SKEW_MS } from './validation/limits.js';
export { validateEvent } from './validation/validate-event.js';
export { validateEventJson } from './validation/validate-event-json.js';
export { type ValidationProblem, formatProblem } from './validation/validation-problem.js';
export * from './kpis/index.js';
