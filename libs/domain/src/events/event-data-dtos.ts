import { DeclarationCancelledDto } from './clearance/declaration-cancelled.js';
import { DeclarationLodgedDto } from './clearance/declaration-lodged.js';
import { DeclarationRejectedDto } from './clearance/declaration-rejected.js';
import { DocumentaryCheckCompletedDto } from './clearance/documentary-check-completed.js';
import { DutiesAssessedDto } from './clearance/duties-assessed.js';
import { DutiesPaidDto } from './clearance/duties-paid.js';
import { ExaminationCompletedDto } from './clearance/examination-completed.js';
import { ExaminationStartedDto } from './clearance/examination-started.js';
import { GoodsArrivedDto } from './clearance/goods-arrived.js';
import { GoodsExitedDto } from './clearance/goods-exited.js';
import { GoodsReleasedDto } from './clearance/goods-released.js';
import { LaneAssignedDto } from './clearance/lane-assigned.js';
import { LaneReroutedDto } from './clearance/lane-rerouted.js';
import { OffenceCaseClosedDto } from './enforcement/offence-case-closed.js';
import { OffenceCaseOpenedDto } from './enforcement/offence-case-opened.js';
import { PostClearanceAuditCompletedDto } from './enforcement/post-clearance-audit-completed.js';
import { SeizureRecordedDto } from './enforcement/seizure-recorded.js';
import { type ProducerEventType } from './event-types.js';

/** A class whose decorated properties are the validation rules of one event type's `data`. */
export type EventDataDtoClass = new () => object;

/**
 * Which DTO validates the `data` of each producer event type. `satisfies` makes the compiler refuse a producer
 * type without a DTO, so a type added to the contract cannot slip through unvalidated.
 */
export const EVENT_DATA_DTOS = {
  GoodsArrived: GoodsArrivedDto,
  DeclarationLodged: DeclarationLodgedDto,
  DeclarationRejected: DeclarationRejectedDto,
  LaneAssigned: LaneAssignedDto,
  LaneRerouted: LaneReroutedDto,
  DocumentaryCheckCompleted: DocumentaryCheckCompletedDto,
  ExaminationStarted: ExaminationStartedDto,
  ExaminationCompleted: ExaminationCompletedDto,
  DutiesAssessed: DutiesAssessedDto,
  DutiesPaid: DutiesPaidDto,
  GoodsReleased: GoodsReleasedDto,
  GoodsExited: GoodsExitedDto,
  DeclarationCancelled: DeclarationCancelledDto,
  SeizureRecorded: SeizureRecordedDto,
  OffenceCaseOpened: OffenceCaseOpenedDto,
  OffenceCaseClosed: OffenceCaseClosedDto,
  PostClearanceAuditCompleted: PostClearanceAuditCompletedDto,
} as const satisfies { readonly [T in ProducerEventType]: EventDataDtoClass };

/** The validated `data` of each producer event type, e.g. `EventDataByType['LaneAssigned']`. */
export type EventDataByType = {
  readonly [T in ProducerEventType]: Readonly<InstanceType<(typeof EVENT_DATA_DTOS)[T]>>;
};
