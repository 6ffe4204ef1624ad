import { isCurrencyBearingEventType, isProducerEventType } from '@customs-pulse/domain';
import { type SeededRandom } from '../random/seeded-random.js';
import { type CloudEventJson } from './simulated-event.js';

const DAY = 86_400_000;
const AMOUNT_FIELDS = ['amount', 'customsValue', 'estimatedValue', 'penaltyAmount', 'additionalAssessed'];
const ENUMERATION_FIELDS = ['lane', 'toLane', 'transportMode', 'method', 'result', 'category', 'regime', 'finding', 'outcome'];
/** Types whose `data` has no required field, so none can go missing. */
const WITHOUT_REQUIRED_DATA = new Set(['GoodsReleased', 'GoodsExited']);

type Corruption = (event: CloudEventJson, data: Record<string, unknown>, reportingCurrency: string) => CloudEventJson | undefined;

/**
 * The mistakes real producers make, each of which the ingest contract rejects (events.md): a misspelt type, a
 * missing or unknown field, a bad enumeration value, a negative amount, another currency, a time without offset
 * or a day ahead, a subject with forbidden characters, a CloudEvents version of the past, a forged system type.
 */
const CORRUPTIONS: readonly Corruption[] = [
  (event) => ({ ...event, type: String(event['type']).toLowerCase() }),
  (event, data) => {
    if (WITHOUT_REQUIRED_DATA.has(String(event['type']))) return undefined;
    const [first] = Object.keys(data);
    if (first === undefined) return undefined;
    const { [first]: _missing, ...rest } = data;
    return { ...event, data: rest };
  },
  (event, data) => ({ ...event, data: { ...data, remarks: 'entered by broker' } }),
  (event, data) => {
    const field = ENUMERATION_FIELDS.find((name) => typeof data[name] === 'string');
    return field === undefined ? undefined : { ...event, data: { ...data, [field]: String(data[field]).toLowerCase() } };
  },
  (event, data) => {
    const field = AMOUNT_FIELDS.find((name) => typeof data[name] === 'number');
    return field === undefined ? undefined : { ...event, data: { ...data, [field]: -Math.max(1, data[field] as number) } };
  },
  (event, data, reportingCurrency) => {
    const type = event['type'];
    if (!isProducerEventType(type) || !isCurrencyBearingEventType(type)) return undefined;
    return { ...event, data: { ...data, currency: reportingCurrency === 'EUR' ? 'USD' : 'EUR' } };
  },
  (event) => ({ ...event, time: String(event['time']).slice(0, 19) }),
  (event) => ({ ...event, time: new Date(Date.parse(String(event['time'])) + DAY).toISOString() }),
  (event) => ({ ...event, subject: `${String(event['subject'])} #2` }),
  (event) => ({ ...event, specversion: '0.3' }),
  (event) => ({ ...event, type: 'AlertRaised' }),
];

/** A malformed copy of a valid `event` under the id `id`: one mistake drawn from those that apply to it. */
export function corruptedCopy(random: SeededRandom, event: CloudEventJson, id: string, reportingCurrency: string): CloudEventJson {
  const withId = { ...event, id };
  const data = event['data'] as Record<string, unknown>;
  for (;;) {
    const corrupted = random.pick(CORRUPTIONS)(withId, data, reportingCurrency);
    if (corrupted !== undefined) return corrupted;
  }
}
