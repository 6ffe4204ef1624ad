/** Longest line kept: a stack or a JSON log line stays readable, a multi-megabyte dump does not flood a failure. */
const MAX_LINE_LENGTH = 2_000;

/**
 * The last lines a child process wrote to stdout and stderr, for a failure's message: enough to see why it failed,
 * never the whole log of a long run. Each stream's lines are split on their own, so an unfinished line of one is not
 * glued to a line of the other.
 */
export class OutputTail {
  private readonly lines: string[] = [];
  private readonly unfinished = new Map<string, string>();

  /** @param capacity - how many lines are kept; older ones are dropped. @defaultValue 200 */
  constructor(private readonly capacity = 200) {}

  /** Takes a chunk of `stream` (a name such as `stderr`, shown before each of its lines). */
  write(stream: string, chunk: Buffer | string): void {
    const text = (this.unfinished.get(stream) ?? '') + chunk.toString();
    const parts = text.split('\n');
    this.unfinished.set(stream, parts.pop() ?? '');
    for (const line of parts) this.keep(stream, line);
  }

  /** The kept lines, oldest first, the last `count` of them, with what each stream left unfinished. */
  text(count = this.capacity): string {
    const pending = [...this.unfinished].filter(([, line]) => line !== '').map(([stream, line]) => label(stream, line));
    return [...this.lines, ...pending].slice(-count).join('\n');
  }

  private keep(stream: string, line: string): void {
    this.lines.push(label(stream, line));
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }
}

function label(stream: string, line: string): string {
  const shown = line.length > MAX_LINE_LENGTH ? `${line.slice(0, MAX_LINE_LENGTH)}... (${line.length} characters)` : line;
  return `${stream}| ${shown}`;
}
