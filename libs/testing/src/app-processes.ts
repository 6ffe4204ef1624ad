import { AppProcess, type AppProcessOptions } from './app-process.js';

/** Lines of each process's output a failed test shows: the end of its story, for five processes at once. */
const LINES_PER_PROCESS_ON_FAILURE = 40;

/**
 * The app processes of one test file. Each is tracked from its spawn, so `stopAll()` in `afterAll` stops every one,
 * also those whose start failed or is still under way when a parallel start rejected.
 */
export class AppProcesses {
  private readonly processes: AppProcess[] = [];

  /** Starts an app (see {@link AppProcess.start}) and keeps it for {@link stopAll} and failure messages. */
  start(options: AppProcessOptions): Promise<AppProcess> {
    const app = new AppProcess(options);
    this.processes.push(app);
    return app.start();
  }

  /** Stops every process at once (SIGTERM, SIGKILL after each one's grace period); resolves when all have exited. */
  async stopAll(): Promise<void> {
    await Promise.all(this.processes.map((app) => app.stop()));
  }

  /**
   * Runs `body`; when it fails, its error also says what each process wrote last: an assertion on an HTTP answer
   * rarely tells why a process behind it misbehaved.
   */
  async explainFailure<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const reports = this.processes.map((app) => app.report(LINES_PER_PROCESS_ON_FAILURE)).join('\n\n');
      error.message += `\n\n${reports}`;
      // Jest prints the stack, which holds the message as it was when the error was made, before the first frame.
      if (error.stack !== undefined) {
        const frames = error.stack.search(/\n\s+at /);
        const end = frames === -1 ? error.stack.length : frames;
        error.stack = `${error.stack.slice(0, end)}\n\n${reports}${error.stack.slice(end)}`;
      }
      throw error;
    }
  }
}
