import { type TargetSettings } from '../../targets/target-reading.js';

/** Dependency-injection token of the {@link TargetSettings} the app configured. */
export const TARGET_SETTINGS = Symbol('TargetSettings');
