import { KPI_IDS, REGIMES, SEIZURE_CATEGORIES, TRANSPORT_MODES } from '@customs-pulse/domain';
import { ApiProblemResponses } from '@customs-pulse/http';
import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiQuery } from '@nestjs/swagger';

import { GRANULARITIES } from '../../engine/bucket-time.js';
import { MAX_SERIES_POINTS } from './query-parameters.js';

/**
 * The OpenAPI parameters of the KPI queries, as `QueryParameters` reads them. The controllers take the query
 * string whole (to name every unknown parameter in one 400), so nothing of it can be inferred from their signatures.
 */

/** `:id`, a KPI id of the catalogue. */
export const ApiKpiIdParam = (): MethodDecorator => ApiParam({ name: 'id', enum: [...KPI_IDS], description: 'A KPI id of the catalogue (`GET /api/kpis`)' });

/** `asOf`: reading the past is the auditor's right (api.md). */
export const ApiAsOfQuery = (): MethodDecorator =>
  applyDecorators(
    ApiQuery({
      name: 'asOf',
      required: false,
      type: String,
      format: 'date-time',
      description: 'Role `auditor` (another role gets 403): answer from the events stored at or before this RFC 3339 time only',
      example: '2026-03-01T12:00:00.000Z',
    }),
    ApiProblemResponses({ 403: "The token does not grant the route's role, or `asOf` is asked without the role `auditor`" }),
  );

/** The slice filters, each checked against events.md's enumerations, and `asOf`. */
export const ApiKpiFilterQueries = (): MethodDecorator =>
  applyDecorators(
    ApiQuery({ name: 'office', required: false, type: String, maxLength: 128, description: 'An office id', example: 'UZ-TAS' }),
    ApiQuery({ name: 'transportMode', required: false, enum: [...TRANSPORT_MODES] }),
    ApiQuery({ name: 'regime', required: false, enum: [...REGIMES] }),
    ApiQuery({ name: 'category', required: false, enum: [...SEIZURE_CATEGORIES], description: 'Seizure KPIs only' }),
    ApiAsOfQuery(),
  );

/** The bucket range of a series: granularity, and bucket starts `from` (inclusive) and `to` (exclusive). */
export const ApiSeriesRangeQueries = (): MethodDecorator =>
  applyDecorators(
    ApiQuery({ name: 'granularity', required: false, enum: [...GRANULARITIES], description: 'Bucket length. Default `hour`' }),
    ApiQuery({
      name: 'from',
      required: false,
      type: String,
      format: 'date-time',
      description: 'First bucket start, inclusive, the start of a UTC hour or day. Default 24 hours or 30 days before `to`',
    }),
    ApiQuery({
      name: 'to',
      required: false,
      type: String,
      format: 'date-time',
      description: `Bucket start after the last, exclusive. Default the end of the bucket holding now (or \`asOf\`). At most ${MAX_SERIES_POINTS} points`,
    }),
  );
