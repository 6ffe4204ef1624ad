import type { ValidationProblem } from '@customs-pulse/domain';
import type { ExpectedReason } from './event-fault.js';
import type { MalformedInput } from './malformed-inputs.js';
import type { PlannedRecord, PlannedRequest } from './poison-traffic.js';

/** An answer to one planned request: its status and parsed JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A dead letter as the suite reads it back: where its record was, and its reasons header. */
export interface DeadLetterSeen {
  readonly partition: number;
  readonly offset: number;
  readonly reasons: readonly ValidationProblem[];
}

function names(problems: readonly ValidationProblem[], reason: ExpectedReason): boolean {
  return problems.some(({ path, message }) => path === reason.path && reason.message.test(message));
}

function describeInput(malformed: MalformedInput): string {
  return `${malformed.kind} (${malformed.bytes.subarray(0, 160).toString()})`;
}

/**
 * What is wrong with the answers to a run's requests, one line per problem: a whole-body fault not refused with a
 * 400 naming it, a batch not answered 200 with exactly its malformed items rejected, each for its reason.
 */
export function answerProblems(requests: readonly PlannedRequest[], answers: readonly Answer[]): string[] {
  return requests.flatMap((request, index): string[] => {
    const { status, body } = answers[index]!;
    if ('wholeBody' in request) {
      const detail = String(body['detail']);
      return status === 400 && request.wholeBody.wholeBodyDetail!.test(detail)
        ? []
        : [`${describeInput(request.wholeBody)}: answered ${status} ${JSON.stringify(body).slice(0, 300)}`];
    }
    if (status !== 200) return [`a batch of ${request.batch.length} was answered ${status} ${JSON.stringify(body).slice(0, 300)}`];
    const rejected = new Map((body['rejected'] as { index: number; errors: ValidationProblem[] }[]).map((item) => [item.index, item.errors]));
    const validCount = request.batch.filter((item) => 'valid' in item).length;
    const problems = body['accepted'] === validCount && body['duplicates'] === 0 ? [] : [`a batch of ${validCount} valid events was answered ${JSON.stringify({ ...body, rejected: rejected.size })}`];
    request.batch.forEach((item, position) => {
      const errors = rejected.get(position);
      if ('valid' in item) {
        if (errors !== undefined) problems.push(`valid ${item.valid.key} was rejected: ${JSON.stringify(errors)}`);
      } else if (errors === undefined) problems.push(`${describeInput(item.malformed)} was accepted`);
      else if (!names(errors, item.malformed.reason)) problems.push(`${describeInput(item.malformed)}: ${JSON.stringify(errors).slice(0, 300)} does not name ${item.malformed.reason.path} ${item.malformed.reason.message}`);
    });
    return problems;
  });
}

/** What is wrong with a run's dead letters: a malformed record without its letter or reason, a valid one dead-lettered. */
export function deadLetterProblems(records: readonly (PlannedRecord & { readonly partition: number; readonly offset: number })[], letters: readonly DeadLetterSeen[]): string[] {
  const byOrigin = new Map(letters.map((letter) => [`${letter.partition}:${letter.offset}`, letter]));
  const problems = letters.length === byOrigin.size ? [] : [`${letters.length - byOrigin.size} records were dead-lettered twice`];
  for (const record of records) {
    const letter = byOrigin.get(`${record.partition}:${record.offset}`);
    if ('valid' in record.input) {
      if (letter !== undefined) problems.push(`valid ${record.input.valid.key} was dead-lettered: ${JSON.stringify(letter.reasons)}`);
    } else if (letter === undefined) problems.push(`${describeInput(record.input.malformed)} was not dead-lettered`);
    else if (!names(letter.reasons, record.input.malformed.reason)) problems.push(`${describeInput(record.input.malformed)}: ${JSON.stringify(letter.reasons).slice(0, 300)} does not name ${record.input.malformed.reason.path} ${record.input.malformed.reason.message}`);
  }
  return problems;
}
