import type { ChainAnchor, VerifyChainOptions } from './chain-verification.js';

/** The options a verification takes as text: a query string's or a command line's. */
export const VERIFY_OPTION_NAMES = ['from', 'to', 'anchor'] as const;

/** One problem with an option given as text, named as given. */
export interface OptionProblem {
  readonly name: string;
  readonly message: string;
}

const POSITION = /^[0-9]{1,15}$/;
const ANCHOR = /^([0-9]{1,15}):([0-9a-f]{64})$/;

/**
 * {@link VerifyChainOptions} from text, for `GET /api/audit/verify` and `npm run audit:verify` alike: `from` and `to`
 * are positions (both included), `anchor` a link noted earlier as `<position>:<hash>`. Every problem is collected,
 * so that one answer lists them all; unknown names are problems too.
 */
export function verifyOptionsFromText(values: Readonly<Record<string, unknown>>): { options: VerifyChainOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = [];
  const problem = (name: string, message: string): void => {
    problems.push({ name, message });
  };
  for (const name of Object.keys(values)) {
    if (!(VERIFY_OPTION_NAMES as readonly string[]).includes(name)) problem(name, `is not an option of a verification; it takes ${VERIFY_OPTION_NAMES.join(', ')}`);
  }
  const text = (name: (typeof VERIFY_OPTION_NAMES)[number]): string | undefined => {
    const value = values[name];
    if (value === undefined || (typeof value === 'string' && value !== '')) return value;
    problem(name, 'must be given once, not empty');
    return undefined;
  };
  const position = (name: 'from' | 'to'): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (POSITION.test(value)) return Number(value);
    problem(name, 'must be a log position, a whole number');
    return undefined;
  };

  const from = position('from');
  const to = position('to');
  let anchor: ChainAnchor | undefined;
  const anchorText = text('anchor');
  if (anchorText !== undefined) {
    const match = ANCHOR.exec(anchorText);
    if (match) anchor = { position: Number(match[1]), hash: match[2]! };
    else problem('anchor', 'must be <position>:<hash>, the hash as 64 lowercase hex digits');
  }
  const options: VerifyChainOptions = {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(anchor === undefined ? {} : { anchor }),
  };
  return { options, problems };
}
