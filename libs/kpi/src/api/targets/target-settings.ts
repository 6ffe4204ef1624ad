/** Dependency-injection token of the `TargetSettings` (window days, fewest observations) the app configured. */
export const TARGET_SETTINGS = Symbol('TargetSettings');
