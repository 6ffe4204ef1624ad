import { NOT_JSON } from '../../../contract/odd-values.js';
import type { DeclaredLimits } from '../../../contract/store-limits.contract.js';

/** What the KurrentDB store refuses (kurrentdb-limits.ts): the rest goes in JSON, which escapes it. */
export const KURRENTDB_REFUSALS: DeclaredLimits = { refuses: [...NOT_JSON, 'unpaired surrogate in subject'] };
