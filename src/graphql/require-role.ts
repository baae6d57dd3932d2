import { covers, type Role } from '../auth/roles.ts';
import { UserError } from '../model/errors.ts';
import type { GraphQLContext } from './context.ts';

/**
 * The name of the request's key when its role covers `needed`; otherwise UNAUTHENTICATED (no key,
 * or a key the server does not know) or FORBIDDEN (a known key of too small a role, saying which
 * role is needed). `what` names what needs the key in the first message: "Writing", "The write log".
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
    case 'key':
      if (covers(caller.role, needed)) return caller.name;
      throw new UserError(
        `This needs the role ${needed}: the key "${caller.name}" is ${/^[aeiou]/.test(caller.role) ? 'an' : 'a'} ${caller.role}.`,
        'FORBIDDEN',
        { details: { needed } },
      );
  }
}
