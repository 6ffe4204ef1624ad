// Adds up Jest's JSON reports into one closing line, `tests: N passed, N failed, N skipped`, the plain form
// that CI reads (Jest's own summary is per run, and `npm test` makes several runs).
import { existsSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of process.argv.slice(2)) {
  // A run that wrote no report (Jest crashed before the end) counts as a failure, so the line cannot read all clear.
  if (!existsSync(file)) {
    process.stdout.write(`no report: ${file}\n`);
    totals.failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
