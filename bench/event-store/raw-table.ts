/**
 * The raw baselines' two tables: `plain` has the log's columns and its position key only, the driver's limit;
 * `indexed` adds the log's two unique indexes, (stream, revision) and (source, id), whose upkeep is the price of
 * the store's concurrency check and dedupe, paid by any implementation of this schema.
 */
export type RawTable = 'plain' | 'indexed';

export const RAW_TABLES: Readonly<Record<RawTable, string>> = { plain: 'raw_event_log', indexed: 'raw_event_log_indexed' };
