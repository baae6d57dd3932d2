import {
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyOptions,
} from 'jose';
import { isRole, type Role } from './roles.ts';

/**
 * JSON Web Tokens, the second way to present a role: signed by an identity provider with a shared
 * secret (HS256) or with keys it publishes as a JWKS (RS256, ES256). Verification is jose's; this
 * file only chooses what is accepted and says in a short sentence why a token is not.
 */
export interface JwtConfig {
  /** KG_JWT_SECRET (HS256, at least 32 bytes) or KG_JWKS_URL (RS256 and ES256 keys). */
  keys: { secret: string } | { jwksUrl: string };
  /** The `iss` a token must have (KG_JWT_ISSUER); none: not checked. */
  issuer: string | undefined;
  /** An `aud` a token must have (KG_JWT_AUDIENCE); none: not checked. */
  audience: string | undefined;
  /** The claim whose value is the role: reader, editor or admin (KG_JWT_ROLE_CLAIM, `role`). */
  roleClaim: string;
}

/** What verifying a token tells: its subject and role, or why it is refused. */
export type TokenCheck = { ok: true; subject: string; role: Role } | { ok: false; problem: string };

/**
 * Whether a Bearer credential has the shape of a JWT: three base64url segments separated by dots
 * (the last is empty in an unsigned token, which is refused as one). Keys made by `kg key new` are
 * `kg_` and base64url, without dots.
 */
export const looksLikeJwt = (credential: string): boolean =>
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);

/** Clocks of the provider and of this server may differ by this much. */
const CLOCK_TOLERANCE_S = 30;

/** A subject the write log and `kg log` can show on one line. */
const SUBJECT = /^[^\p{Cc}]{1,256}$/u;

/** A function that verifies one token; the JWKS is fetched on first use and cached by jose. */
export function tokenVerifier(config: JwtConfig): (token: string) => Promise<TokenCheck> {
  const { keys } = config;
  const algorithms = 'secret' in keys ? ['HS256'] : ['RS256', 'ES256'];
  const options = {
    algorithms,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: CLOCK_TOLERANCE_S,
    ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
    ...(config.audience === undefined ? {} : { audience: config.audience }),
  };
  const verify = 'secret' in keys ? withSecret(keys.secret) : withJwks(keys.jwksUrl);
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token, options));
    } catch (error) {
      return { ok: false, problem: problemOf(error, algorithms, 'jwksUrl' in keys) };
    }
    const role = payload[config.roleClaim];
    if (typeof role !== 'string' || !isRole(role)) {
      return {
        ok: false,
        problem: `The token's claim "${config.roleClaim}" must be reader, editor or admin.`,
      };
    }
    if (typeof payload.sub !== 'string' || !SUBJECT.test(payload.sub)) {
      return { ok: false, problem: 'The token has no subject ("sub"), or one too long to show.' };
    }
    return { ok: true, subject: payload.sub, role };
  };
}

function withSecret(secret: string) {
  const key = new TextEncoder().encode(secret);
  return (token: string, options: JWTVerifyOptions) => jwtVerify(token, key, options);
}

function withJwks(url: string) {
  // jose keeps the keys (10 minutes), and fetches them again for a key id it does not know.
  const jwks = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000 });
  return (token: string, options: JWTVerifyOptions) => jwtVerify(token, jwks, options);
}

/** Why jose refused a token, in a sentence for the client: never the library's own text. */
function problemOf(error: unknown, algorithms: readonly string[], remote: boolean): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'The token was not issued by the issuer this server accepts ("iss").';
      case 'aud':
        return 'The token is not meant for this server ("aud").';
      case 'nbf':
        return 'The token is not valid yet ("nbf").';
      case 'exp':
        return error.reason === 'missing'
          ? 'The token has no expiry ("exp").'
          : 'The token\'s expiry ("exp") is not valid.';
      case 'sub':
        return 'The token has no subject ("sub").';
      default:
        return 'The token has a claim that is not valid.';
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `The token's algorithm ("alg") is not accepted: it must be ${algorithms.join(' or ')}.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return "The token's signature is not valid.";
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return "No key of this server's JWKS matches the token.";
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return 'The token is malformed.';
  }
  // With a JWKS, what is left is its endpoint's: it timed out, refused, or answered no JWKS.
  const unfetched = remote && !(error instanceof errors.JOSENotSupported);
  return unfetched
    ? 'The server could not fetch the keys to check the token: try again later.'
    : 'The token is not valid.';
}
