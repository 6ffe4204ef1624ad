// A client process of the live suite (client-fleet.ts forks it): socket.io clients of /live, websocket transport
// only, each subscribed to `{kpis: "*"}`; the first `probes` also to `seizures_count` of each bench office. It logs
// when each `kpi.updated` of `seizures_count` arrives, and answers the parent's ToClients messages.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { loopDelayOf } from './loop-delay.js';
import { monotonicMs, type ClientFleetPart, type FromClients, type ToClients } from './live-messages.js';

/** Clients connecting and subscribing at once: enough to be quick, few enough not to time out handshakes. */
const CONNECTING_AT_ONCE = 50;
const ACK_TIMEOUT_MS = 60_000;

interface KpiUpdated {
  readonly kpiId: string;
  readonly filters: Readonly<Record<string, string>>;
  readonly position: number;
}

const send = (message: FromClients): void => void process.send!(message);
process.on('disconnect', () => process.exit(1));

const part = JSON.parse(process.argv[2]!) as ClientFleetPart;
const officeIndex = new Map(part.offices.map((office, index) => [office, index]));
const sockets: Socket[] = [];
const watched: { positions: number[]; times: number[] }[] = [];
const offices: { offices: number[]; positions: number[]; times: number[] }[] = [];
const loop = monitorEventLoopDelay({ resolution: 5 });
let messages = 0;
/** Clients that lost their connection before the suite closed them, by socket.io's reason. */
const disconnects: Record<string, number> = {};
let stopping = false;
let cpuAtStart = process.cpuUsage();

async function openClient(index: number): Promise<void> {
  const socket = io(`${part.url}/live`, { auth: { token: part.token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  const log = { positions: [] as number[], times: [] as number[] };
  watched.push(log);
  const probe = index < part.probes ? { offices: [] as number[], positions: [] as number[], times: [] as number[] } : null;
  if (probe !== null) offices.push(probe);
  socket.on('kpi.updated', (update: KpiUpdated) => {
    const at = monotonicMs();
    messages += 1;
    if (update.kpiId !== 'seizures_count') return;
    const office = update.filters.office;
    if (office === undefined) {
      if (Object.keys(update.filters).length > 0) return;
      log.positions.push(update.position);
      log.times.push(at);
    } else if (probe !== null && officeIndex.has(office)) {
      probe.offices.push(officeIndex.get(office)!);
      probe.positions.push(update.position);
      probe.times.push(at);
    }
  });
  socket.on('disconnect', (reason) => {
    if (!stopping) disconnects[reason] = (disconnects[reason] ?? 0) + 1;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  await subscribe(socket, { kpis: '*' });
  if (probe !== null) await Promise.all(part.offices.map((office) => subscribe(socket, { kpis: ['seizures_count'], office })));
}

async function subscribe(socket: Socket, subscription: Record<string, unknown>): Promise<void> {
  const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', subscription)) as { error?: unknown };
  if (ack.error !== undefined) throw new Error(`subscribe ${JSON.stringify(subscription)} was refused: ${JSON.stringify(ack.error)}`);
}

async function openAll(): Promise<void> {
  let next = 0;
  const opener = async (): Promise<void> => {
    for (let index = next++; index < part.clients; index = next++) await openClient(index);
  };
  await Promise.all(Array.from({ length: Math.min(CONNECTING_AT_ONCE, part.clients) }, opener));
}

function onMessage(message: ToClients): void {
  if (message.type === 'measure-start') {
    messages = 0;
    loop.reset();
    loop.enable();
    cpuAtStart = process.cpuUsage();
  } else if (message.type === 'collect') {
    loop.disable();
    const cpu = process.cpuUsage(cpuAtStart);
    send({
      type: 'logs',
      logs: {
        watched: watched.map(({ positions, times }) => ({ positions: Float64Array.from(positions), times: Float64Array.from(times) })),
        offices: offices.map((probe) => ({
          offices: Int32Array.from(probe.offices),
          positions: Float64Array.from(probe.positions),
          times: Float64Array.from(probe.times),
        })),
        messages,
        loopDelay: loopDelayOf(loop),
        cpuMs: (cpu.user + cpu.system) / 1_000,
        disconnects,
      },
    });
  } else {
    stopping = true;
    for (const socket of sockets) socket.disconnect();
    process.exit(0);
  }
}

process.on('message', onMessage);
openAll().then(
  () => send({ type: 'subscribed' }),
  (error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
