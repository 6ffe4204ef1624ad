/** The variables Docker Compose interpolates from: the shell's environment and `.env`. */
export type HostEnvironment = Readonly<Record<string, string | undefined>>;

// $$, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+other}, ${NAME+other}, $NAME.
const REFERENCE = /\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_]\w*))/g;

/**
 * A value of a Compose file as Compose reads it: variables substituted from `host`, `$$` a literal `$`.
 * @throws Error for `${NAME:?error}` and `${NAME?error}` when NAME is missing, as Compose stops then.
 */
export function interpolate(value: string, host: HostEnvironment): string {
  return value.replace(REFERENCE, (_match, dollar?: string, braced?: string, operator?: string, operand = '', bare?: string) => {
    if (dollar !== undefined) return '$';
    const name = (braced ?? bare)!;
    const current = host[name];
    const missing = operator?.startsWith(':') ? current === undefined || current === '' : current === undefined;
    switch (operator?.replace(':', '')) {
      case '-':
        return missing ? operand : current!;
      case '?':
        if (missing) throw new Error(`${name}: ${operand}`);
        return current!;
      case '+':
        return missing ? '' : operand;
      default:
        return current ?? '';
    }
  });
}

/** Every string in a parsed Compose file interpolated; Compose does the same before reading it. */
export function interpolateAll(value: unknown, host: HostEnvironment): unknown {
  if (typeof value === 'string') return interpolate(value, host);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, host));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, host)]));
  }
  return value;
}
