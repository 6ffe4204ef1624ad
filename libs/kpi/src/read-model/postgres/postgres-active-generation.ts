import type pg from 'pg';

import { quoted } from './postgres-schema-name.js';

/**
 * PostgreSQL's "undefined_table" and "invalid_schema_name": the control table or a generation's schema is not there,
 * because no projector has made one yet, or a rebuild dropped it under a reader.
 */
export const NOT_THERE = new Set(['42P01', '3F000']);

/** Whether `error` is one of {@link NOT_THERE}. */
export function isNotThere(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NOT_THERE.has(code);
}

/**
 * PostgreSQL's "undefined_column": a generation's tables lack a column this build reads, because its projector runs an
 * earlier build and has not migrated it yet (a gateway upgraded first).
 */
export function isColumnNotThere(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '42703';
}

/** The schema generation `generation` of the read model whose control schema is `control` lives in. */
export function generationSchema(control: string, generation: number): string {
  return `${control}_g${generation}`;
}

/** The active generation's number in the control schema `control`; null before a projector activated one. */
export async function activeGeneration(client: Pick<pg.ClientBase, 'query'>, control: string): Promise<number | null> {
  const { rows } = await client.query<{ generation: number }>(`SELECT generation FROM ${quoted(control)}.kpi_active_generation WHERE id = 1`);
  return rows[0]?.generation ?? null;
}
