import { execFile, execFileSync } from 'node:child_process';
import { constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { access, chown, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';
import { waitUntil } from './wait-until.js';

const execFileAsync = promisify(execFile);

/** Where Debian's `postgresql-15` puts `initdb`, `pg_ctl` and `postgres`; `PG_BIN_DIR` names another. */
export const postgresBinDir = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** The operating system user that owns and runs a throwaway cluster: PostgreSQL refuses to run as root. */
const CLUSTER_OWNER = 'postgres';
/** A start replays the WAL after a crash stop: on a loaded machine that takes a few seconds, not minutes. */
const PG_CTL_TIMEOUT_S = 120;
/** Lines of the server log a failure shows. */
const LOG_LINES_ON_FAILURE = 30;

/** How a throwaway cluster is stopped, as `pg_ctl stop -m` names it. */
export type PostgresStopMode =
  /** Ends every session and writes a checkpoint: an orderly restart or failover. */
  | 'fast'
  /** Quits at once without a checkpoint; the next start recovers from the WAL, as after a crash. */
  | 'immediate';

/**
 * A PostgreSQL cluster of a test's own, in a temp folder, on a free port of 127.0.0.1 with trust auth: one it may
 * stop, crash and start again, which the machine's shared cluster on 5432 must never be.
 */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  readonly port: number;
  /** The temp folder holding its data directory, socket and server log. */
  readonly folder: string;
  /** Starts the cluster; resolves once it accepts connections (`pg_ctl start -w`). */
  start(): Promise<void>;
  /** Stops it with `pg_ctl stop -m <mode>`; resolves once the server has exited. */
  stop(mode: PostgresStopMode): Promise<void>;
  /** SIGKILLs the postmaster and every server process of it, as a machine losing power would; resolves once all are gone. */
  kill(): Promise<void>;
  /** Stops the cluster (immediately) if it runs and deletes its folder. Safe to call more than once. */
  remove(): Promise<void>;
  /** The server log's last lines, for a failure's message. */
  logTail(lines?: number): string;
}

/** Why this machine cannot run a throwaway cluster, or null when it can. */
export async function throwawayPostgresMissing(): Promise<string | null> {
  for (const binary of ['initdb', 'pg_ctl', 'postgres']) {
    try {
      await access(join(postgresBinDir, binary), constants.X_OK);
    } catch {
      return `${join(postgresBinDir, binary)} is missing (apt-get install postgresql-15, or set PG_BIN_DIR)`;
    }
  }
  if (!isRoot() && userInfo().username !== CLUSTER_OWNER) return `the tests run as ${userInfo().username}: a throwaway cluster needs root (to run it as ${CLUSTER_OWNER}) or ${CLUSTER_OWNER}`;
  try {
    await execFileAsync('id', ['-u', CLUSTER_OWNER]);
  } catch {
    return `there is no user ${CLUSTER_OWNER} to run a throwaway cluster as`;
  }
  return null;
}

/** Clusters still to remove when the test process exits, however its tests ended. */
const living = new Set<{ dataDir: string; folder: string }>();
let exitHookInstalled = false;

/**
 * Makes a fresh cluster (`initdb`) in a temp folder owned by `postgres` and starts it: listening on 127.0.0.1 only,
 * at a free port, trust auth for 127.0.0.1 only, its socket in its own folder. It is removed by {@link
 * ThrowawayPostgres.remove}, or when the test process exits.
 * @throws Error naming what is missing when the binaries or the `postgres` user are not there.
 */
export async function throwawayPostgres(): Promise<ThrowawayPostgres> {
  const missing = await throwawayPostgresMissing();
  if (missing !== null) throw new Error(`cannot make a throwaway PostgreSQL cluster: ${missing}`);
  const folder = await mkdtemp(join(tmpdir(), 'throwaway-pg-'));
  const { stdout: uid } = await execFileAsync('id', ['-u', CLUSTER_OWNER]);
  const { stdout: gid } = await execFileAsync('id', ['-g', CLUSTER_OWNER]);
  await chown(folder, Number(uid), Number(gid));
  const dataDir = join(folder, 'data');
  const logFile = join(folder, 'server.log');
  const entry = { dataDir, folder };
  living.add(entry);
  installExitHook();

  const port = await freePort();
  const pgCtl = (...args: string[]): Promise<unknown> => asClusterOwner(folder, join(postgresBinDir, 'pg_ctl'), ['-D', dataDir, ...args]);
  const logTail = (lines = LOG_LINES_ON_FAILURE): string => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no server log)';
    }
  };
  const failed = (what: string, error: unknown): Error =>
    new Error(`throwaway PostgreSQL on port ${port}: ${what} failed: ${(error as Error).message}\n--- its server log ---\n${logTail()}`, { cause: error });

  try {
    await asClusterOwner(folder, join(postgresBinDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await writeFile(join(dataDir, 'pg_hba.conf'), '# throwaway cluster of a test: trust, 127.0.0.1 only\nhost all all 127.0.0.1/32 trust\n');
    const settings = [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${folder}'`, 'max_connections = 60', 'shared_buffers = 32MB'];
    await writeFile(join(dataDir, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
  } catch (error) {
    await removeCluster(entry);
    throw failed('initdb', error);
  }

  const cluster: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    folder,
    async start() {
      await pgCtl('start', '-w', '-t', String(PG_CTL_TIMEOUT_S), '-l', logFile).catch((error: unknown) => {
        throw failed('start', error);
      });
    },
    async stop(mode) {
      await pgCtl('stop', '-w', '-t', String(PG_CTL_TIMEOUT_S), '-m', mode).catch((error: unknown) => {
        throw failed(`stop -m ${mode}`, error);
      });
    },
    async kill() {
      const postmaster = await postmasterPid(dataDir);
      if (postmaster === null) throw failed('kill', new Error('it is not running (no postmaster.pid)'));
      // Its children first collected, then all killed: once the postmaster is gone they would be harder to find.
      const pids = [postmaster, ...(await childrenOf(postmaster))];
      for (const pid of pids) signal(pid, 'SIGKILL');
      await waitUntil(`the processes of the throwaway cluster on port ${port} are gone and reaped`, () => pids.every((pid) => !alive(pid)), 30_000);
    },
    async remove() {
      await removeCluster(entry);
    },
    logTail,
  };
  await cluster.start();
  return cluster;
}

/** Runs a PostgreSQL binary as the cluster's owner: through `runuser` when the tests run as root. */
function asClusterOwner(cwd: string, binary: string, args: readonly string[]): Promise<unknown> {
  // The owner may not read the caller's working directory; the cluster's folder is its own.
  const options = { cwd, timeout: (PG_CTL_TIMEOUT_S + 10) * 1000 };
  return isRoot() ? execFileAsync('runuser', ['-u', CLUSTER_OWNER, '--', binary, ...args], options) : execFileAsync(binary, [...args], options);
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function removeCluster(entry: { dataDir: string; folder: string }): Promise<void> {
  if (!living.delete(entry)) return;
  const postmaster = await postmasterPid(entry.dataDir);
  if (postmaster !== null && alive(postmaster)) {
    await asClusterOwner(entry.folder, join(postgresBinDir, 'pg_ctl'), ['-D', entry.dataDir, 'stop', '-w', '-m', 'immediate']).catch(() => undefined);
  }
  rmSync(entry.folder, { recursive: true, force: true });
}

/** A test process that ends without its `afterAll` (a failed start, an exception) still leaves no cluster behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const { dataDir, folder } of living) {
      try {
        const args = ['-D', dataDir, 'stop', '-w', '-m', 'immediate'];
        if (isRoot()) execFileSync('runuser', ['-u', CLUSTER_OWNER, '--', join(postgresBinDir, 'pg_ctl'), ...args], { cwd: folder, stdio: 'ignore' });
        else execFileSync(join(postgresBinDir, 'pg_ctl'), args, { cwd: folder, stdio: 'ignore' });
      } catch {
        // Not running: nothing to stop.
      }
      rmSync(folder, { recursive: true, force: true });
    }
    living.clear();
  });
}

async function postmasterPid(dataDir: string): Promise<number | null> {
  try {
    const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The processes whose parent is `pid`: a postmaster's server processes. */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command may hold spaces and parentheses: the fields after its closing parenthesis are fixed.
      const fields = (await readFile(`/proc/${name}/stat`, 'utf8')).replace(/^.*\) /s, '').split(' ');
      if (Number(fields[1]) === pid) children.push(Number(name));
    } catch {
      // It exited while the list was read.
    }
  }
  return children;
}

/**
 * Whether `pid` still names a process, a zombie included: PostgreSQL takes a postmaster's pid that is not yet reaped
 * for a server still running, and refuses to start.
 */
function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
