import { describeCaller, writerOf } from '../auth/callers.ts';
import { covers, type Role } from '../auth/roles.ts';
import { UserError } from '../model/errors.ts';
import type { GraphQLContext } from './context.ts';

/**
 * Who the write log names for the request (its key's name, or `jwt:<sub>` for a token) when its
 * role covers `needed`; otherwise UNAUTHENTICATED (no key, a key the server does not know, a bad
 * token) or FORBIDDEN (a known key or token of too small a role, saying which role is needed).
 * `what` names what needs the key in the first message: "Writing", "The write log".
 */
export function requireRole(ctx: GraphQLContext, needed: Role, what: string): string {
  const { caller } = ctx;
  switch (caller.kind) {
    case 'anonymous':
      throw new UserError(
        `${what} needs the header "Authorization: Bearer <key>".`,
        'UNAUTHENTICATED',
      );
    case 'wrong-key':
      throw new UserError('The key in the Authorization header is not valid.', 'UNAUTHENTICATED');
    case 'bad-token':
      throw new UserError(caller.problem, 'UNAUTHENTICATED');
    case 'key':
    case 'token':
      if (covers(caller.role, needed)) return writerOf(caller);
      throw new UserError(
        `This needs the role ${needed}: ${describeCaller(caller)} is ${/^[aeiou]/.test(caller.role) ? 'an' : 'a'} ${caller.role}.`,
        'FORBIDDEN',
        { details: { needed } },
      );
  }
}
