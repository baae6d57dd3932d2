import {
  getNamedType,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  parse,
  typeFromAST,
} from 'graphql';
import type { Database } from '../db/database.ts';
import { ENTITY_TYPES } from '../model/vocabulary.ts';

/** A query our clients send, with the variables to send it with. */
export interface WarmUpOperation {
  name: string;
  document: string;
  variables?: Record<string, unknown>;
}

export interface WarmUpReport {
  ran: number;
  /** Operations left out, each with why: a required variable of a type we cannot make up. */
  skipped: { name: string; reason: string }[];
  ms: number;
}

/**
 * The operations a server warms at start: the listed (trusted) documents' queries, each once by
 * name, with an example's own variables where an example of that name exists.
 */
export function warmUpOperations(
  documents: Iterable<string>,
  examples: readonly { name: string; query: string; variables?: Record<string, unknown> }[],
): WarmUpOperation[] {
  const byName = new Map<string, WarmUpOperation>();
  for (const e of examples) {
    // A subscription's stream would never end, and a mutation writes: queries only.
    if (!queriesIn(e.query).includes(e.name)) continue;
    byName.set(e.name, { name: e.name, document: e.query, variables: e.variables });
  }
  for (const document of documents) {
    for (const op of queriesIn(document)) {
      if (!byName.has(op)) byName.set(op, { name: op, document });
    }
  }
  return [...byName.values()];
}

function queriesIn(document: string): string[] {
  return parse(document)
    .definitions.filter(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query' && d.name !== undefined,
    )
    .map((d) => d.name!.value);
}

/**
 * Runs each operation once, one after the other, so that Neo4j has planned its statements before
 * a user asks: the first run of a statement on a cold Neo4j spends seconds in the planner (see
 * src/db/plan-cache.ts). A plan depends on the statement, not on its values, so variables an
 * operation requires and no example gives are made up: ids of nodes in the graph, one of each
 * type in turn (the statement then also reaches past its first match, and a field resolved for one
 * type only runs too), and a placeholder of the right type otherwise. Errors
 * are expected (an id of the wrong type) and ignored: planning is what this is for.
 */
export async function warmUp(
  schema: GraphQLSchema,
  db: Database,
  operations: readonly WarmUpOperation[],
  execute: (operation: Required<WarmUpOperation>) => Promise<void>,
): Promise<WarmUpReport> {
  const started = performance.now();
  const sampleIds = await sampleNodeIds(db);
  const report: WarmUpReport = { ran: 0, skipped: [], ms: 0 };
  for (const op of operations) {
    const document = parse(op.document);
    const definition = document.definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && d.name?.value === op.name,
    );
    if (!definition) continue;
    if (op.variables) {
      await execute({ ...op, variables: op.variables });
      report.ran++;
      continue;
    }
    let runs: Record<string, unknown>[];
    try {
      runs = sampleVariables(schema, definition, sampleIds);
    } catch (error) {
      report.skipped.push({ name: op.name, reason: (error as Error).message });
      continue;
    }
    for (const variables of runs) await execute({ ...op, variables });
    report.ran++;
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

/**
 * One id of each type of node in the graph: a request's statements may depend on what its id
 * turns out to be (a field the compiler leaves to a loader runs for that type only).
 */
export async function sampleNodeIds(db: Pick<Database, 'read'>): Promise<string[]> {
  const rows = await db.read(
    `/* warmUpIds */ UNWIND $labels AS label
     CALL (label) { MATCH (n:Node) WHERE label IN labels(n) RETURN n.id AS id LIMIT 1 }
     RETURN id`,
    { labels: [...ENTITY_TYPES, 'Article', 'Claim'] },
  );
  return rows.map((r) => r.id).filter((id): id is string => typeof id === 'string');
}

/**
 * The variables the warm-up sends an operation with when no example gives them: once with each
 * sample id in first place (the ids after it following in turn), or once when none is an ID.
 */
export function sampleVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  sampleIds: readonly string[],
): Record<string, unknown>[] {
  const runs: Record<string, unknown>[] = [];
  for (let first = 0; first < Math.max(1, sampleIds.length); first++) {
    const ids = [...sampleIds.slice(first), ...sampleIds.slice(0, first)];
    const variables = placeholderVariables(schema, operation, ids);
    if (runs.some((r) => JSON.stringify(r) === JSON.stringify(variables))) break;
    runs.push(variables);
  }
  return runs;
}

/**
 * Values for the variables an operation requires (non-null, no default): the graph's sample ids
 * in turn for IDs, and a placeholder of the type otherwise. Optional ones are left out, as a
 * client leaves them out.
 */
export function placeholderVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  sampleIds: readonly string[],
): Record<string, unknown> {
  let nextId = 0;
  const id = () => sampleIds[nextId++ % Math.max(1, sampleIds.length)] ?? 'warm-up';
  const valueOf = (type: GraphQLInputType, where: string): unknown => {
    if (isNonNullType(type)) return valueOf(type.ofType, where);
    if (isListType(type)) return [valueOf(type.ofType, where)];
    if (isEnumType(type)) return type.getValues()[0]!.name;
    if (isInputObjectType(type)) {
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
          .map((f) => [f.name, valueOf(f.type, `${where}.${f.name}`)]),
      );
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'ID':
          return id();
        case 'String':
          return 'warm-up';
        case 'Int':
        case 'Float':
          return 1;
        case 'Boolean':
          return false;
      }
    }
    throw new Error(`${where}: no placeholder for a required ${getNamedType(type).name}`);
  };
  const variables: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    if (v.type.kind !== Kind.NON_NULL_TYPE || v.defaultValue) continue;
    const type = typeFromAST(schema, v.type) as GraphQLInputType | undefined;
    if (!type) throw new Error(`$${v.variable.name.value}: unknown type`);
    variables[v.variable.name.value] = valueOf(type, `$${v.variable.name.value}`);
  }
  return variables;
}
