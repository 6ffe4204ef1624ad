import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken, InvalidAccessTokenError, verifyAccessToken, type Principal } from './access-token.js';
import { ACCESS_TOKEN_POLICY, type AccessTokenPolicy } from './access-token-policy.js';
import { AUTH_SECRET } from './auth-secret.js';
import { REQUIRED_ROLE } from './require-role.decorator.js';
import { grants, type Role } from './roles.js';

/**
 * Enforces `@RequireRole` on HTTP routes: no valid token, 401; a valid token without the role, 403 (api.md). The
 * principal is left on the request for handlers that need it.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  // Explicit tokens: DI must not depend on a compiler emitting decorator metadata (tsx and esbuild do not).
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AUTH_SECRET) private readonly secret: Uint8Array,
    @Inject(ACCESS_TOKEN_POLICY) private readonly policy: AccessTokenPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    if (!required) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException('an Authorization: Bearer <JWT> header is required');
    try {
      request.principal = await verifyAccessToken(token, this.secret, this.policy);
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    if (!grants(request.principal.roles, required)) {
      throw new ForbiddenException(`the role ${required} is required`);
    }
    return true;
  }
}
