import { loadavg } from 'node:os';
import type { BenchSuite } from '../harness/bench-suite.js';
import { auditReport, type AdapterVerifyOutcome } from './audit-report.js';
import { AUDIT_WORKLOAD } from './audit-workload.js';
import { measurePostgresVerify } from './postgres-verify.js';
import { measureSqliteVerify } from './sqlite-verify.js';

/** Issue 8, item 4: the hash-chain verify rate over 1,000,000 stored events, on both adapters. */
export const auditSuite: BenchSuite = {
  name: 'audit',
  title: 'hash-chain verify rate over 1,000,000 stored events',
  async run(progress) {
    const workload = AUDIT_WORKLOAD;
    const outcomes: AdapterVerifyOutcome[] = [];
    outcomes.push({ adapter: 'SQLite', ...(await measureSqliteVerify(workload, (line) => progress(`SQLite ${line}`))) });
    const postgres = await measurePostgresVerify(workload, (line) => progress(`PostgreSQL ${line}`));
    if ('unreachable' in postgres) progress(`!!! ${postgres.unreachable}`);
    outcomes.push({ adapter: 'PostgreSQL', ...postgres });
    const report = auditReport(workload, outcomes);
    // On 2 cores another process moves these figures a lot: the load at the end says whether one did.
    const load = loadavg().map((value) => value.toFixed(2)).join(' ');
    return { ...report, notes: [...report.notes, `Load average at the end of the suite: ${load} (2 cores; see the start in the machine line).`] };
  },
};
