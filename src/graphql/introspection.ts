import {
  getNamedType,
  GraphQLError,
  isIntrospectionType,
  type ValidationContext,
  type ASTVisitor,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../model/errors.ts';

const INTROSPECTION_DISABLED: ErrorCode = 'INTROSPECTION_DISABLED';

/**
 * What a server with introspection off adds: the refusal below, and no enum value suggested.
 * (graphql-armor's blockFieldSuggestion, src/graphql/limits.ts, hides the suggestions of fields,
 * arguments and types.)
 */
export function hiddenSchema(): Plugin[] {
  return [noIntrospection(), noEnumSuggestions()];
}

/**
 * Refuses `__schema` and `__type` (and any field of the introspection types reached through
 * them), as graphql-js's NoSchemaIntrospectionCustomRule does, but with a code. `__typename`
 * stays: clients need it to tell the members of a union apart, and it shows nothing of the schema.
 * A validation rule, so the refusal comes before anything runs and is cached with the document.
 */
function noIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noSchemaIntrospectionRule);
    },
  };
}

function noSchemaIntrospectionRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const type = getNamedType(context.getType());
      // Once, where the operation enters the introspection types, not for every field inside.
      const parent = context.getParentType();
      if (type && isIntrospectionType(type) && !(parent && isIntrospectionType(parent))) {
        context.reportError(
          new GraphQLError(
            `Introspection is off on this server: "${node.name.value}" cannot be queried.`,
            { nodes: node, extensions: { code: INTROSPECTION_DISABLED } },
          ),
        );
      }
    },
  };
}

/** graphql-js words the suggestion of an enum value its own way, which armor's mask misses. */
const ENUM_SUGGESTION = / ?Did you mean the enum value .+\?$/;

/** Drops it from validation errors (a literal) and from the errors of variables. */
function noEnumSuggestions(): Plugin {
  const strip = (errors: readonly Error[]) => {
    for (const error of errors) error.message = error.message.replace(ENUM_SUGGESTION, '');
  };
  return {
    onValidate:
      () =>
      ({ valid, result }) => {
        if (!valid) strip(result);
      },
    onExecute: () => ({
      onExecuteDone({ result }) {
        if ('errors' in result && result.errors) strip(result.errors);
      },
    }),
  };
}
