/**
 * The writer of a mirrored read model made another read model active (a rebuild swapped in): the rows after a
 * checkpoint of the one loaded say nothing of the new one, so the mirror loads it whole.
 */
export class MirroredReadModelSwappedError extends Error {
  override readonly name = 'MirroredReadModelSwappedError';

  constructor(where: string, loaded: number | null, active: number | null) {
    super(`the KPI read model generation active ${where} is ${active ?? 'none'}, no longer ${loaded ?? 'none'}: it is loaded again`);
  }
}
