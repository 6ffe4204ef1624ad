import type { PostgresSessionLimits } from '@customs-pulse/sql';

/** Which adapter backs the KPI read model generations: chosen by configuration (`KPI_READ_MODEL`), never by code. */
export type KpiReadModelSettings =
  | { readonly adapter: 'sqlite'; readonly directory: string }
  | {
      readonly adapter: 'postgres';
      readonly connectionString: string;
      readonly schema: string;
      /** Time limits of its sessions. @defaultValue `DEFAULT_POSTGRES_SESSION_LIMITS` */
      readonly sessionLimits?: PostgresSessionLimits;
    };
