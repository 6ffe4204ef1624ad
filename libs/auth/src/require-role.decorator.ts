import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles.js';

export const REQUIRED_ROLE = Symbol('RequiredRole');

/** The role a route needs (roles that include it pass too); routes without it are public. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);
