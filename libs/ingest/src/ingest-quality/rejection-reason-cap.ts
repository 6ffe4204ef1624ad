/**
 * Most distinct reasons a tally keeps by name. Reasons are normalized, so the domain's rules give far fewer; the
 * cap is for what normalization did not foresee (a new message carrying a value): such a message must not grow
 * the tally's table and the `/api/quality` answer with every event that carries it.
 */
export const MAX_REJECTION_REASONS = 200;

/** Where reasons past {@link MAX_REJECTION_REASONS} are counted. It is not one of the capped reasons itself. */
export const OTHER_REJECTION_REASON = 'other';

/**
 * Where each of `incoming`'s counts goes, given the reasons a tally already keeps: to its own reason when that is
 * kept or there is still room for it, otherwise to {@link OTHER_REJECTION_REASON}. The first reasons seen keep
 * their names for good; a later flood of new ones cannot push them out.
 */
export function placeWithinReasonCap(
  incoming: ReadonlyMap<string, number>,
  kept: ReadonlySet<string>,
  cap: number = MAX_REJECTION_REASONS,
): Map<string, number> {
  const placed = new Map<string, number>();
  let named = [...kept].filter((reason) => reason !== OTHER_REJECTION_REASON).length;
  for (const [reason, count] of incoming) {
    let target = reason;
    if (reason !== OTHER_REJECTION_REASON && !kept.has(reason) && !placed.has(reason)) {
      if (named < cap) named += 1;
      else target = OTHER_REJECTION_REASON;
    }
    placed.set(target, (placed.get(target) ?? 0) + count);
  }
  return placed;
}
