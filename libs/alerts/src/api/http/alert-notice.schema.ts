import { type AlertNotice, type AlertRuleId, type AlertSeverity, type AlertStatus, type AlertTrigger } from '../../lifecycle/alert-notice.js';
import { exhaustiveEnum } from '@customs-pulse/http';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** Where an alert is in its lifecycle: the values of `status`, in the alert and in `GET /api/alerts?status=`. */
export const ALERT_STATUSES = exhaustiveEnum<AlertStatus>({ open: true, acknowledged: true, resolved: true });
const RULES = exhaustiveEnum<AlertRuleId>({ kpi_threshold: true, red_to_green_reroute: true, significant_seizure: true });
const SEVERITIES = exhaustiveEnum<AlertSeverity>({ warning: true, critical: true });

const Time = (description: string): PropertyDecorator => ApiProperty({ type: String, format: 'date-time', nullable: true, description });
const Figure = (description: string): PropertyDecorator => ApiProperty({ type: Number, nullable: true, description });

/** The OpenAPI shape of the stored event an event rule fired on. */
@ApiSchema({ name: 'AlertTrigger' })
export class AlertTriggerSchema implements AlertTrigger {
  @ApiProperty({ type: String }) readonly source!: string;
  @ApiProperty({ type: String }) readonly id!: string;
  @ApiProperty({ type: String, example: 'LaneRerouted' }) readonly type!: string;
  @ApiProperty({ type: String }) readonly subject!: string;
  @ApiProperty({ type: 'integer', description: 'Its position in the global log' }) readonly position!: number;
}

/** The OpenAPI shape of an alert, as `GET /api/alerts` lists it and live push sends it to risk clients. */
@ApiSchema({ name: 'Alert' })
export class AlertNoticeSchema implements AlertNotice {
  @ApiProperty({ type: String, description: 'Derived from what raised it' })
  readonly id!: string;
  @ApiProperty({ enum: RULES })
  readonly rule!: AlertRuleId;
  @ApiPropertyOptional({ type: String, description: 'The KPI of a threshold alert; absent for an event rule' })
  readonly kpiId?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The slice: `{}` for the total, `{office}` for an office', example: { office: 'UZ-TAS' } })
  readonly filters!: Readonly<Record<string, string>>;
  @ApiProperty({ enum: SEVERITIES })
  readonly severity!: AlertSeverity;
  @ApiProperty({ enum: ALERT_STATUSES })
  readonly status!: AlertStatus;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the log reached the batch that showed the condition' })
  readonly raisedAt!: string;
  @Figure('The value beyond the threshold (at the last escalation), the seizure\'s value, or `null` for a reroute')
  readonly value!: number | null;
  @Figure('The threshold crossed, the seizure alert value, or `null`')
  readonly threshold!: number | null;
  @Figure('Observations behind `value` for a threshold alert; `null` for an event rule')
  readonly n!: number | null;
  @ApiProperty({ type: 'integer', description: 'Log position of the observation or event that raised the alert' })
  readonly position!: number;
  @ApiProperty({ type: () => AlertTriggerSchema, nullable: true, description: 'The event an event rule fired on; `null` for a threshold alert' })
  readonly trigger!: AlertTriggerSchema | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the rule saw: lanes and officer of a reroute, category and reasons of a seizure' })
  readonly details!: Readonly<Record<string, unknown>>;
  @Time('When it went from warning to critical')
  readonly escalatedAt!: string | null;
  @Time('When a risk officer acknowledged it')
  readonly acknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The `sub` of the acknowledging token' })
  readonly acknowledgedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The acknowledgement note' })
  readonly note!: string | null;
  @Time('When the value came back inside the warning threshold')
  readonly resolvedAt!: string | null;
  @Figure('The value that resolved it')
  readonly resolvedValue!: number | null;
}
