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
 * Refuses `__schema` and `__type` (and any field of the introspection types reached through
 * them), as graphql-js's NoSchemaIntrospectionCustomRule does, but with a code. `__typename`
 * stays: clients need it to tell the members of a union apart, and it shows nothing of the schema.
 * A validation rule, so the refusal comes before anything runs and is cached with the document.
 */
export function noIntrospection(): Plugin {
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
