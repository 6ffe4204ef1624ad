import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_SECRET } from './auth-secret.js';
import { RolesGuard } from './roles.guard.js';

/** Installs the roles guard on every route of the app; routes opt in with `@RequireRole`. */
@Module({})
export class AuthModule {
  static forRoot(options: { jwtSecret: string }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_SECRET, useValue: new TextEncoder().encode(options.jwtSecret) },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [AUTH_SECRET],
    };
  }
}
