import { ApiProperty } from '@nestjs/swagger';

/** `position` of a KPI answer (api.md): what lets a client order answers and live updates. */
export const ApiProjectionPosition = (): PropertyDecorator =>
  ApiProperty({ type: 'integer', description: 'The global store position the projection had applied when it answered' });
