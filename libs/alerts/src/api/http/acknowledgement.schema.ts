import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** Longest acknowledgement note: a sentence or a ticket reference, not a report. */
export const MAX_NOTE_LENGTH = 1000;

/** The OpenAPI shape of the body of `POST /api/alerts/:id/acknowledge`; the body may be left out. */
@ApiSchema({ name: 'Acknowledgement' })
export class AcknowledgementSchema {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MAX_NOTE_LENGTH, description: 'A sentence or a ticket reference', example: 'Checked with the UZ-TAS shift lead' })
  readonly note?: string | null;
}
