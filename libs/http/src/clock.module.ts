import { CLOCK, type Clock, systemClock } from '@customs-pulse/domain';
import { type DynamicModule, Global, Module } from '@nestjs/common';

/**
 * The wall clock as `CLOCK`, for every app. Global: validation, projection and alerts all read it, and a test module
 * overrides this one provider to control time.
 */
@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
export class ClockModule {
  /** `CLOCK` as the given clock: how a test runs a whole app at a pinned time. */
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, global: true, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
