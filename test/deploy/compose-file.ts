import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type HostEnvironment, interpolateAll } from './compose-interpolation.js';

/** The repository's root, where `docker-compose.yml` and `Dockerfile` are. */
export const REPOSITORY = new URL('../../', import.meta.url);

/** The parts of a Compose service these checks read (the Compose specification's names). */
export interface ComposeService {
  readonly image?: string;
  readonly build?: unknown;
  readonly command?: readonly string[] | string;
  readonly environment?: Readonly<Record<string, string | number | boolean | null>> | readonly string[];
  readonly ports?: readonly (string | { readonly target: number; readonly published?: string | number })[];
  readonly healthcheck?: { readonly test?: readonly string[] | string; readonly disable?: boolean };
  readonly depends_on?: readonly string[] | Readonly<Record<string, { readonly condition?: string }>>;
  readonly profiles?: readonly string[];
}

/** A Compose file, read as Compose reads it with `host` as the environment. */
export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly configs?: Readonly<Record<string, { readonly content?: string }>>;
}

/** `docker-compose.yml`, its YAML anchors merged and its variables interpolated from `host`. */
export function readComposeFile(host: HostEnvironment = {}): ComposeFile {
  const text = readFileSync(new URL('docker-compose.yml', REPOSITORY), 'utf8');
  // Compose merges `<<` keys (YAML 1.1), which YAML 1.2 parsers leave alone unless asked.
  return interpolateAll(parse(text, { merge: true }), host) as ComposeFile;
}

/** A service's environment as a map, from either of Compose's two forms. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((item: string) => {
        const at = item.indexOf('=');
        return at === -1 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(service.environment ?? {}).map(([name, value]) => [name, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

/** What a service waits for, by service name: `service_started` for the short form, as Compose takes it. */
export function dependenciesOf(service: ComposeService): Record<string, string> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name: string) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, { condition }]) => [name, condition ?? 'service_started']));
}

/** The container side of each published port. */
export function containerPortsOf(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port !== 'string') return port.target;
    // [ip:][host:]container[/protocol]
    return Number(port.split('/')[0]!.split(':').at(-1));
  });
}

/** The host side of each published port; undefined where Compose picks a free one. */
export function hostPortsOf(service: ComposeService): (string | undefined)[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port !== 'string') return port.published === undefined ? undefined : String(port.published);
    const parts = port.split('/')[0]!.split(':');
    return parts.length > 1 ? parts.at(-2) : undefined;
  });
}

/** The port of the `http://127.0.0.1:<port>` or `http://localhost:<port>` URL a health check asks; undefined if none. */
export function healthCheckPortOf(service: ComposeService): number | undefined {
  const test = service.healthcheck?.test ?? [];
  const command = typeof test === 'string' ? test : test.join(' ');
  const match = /http:\/\/(?:127\.0\.0\.1|localhost):(\d+)\//.exec(command);
  return match ? Number(match[1]) : undefined;
}

/** The script a service runs with `node`, e.g. `apps/gateway/dist/main.js`; undefined for other commands. */
export function nodeScriptOf(service: ComposeService): string | undefined {
  const command = typeof service.command === 'string' ? service.command.split(/\s+/) : (service.command ?? []);
  return command[0] === 'node' ? command.find((part, index) => index > 0 && !part.startsWith('-')) : undefined;
}
