import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ACCESS_TOKEN_POLICY, type AccessTokenPolicy, DEFAULT_ACCESS_TOKEN_POLICY } from './access-token-policy.js';
import { AUTH_SECRET } from './auth-secret.js';
import { RolesGuard } from './roles.guard.js';

/** Installs the roles guard on every route of the app; routes opt in with `@RequireRole`. */
@Module({})
export class AuthModule {
  /**
   * @param options the HS256 secret (`AUTH_JWT_SECRET`) and what tokens must satisfy beyond it (`AUTH_MAX_TOKEN_HOURS`,
   * `AUTH_ISSUER`, `AUTH_AUDIENCE`); api.md's defaults for what is left out
   */
  static forRoot(options: { jwtSecret: string } & Partial<AccessTokenPolicy>): DynamicModule {
    const { jwtSecret, issuer, audience } = options;
    const policy: AccessTokenPolicy = { maxTokenHours: options.maxTokenHours ?? DEFAULT_ACCESS_TOKEN_POLICY.maxTokenHours, issuer, audience };
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_SECRET, useValue: new TextEncoder().encode(jwtSecret) },
        { provide: ACCESS_TOKEN_POLICY, useValue: policy },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [AUTH_SECRET, ACCESS_TOKEN_POLICY],
    };
  }
}
