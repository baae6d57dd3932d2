import { describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/auth/api-keys.ts';
import { looksLikeJwt, tokenVerifier } from '../../src/auth/jwt.ts';
import { hs256Token, TOKEN_SECRET, unsecuredToken } from '../support/tokens.ts';

describe('looksLikeJwt', () => {
  it('takes three base64url segments separated by dots, the last possibly empty', async () => {
    expect(looksLikeJwt(await hs256Token({ subject: 'a', claims: { role: 'reader' } }))).toBe(true);
    expect(looksLikeJwt(unsecuredToken({ subject: 'a' }))).toBe(true);
    expect(looksLikeJwt('a.b.c')).toBe(true);
  });

  it('never takes a key made by `kg key new`, nor other shapes', () => {
    for (let i = 0; i < 20; i += 1) expect(looksLikeJwt(newApiKey('k', 'admin').key)).toBe(false);
    for (const text of ['a.b', 'a.b.c.d', '.b.c', 'a..c', 'a.b.c=', 'a.b+.c', '']) {
      expect(looksLikeJwt(text)).toBe(false);
    }
  });
});

describe('tokenVerifier', () => {
  const verify = tokenVerifier({
    keys: { secret: TOKEN_SECRET },
    issuer: undefined,
    audience: undefined,
    roleClaim: 'role',
  });

  it("answers a good token's subject and role", async () => {
    const token = await hs256Token({ subject: 'ana', claims: { role: 'editor' } });
    expect(await verify(token)).toEqual({ ok: true, subject: 'ana', role: 'editor' });
  });

  it('accepts a token a few seconds past its expiry (clock skew), not minutes', async () => {
    const late = await hs256Token({ subject: 'ana', claims: { role: 'editor' }, expires: '-10s' });
    expect((await verify(late)).ok).toBe(true);
    const expired = await hs256Token({
      subject: 'ana',
      claims: { role: 'editor' },
      expires: '-2m',
    });
    expect(await verify(expired)).toEqual({ ok: false, problem: 'The token has expired.' });
  });

  it('refuses a token with alg none, or with a subject that cannot be shown on a line', async () => {
    expect(await verify(unsecuredToken({ subject: 'ana', claims: { role: 'admin' } }))).toEqual({
      ok: false,
      problem: 'The token\'s algorithm ("alg") is not accepted: it must be HS256.',
    });
    const newline = await hs256Token({ subject: 'ana\nops', claims: { role: 'admin' } });
    expect((await verify(newline)).ok).toBe(false);
    const long = await hs256Token({ subject: 'a'.repeat(257), claims: { role: 'admin' } });
    expect((await verify(long)).ok).toBe(false);
  });
});
