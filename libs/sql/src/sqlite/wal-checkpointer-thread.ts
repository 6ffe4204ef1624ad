/**
 * The checkpointer thread's code, as plain CommonJS source that the `Worker` evaluates: the same text runs whether
 * this lib is loaded from its TypeScript sources (tests, tsx) or from its build, where a `.ts` worker file would not.
 * `workerData`: `{ driver, file, retryMs, closeBusyTimeoutMs }`, `driver` being better-sqlite3's resolved path.
 *
 * A message `'checkpoint'` runs a PASSIVE checkpoint, which waits for nothing and blocks no one; if readers kept part
 * of the WAL from being copied, it tries again `retryMs` later until all is. `'stop'` copies and truncates the WAL
 * (waiting up to `closeBusyTimeoutMs` for other connections), closes the connection and ends the thread. An error
 * is thrown out of the thread, whose owner hears it as the worker's `error`.
 */
export const WAL_CHECKPOINTER_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// The copy into the database file is synced before the WAL is reused: the connection's setting decides it.
db.pragma('synchronous = FULL');
let retry;
function checkpoint() {
  clearTimeout(retry);
  retry = undefined;
  const [{ busy, log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
  if (busy !== 0 || checkpointed < log) retry = setTimeout(checkpoint, workerData.retryMs);
}
parentPort.on('message', (message) => {
  if (message === 'checkpoint') return checkpoint();
  clearTimeout(retry);
  db.pragma('busy_timeout = ' + workerData.closeBusyTimeoutMs);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  parentPort.close();
});
checkpoint();
`;
