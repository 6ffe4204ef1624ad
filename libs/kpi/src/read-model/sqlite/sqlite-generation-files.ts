import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** A generation's database and the files SQLite keeps beside it; the number is the first group. */
const GENERATION_FILE = /^read-model-([1-9][0-9]*)\.sqlite(?:-wal|-shm|-journal)?$/;
const COMPANIONS = ['-wal', '-shm', '-journal'];

/** The database file of `generation` in `directory`. */
export function generationFile(directory: string, generation: number): string {
  return join(directory, `read-model-${generation}.sqlite`);
}

/** Numbers of the generations with any file in `directory`, a database or a companion left alone. */
export function generationsInDirectory(directory: string): number[] {
  const numbers = new Set<number>();
  for (const name of readdirSync(directory)) {
    const match = GENERATION_FILE.exec(name);
    if (match) numbers.add(Number(match[1]));
  }
  return [...numbers].sort((a, b) => a - b);
}

/**
 * Deletes the database of `generation` and its WAL, shared-memory and journal files. Off the event loop: the kernel
 * frees a file's blocks inside the unlink, and a year's generation (1.7 GB) held a synchronous one for 100 to 500 ms
 * at the end of every rebuild.
 */
export async function deleteGenerationFiles(directory: string, generation: number): Promise<void> {
  const file = generationFile(directory, generation);
  for (const companion of COMPANIONS) await rm(`${file}${companion}`, { force: true });
  await rm(file, { force: true });
}

/**
 * Makes the folder's entries durable: a generation file created since must survive a power cut before the active
 * pointer names it. Where a folder cannot be synced (Windows), its entries are durable once written. The file's
 * last commits are durable once a checkpoint has synced them (sqlite-kpi-read-model.ts; README, "What a power cut
 * costs the read model").
 */
export function syncDirectory(directory: string): void {
  let descriptor: number;
  try {
    descriptor = openSync(directory, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(descriptor);
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    closeSync(descriptor);
  }
}
