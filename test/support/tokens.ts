import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';

/** A shared secret as KG_JWT_SECRET takes it (32 bytes and more). */
export const TOKEN_SECRET = 'a-test-secret-of-more-than-32-bytes-0123456789';

export interface TokenOptions {
  /** `sub`; none: the token has no subject. */
  subject?: string;
  /** The claims beside sub, iss, aud and exp: by default `{ role }` is one of them. */
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  /** jose's time span from now: '5m' (the default), '-1m' for a token that has expired. */
  expires?: string | null;
}

function unsignedClaims(options: TokenOptions) {
  const jwt = new SignJWT(options.claims ?? {}).setIssuedAt();
  if (options.subject !== undefined) jwt.setSubject(options.subject);
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  if (options.expires !== null) jwt.setExpirationTime(options.expires ?? '5m');
  return jwt;
}

/** A token signed with HS256 and `secret`, as an identity provider sharing it would sign it. */
export const hs256Token = (options: TokenOptions, secret = TOKEN_SECRET): Promise<string> =>
  unsignedClaims(options)
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));

/** A token with `alg: none` and no signature: it must never be accepted. */
export function unsecuredToken(options: TokenOptions): string {
  const jwt = new UnsecuredJWT({
    ...options.claims,
    ...(options.subject === undefined ? {} : { sub: options.subject }),
  }).setExpirationTime('5m');
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.encode();
}

/** A key pair of an identity provider: signs tokens, and shows its public half in a JWKS. */
export async function signingKey(alg: 'RS256' | 'ES256', kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return {
    jwk,
    sign: (options: TokenOptions) =>
      unsignedClaims(options).setProtectedHeader({ alg, kid }).sign(privateKey),
  };
}

/**
 * An HTTP server on 127.0.0.1 that serves `keys()` as a JWKS at /jwks.json, counting the
 * requests it answers (to show that the keys are cached).
 */
export async function jwksServer(keys: () => JWK[]) {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    if (request.url !== '/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: keys() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
