import { type GraphQLError, validate, ValuesOfCorrectTypeRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Invalid argument values are the caller's mistake and say so with BAD_USER_INPUT, whether they
 * are written in the query (a date that does not exist, an unknown stance) or passed as variables.
 * Other validation errors (an unknown field) keep GRAPHQL_VALIDATION_FAILED.
 */
export function useBadUserInputCodes(): Plugin {
  const mark = (error: GraphQLError) => {
    (error as { extensions: Record<string, unknown> }).extensions = {
      ...error.extensions,
      code: 'BAD_USER_INPUT',
    };
  };
  return {
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (valid) return;
        // The errors of the one rule that checks argument values, found by running it alone.
        const valueErrors = new Set(
          validate(params.schema, params.documentAST, [ValuesOfCorrectTypeRule]).map(
            (e) => e.message,
          ),
        );
        for (const error of result) if (valueErrors.has(error.message)) mark(error);
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result }) {
          if (!('errors' in result) || !result.errors) return;
          for (const error of result.errors) {
            if (!error.path && error.message.startsWith('Variable "$')) mark(error);
          }
        },
      };
    },
  };
}
