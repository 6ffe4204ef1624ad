/**
 * `npm run audit:verify [-- --from N --to N --anchor POSITION:HASH]`: walks the event store's hash chain, as
 * `GET /api/audit/verify` does, straight from the configured store (it may run next to the app: it only reads).
 * Exit code 0 when every link holds, 1 when one is broken (printed), 2 when the walk could not be made. On success it
 * prints the head as an anchor: passed to a later run, it makes a rewritten or shortened log detectable.
 */
import { VERIFY_OPTION_NAMES, verifyChain, verifyOptionsFromText } from '@customs-pulse/audit';
import { ConfigError, loadConfig } from '@customs-pulse/config';
import { openEventStore } from '@customs-pulse/event-store/nest';
import { Logger } from '@nestjs/common';
import { parseArgs } from 'node:util';

const logger = new Logger('AuditVerify');

const EXIT_BROKEN = 1;
const EXIT_NOT_VERIFIED = 2;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: Object.fromEntries(VERIFY_OPTION_NAMES.map((name) => [name, { type: 'string' }] as const)) });
  const { options, problems } = verifyOptionsFromText(values);
  if (problems.length > 0) {
    for (const { name, message } of problems) logger.error(`--${name} ${message}`);
    return EXIT_NOT_VERIFIED;
  }
  const store = await openEventStore(loadConfig().eventStore);
  try {
    // The range is fixed before the walk, so the head printed below is a link that was verified.
    const head = await store.head();
    const from = options.from ?? 1;
    const to = options.to ?? Math.max(head.position, options.anchor?.position ?? 0);
    const started = performance.now();
    const { ok, checked, firstBroken } = await verifyChain(store, { ...options, to });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (!ok) {
      logger.error(`BROKEN: first broken link at position ${firstBroken!.position}: expected ${firstBroken!.expected}, found ${firstBroken!.found}`);
      logger.error(`${checked} links from position ${from} hold before it (${seconds} s)`);
      return EXIT_BROKEN;
    }
    logger.log(`intact: ${checked} links checked, positions ${from} to ${to} (${seconds} s)`);
    if (to === head.position && head.position > 0) logger.log(`anchor for the next verification: --anchor ${head.position}:${head.hash}`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    logger.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exit(EXIT_NOT_VERIFIED);
  },
);
