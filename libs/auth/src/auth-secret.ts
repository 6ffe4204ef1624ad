/** DI token for the HS256 secret (`AUTH_JWT_SECRET`) as bytes. */
export const AUTH_SECRET = Symbol('AuthSecret');
