import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

/**
 * CPU model, cores, RAM and Node version: the part of "what was this measured on" that every suite shares. The
 * load average says whether something else was running: the figures are only as quiet as the machine was.
 */
export function describeMachine(): string[] {
  const gib = totalmem() / 2 ** 30;
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  return [
    `CPU: ${cpuModel()}`,
    `cores: ${availableParallelism()}`,
    `RAM: ${gib.toFixed(1)} GiB`,
    `Node: ${process.version}`,
    `load average before the run: ${load}`,
  ];
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown (no /proc/cpuinfo)';
  }
}
