import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { ErrorCode } from '../model/errors.ts';

/** What one request may ask at most (see README, "Limits"). */
export const LIMITS = {
  depth: 15,
  /** Values a response may hold, as its lists could fill it (result-size.ts). */
  values: 1_000_000,
  aliases: 30,
  tokens: 5_000,
  directives: 50,
} as const;

/**
 * graphql-armor's limits, checked before anything runs, each refusal with a stable code of the
 * catalogue (src/model/errors.ts). The token limit is checked while parsing, so a document over
 * it is never parsed whole, and never cached (src/graphql/document-cache.ts); the others are
 * validation rules, reported as validation errors (Yoga caches the result per document).
 *
 * While the schema is public (introspection on), "did you mean" suggestions stay: they help, and
 * hide nothing. With introspection off they would spell the schema out field by field, so they go.
 */
export function armorPlugin({ suggestions = true }: { suggestions?: boolean } = {}) {
  return EnvelopArmorPlugin({
    maxDepth: { n: LIMITS.depth, ...refusedAs('QUERY_TOO_DEEP') },
    // Armor's cost multiplies by a literal `first` only: a client naming small lists paid more
    // than one leaving the defaults. The cost is result-size.ts's, which reads both.
    costLimit: { enabled: false },
    // Armor lets `__typename` aliases through by default, and a thousand of them made a thousand
    // answers: every alias counts.
    maxAliases: { n: LIMITS.aliases, allowList: [], ...refusedAs('TOO_MANY_ALIASES') },
    maxDirectives: { n: LIMITS.directives, ...refusedAs('TOO_MANY_DIRECTIVES') },
    maxTokens: { n: LIMITS.tokens, ...refusedAs('TOO_MANY_TOKENS') },
    blockFieldSuggestion: { enabled: !suggestions, mask: '' },
  });
}

/**
 * Gives armor's refusal its code and drops the "Syntax Error: " armor puts before every one of
 * them (only the token limit is met while parsing). A validation rule's refusal is reported
 * with the other validation errors; the parser's (no validation context) is thrown by armor.
 */
function refusedAs(code: ErrorCode) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        error.message = error.message.replace(/^Syntax Error: /, '');
        (error as { extensions: Record<string, unknown> }).extensions = {
          ...error.extensions,
          code,
        };
        if (context) context.reportError(error);
        else throw error;
      },
    ],
  };
}
