import type { DeadLetter, DeadLetterSink } from '../../messaging/dead-letter-sink.port.js';
import type { IngestMetrics } from '../ingest-metrics.port.js';

/**
 * A {@link DeadLetterSink} that counts the letters `sink` acknowledged. Counted here, around the port, so that the
 * consumer's retry logic stays as it is: a send that failed and is retried counts once, when it succeeds.
 */
export function countedDeadLetterSink(sink: DeadLetterSink, metrics: Pick<IngestMetrics, 'deadLettered'>): DeadLetterSink {
  return {
    connect: () => sink.connect(),
    send: async (letters: readonly DeadLetter[]) => {
      await sink.send(letters);
      metrics.deadLettered(letters.length);
    },
    close: () => sink.close(),
  };
}
