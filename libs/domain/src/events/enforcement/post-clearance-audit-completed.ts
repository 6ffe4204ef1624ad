import { AUDIT_FINDINGS, type AuditFinding } from '../enumerations.js';
import { amount, currencyCode, identifier, oneOf } from '../field-checks.js';
import { Is, Optional, Required } from '../field-decorators.js';

/** `data` of `PostClearanceAuditCompleted`: a post-clearance audit of a trader ended (subject = audit id). */
export class PostClearanceAuditCompletedDto {
  @Required()
  @Is(identifier)
  officeId!: string;

  @Required()
  @Is(identifier)
  traderId!: string;

  @Required()
  @Is(oneOf(AUDIT_FINDINGS))
  finding!: AuditFinding;

  /** Duties recovered by the audit, in the reporting currency. */
  @Required()
  @Is(amount)
  additionalAssessed!: number;

  /** Must equal the reporting currency when given. */
  @Optional()
  @Is(currencyCode)
  currency?: string;
}

/** The validated `data` of a `PostClearanceAuditCompleted` event. */
export type PostClearanceAuditCompletedData = Readonly<PostClearanceAuditCompletedDto>;
