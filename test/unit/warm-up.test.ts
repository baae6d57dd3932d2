import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { createPlanCache, parameterTypes } from '../../src/db/plan-cache.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { placeholderVariables, warmUpOperations } from '../../src/graphql/warm-up.ts';

const schema = buildSchema();
const operation = (text: string) =>
  parse(text).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;

describe('warm-up operations', () => {
  it("takes each listed query once by name, an example's variables first, and no mutation or subscription", () => {
    const operations = warmUpOperations(
      [
        'query A($id: ID!) { node(id: $id) { id } }',
        'query A($id: ID!) {\n  node(id: $id) {\n    id\n  }\n}',
        'query B { about { apiVersion } } mutation C { __typename }',
        'query { about { apiVersion } }',
      ],
      [
        { name: 'A', query: 'query A($id: ID!) { node(id: $id) { id } }', variables: { id: 'x' } },
        { name: 'S', query: 'subscription S { graphChanged { version } }' },
      ],
    );
    expect(operations.map((o) => [o.name, o.variables])).toEqual([
      ['A', { id: 'x' }],
      ['B', undefined],
    ]);
  });

  it('makes up the required variables only: ids from the graph in turn, placeholders by type', () => {
    const op = operation(`query P($from: ID!, $to: ID!, $max: Int = 4, $text: String!, $n: Int!,
      $flag: Boolean!, $stance: Stance!, $ids: [ID!]!, $optional: ID) { __typename }`);
    expect(placeholderVariables(schema, op, ['a', 'b'])).toEqual({
      from: 'a',
      to: 'b',
      text: 'warm-up',
      n: 1,
      flag: false,
      stance: expect.any(String),
      ids: ['a'],
    });
    expect(placeholderVariables(schema, op, [])).toMatchObject({ from: 'warm-up', to: 'warm-up' });
  });

  it('names a required variable it cannot make up, so the operation is skipped and said so', () => {
    const op = operation('query D($on: LocalDate!) { __typename }');
    expect(() => placeholderVariables(schema, op, [])).toThrow(
      '$on: no placeholder for a required LocalDate',
    );
  });
});

describe('plan cache keys', () => {
  it('are the parameter names and Cypher types, not their values', () => {
    expect(
      parameterTypes({ text: 's', first: neo4j.int(3), ratio: 0.5, ids: [], on: null, ok: true }),
    ).toBe('first:INTEGER,ids:LIST,ok:BOOLEAN,on:NULL,ratio:FLOAT,text:STRING');
    const plans = createPlanCache();
    const key = plans.key('RETURN $x', { x: 'a' });
    expect(plans.key('RETURN $x', { x: 'b' })).toBe(key);
    expect(plans.key('RETURN $x', { x: 1 })).not.toBe(key);
    expect(plans.key('RETURN $x ', { x: 'a' })).not.toBe(key);
    plans.add(key);
    expect(plans.has(key)).toBe(true);
    plans.clear();
    expect(plans.has(key)).toBe(false);
  });
});
