import {
  type DocumentNode,
  getOperationAST,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.ts';
import { serviceUnavailable } from '../db/connectivity.ts';

/** Root fields answered without Neo4j: they keep working while it is away. */
const WITHOUT_DATABASE = new Set(['__typename', '__schema', '__type', 'about']);

/** Seconds a client should wait before asking again while Neo4j is away. */
const RETRY_AFTER_S = '1';

/**
 * How an error that ends a request before execution travels over HTTP. GraphQL over HTTP wants
 * 4xx/5xx for a response without `data` in application/graphql-response+json: SERVICE_UNAVAILABLE
 * is 503 there, with Retry-After. `spec: true` keeps 200 for application/json, as that media type
 * asks. An error during execution has `data` beside it, and its response stays 200.
 */
export function requestErrorHttp(code: string): Record<string, unknown> | undefined {
  if (code !== 'SERVICE_UNAVAILABLE') return undefined;
  return { status: 503, spec: true, headers: { 'Retry-After': RETRY_AFTER_S } };
}

/**
 * While Neo4j is known to be away, an operation that needs it is answered at once with
 * SERVICE_UNAVAILABLE and no `data`, before anything runs (and before the response cache, which
 * cannot read the graph version then).
 */
export function failFastWhileDown(db: Pick<Database, 'available'>): Plugin {
  const refuse = ({ args, setResultAndStopExecution }: Refusable) => {
    if (db.available) return;
    const operation = getOperationAST(args.document, args.operationName);
    if (operation && !needsDatabase(operation)) return;
    const error = serviceUnavailable();
    setResultAndStopExecution({
      errors: [
        new GraphQLError(error.message, {
          extensions: { code: error.code, http: requestErrorHttp(error.code) },
        }),
      ],
    });
  };
  // A subscription too: its first event is where the graph stands, read from Neo4j.
  return { onExecute: refuse, onSubscribe: refuse };
}

/** What onExecute and onSubscribe both hand a plugin, of what the refusal needs. */
interface Refusable {
  args: { document: DocumentNode; operationName?: string | null };
  setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
}

/** Whether an operation selects anything beyond the fields answered without Neo4j. */
function needsDatabase(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return true;
  return operation.selectionSet.selections.some(
    (s) => s.kind !== Kind.FIELD || !WITHOUT_DATABASE.has(s.name.value),
  );
}
