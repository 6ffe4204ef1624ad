import { CLOCK, systemClock } from '@customs-pulse/domain';
import { Global, Module } from '@nestjs/common';

/**
 * The wall clock as `CLOCK`, for every app. Global: validation, projection and alerts all read it, and a test module
 * overrides this one provider to control time.
 */
@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
export class ClockModule {}
