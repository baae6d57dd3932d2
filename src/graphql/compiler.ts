import { collectFields, getArgumentValues, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isAbstractType,
  isObjectType,
  getNullableType,
  isListType,
} from 'graphql';
import { checkRange } from '../graph/paging.ts';
import { Params } from '../graph/filters.ts';

/**
 * Compiles the selection of a GraphQL request into one Cypher projection, so that a root field
 * with everything nested under it is one statement (as @neo4j/graphql and PostGraphile do), not
 * one statement per level.
 *
 * A compiled object is a map `{__c: {<response key>: value}, __typename, __r?}`: the values of
 * the fields asked, under the names the client asked them by (aliases included). Every field
 * resolver of the schema is wrapped (`withCompiledFields`): on a compiled object it returns the
 * value under its response key. A field the compiler has no Cypher for is resolved by its ordinary
 * resolver from `__r`, the record that resolver expects (a node or a fact, fetched in the same
 * statement), through the request's loaders. So a field that cannot be compiled costs statements,
 * never correctness. What each type's fields compile to is the domain's: src/graphql/projections.ts.
 */

/** A field to compile: its name, argument values (defaults applied) and selections. */
export interface Field {
  name: string;
  args: Record<string, unknown>;
  nodes: readonly FieldNode[];
}

/** The Cypher variables or expressions an object's fields are computed from. */
export type Scope = Record<string, string>;

/** How a field is computed in Cypher: an expression, or null (false) when it cannot be compiled. */
export type FieldCypher = (c: Compiler, scope: Scope, field: Field) => string | null | false;

export interface TypeProjection {
  /** The record the type's ordinary resolvers take; absent: every field asked must compile. */
  record?: (scope: Scope) => string;
  fields: Record<string, FieldCypher>;
  /**
   * Fields whose Cypher fetches what the answer is made of, and whose answer JavaScript makes
   * (words, say): one function shared with the field's resolver, so the two cannot drift.
   */
  finish?: Record<string, (value: never) => unknown>;
}

export type Projections = Record<string, TypeProjection>;

export interface Compiled {
  __c: Record<string, unknown>;
  __typename?: string;
  __r?: unknown;
}

const isCompiled = (value: unknown): value is Compiled =>
  typeof value === 'object' && value !== null && '__c' in value;

export class Compiler {
  readonly params = new Params();
  private next = 0;
  private readonly named = new Map<string, string>();

  constructor(
    private readonly info: GraphQLResolveInfo,
    private readonly projections: Projections,
  ) {}

  /** A Cypher variable name no other part of the statement uses. */
  fresh(prefix: string): string {
    return `${prefix}${this.next++}`;
  }

  /** A value as a statement parameter (equal values share one). */
  param(value: unknown): string {
    const key = JSON.stringify(value);
    let name = this.named.get(key);
    if (!name) this.named.set(key, (name = this.params.add(value)));
    return name;
  }

  /**
   * The fields selected on a concrete type under the given field nodes, by response key; null
   * when one response key stands for fields that differ (possible across aliases of a parent).
   */
  fields(type: GraphQLObjectType, nodes: readonly FieldNode[]): Map<string, Field> | null {
    const merged = new Map<string, FieldNode[]>();
    for (const node of nodes) {
      if (!node.selectionSet) continue;
      const { fields } = collectFields(
        this.info.schema,
        this.info.fragments,
        this.info.variableValues,
        type,
        node.selectionSet,
      );
      for (const [key, list] of fields) merged.set(key, [...(merged.get(key) ?? []), ...list]);
    }
    const result = new Map<string, Field>();
    for (const [key, list] of merged) {
      const first = list[0]!;
      const name = first.name.value;
      if (name.startsWith('__')) continue;
      const definition = type.getFields()[name];
      if (!definition) return null;
      const args = getArgumentValues(definition, first, this.info.variableValues);
      const same = list.every(
        (node) =>
          node.name.value === name &&
          JSON.stringify(getArgumentValues(definition, node, this.info.variableValues)) ===
            JSON.stringify(args),
      );
      if (!same) return null;
      result.set(key, { name, args, nodes: list });
    }
    return result;
  }

  /**
   * The projection of an object of a type (an object type, or an interface: then per possible
   * type, chosen by label), or null when a field of a type without a record cannot be compiled.
   * `node` is the Cypher variable an interface's label test applies to.
   */
  object(
    typeName: string,
    scope: Scope,
    nodes: readonly FieldNode[],
    node?: string,
  ): string | null {
    const type = this.info.schema.getType(typeName);
    if (type && isObjectType(type)) return this.concrete(type, scope, nodes, `'${type.name}'`);
    if (!type || !isAbstractType(type) || !node) return null;
    const typename = `[l IN labels(${node}) WHERE l <> 'Node'][0]`;
    const branches = new Map<string, string[]>();
    // Each branch names its variables from the same point, so that types whose selections are
    // alike compile to the same text and share one branch.
    const start = this.next;
    let end = start;
    for (const possible of this.info.schema.getPossibleTypes(type)) {
      this.next = start;
      const cypher = this.concrete(possible, scope, nodes, typename);
      if (cypher === null) return null;
      end = Math.max(end, this.next);
      branches.set(cypher, [...(branches.get(cypher) ?? []), possible.name]);
    }
    this.next = end;
    if (branches.size === 1) return [...branches.keys()][0]!;
    // Type names come from the schema: a closed list of labels.
    const cases = [...branches].map(
      ([cypher, labels]) => `WHEN ${labels.map((l) => `${node}:${l}`).join(' OR ')} THEN ${cypher}`,
    );
    return `CASE ${cases.join(' ')} END`;
  }

  private concrete(
    type: GraphQLObjectType,
    scope: Scope,
    nodes: readonly FieldNode[],
    typename: string,
  ): string | null {
    const projection = this.projections[type.name];
    const fields = projection && this.fields(type, nodes);
    if (!projection || !fields) return null;
    const entries: string[] = [];
    let fallback = false;
    for (const [key, field] of fields) {
      const cypher = projection.fields[field.name]?.(this, scope, field) || null;
      if (cypher === null) {
        if (!projection.record) return null;
        fallback = true;
      } else {
        entries.push(`\`${key}\`: ${cypher}`);
      }
    }
    const record = fallback ? `, __r: ${projection.record!(scope)}` : '';
    return `{__c: {${entries.join(', ')}}, __typename: ${typename}${record}}`;
  }
}

/** A compiler for the field being resolved (a root field): its selection is `info.fieldNodes`. */
export const compilerFor = (info: GraphQLResolveInfo, projections: Projections) =>
  new Compiler(info, projections);

/** How many items a list below the root gives at most (its `first`), and the most it may ask. */
export const NESTED_FIRST = { default: 100, max: 500 } as const;

/** The `first` of a nested list as a LIMIT clause; null when out of range (see withCompiledFields). */
export function limitClause(c: Compiler, field: Field): string | null {
  const first = field.args.first;
  if (first === undefined) return '';
  if (!Number.isInteger(first) || (first as number) < 1 || (first as number) > NESTED_FIRST.max) {
    return null;
  }
  return `LIMIT toInteger(${c.param(first)})`;
}

/**
 * Wraps every field resolver so that a compiled parent answers from what was compiled, and every
 * list below the root is bounded by its `first`: checked here (so that an out-of-range value is a
 * BAD_USER_INPUT at the field that asked it, compiled or not) and applied to what a resolver
 * gives (compiled lists arrive already cut).
 */
export function withCompiledFields(schema: GraphQLSchema, projections: Projections): GraphQLSchema {
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const unbounded = field.resolve ?? defaultFieldResolver;
      const bounded =
        !roots.has(typeName) && isListType(getNullableType(field.type)) && field.args?.first;
      const resolve: typeof unbounded = bounded
        ? async (parent, args: { first: number }, context, info) => {
            checkRange('first', args.first, 1, NESTED_FIRST.max);
            const items: unknown = await unbounded(parent, args, context, info);
            return Array.isArray(items) ? items.slice(0, args.first) : items;
          }
        : unbounded;
      const finish = (projections[typeName]?.finish?.[fieldName] ?? ((v: unknown) => v)) as (
        value: unknown,
      ) => unknown;
      return {
        ...field,
        resolve: (parent, args, context, info) => {
          if (!isCompiled(parent)) return resolve(parent, args, context, info);
          const key = info.path.key as string;
          return key in parent.__c
            ? finish(parent.__c[key])
            : resolve(parent.__r, args, context, info);
        },
      };
    },
  });
}
