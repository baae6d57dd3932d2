import {
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, operationOf } from '../../src/graphql/examples.ts';
import { listBound, MAX_RESULT_VALUES, resultSize } from '../../src/graphql/result-size.ts';
import { buildSchema } from '../../src/graphql/schema.ts';

const schema = buildSchema();
const size = (query: string, variables?: Record<string, unknown>) =>
  resultSize(schema, parse(query), variables, undefined);

describe('the size a response may reach', () => {
  it('knows a bound for every list of objects in the schema', () => {
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const list = getNullableType(field.type);
        if (!isListType(list) || !isCompositeType(getNamedType(list))) continue;
        if (listBound(type.name, field, {}) === undefined)
          unbounded.push(`${type.name}.${field.name}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it("lets the schema's own description through: the introspection query tools send", () => {
    // It was counted as 500 items a list, 4 billion values: GraphiQL and codegen were refused.
    expect(size(getIntrospectionQuery({ inputValueDeprecation: true }))).toBeLessThan(1000);
  });

  it('counts each field once, and a list once per item it may hold', () => {
    expect(size('{ __typename }')).toBe(1);
    expect(size('{ node(id: "x") { id } }')).toBe(2);
    // 1 for search, then 10 items of 2 fields.
    expect(size('{ search(text: "x") { id name } }')).toBe(1 + 10 * 2);
    expect(size('{ search(text: "x", first: 3) { id name } }')).toBe(1 + 3 * 2);
    // A list of scalars counts once, whatever it holds.
    expect(size('{ node(id: "x") { ... on Person { aliases } } }')).toBe(2);
  });

  it('multiplies nested lists, with defaults and variables', () => {
    const nested = `query ($n: Int) { article(id: "a") {
      mentions(first: $n) { ... on Person { mentionedIn(first: $n) { id } } } } }`;
    expect(size(nested, { n: 500 })).toBe(1 + 1 * (1 + 500 * (1 + 500 * 1)));
    expect(size(nested, { n: 2 })).toBe(1 + (1 + 2 * (1 + 2)));
    // Absent or null: the default of 100.
    expect(size(nested, {})).toBe(1 + (1 + 100 * (1 + 100)));
    expect(size(nested, { n: null })).toBe(size(nested, {}));
  });

  it('counts a page at its connection, not again at its edges', () => {
    expect(size('{ claims(first: 7) { edges { node { id } } } }')).toBe(1 + 7 * (1 + (1 + 1)));
    expect(size('{ nodes(ids: ["a", "b", "c"]) { id } }')).toBe(1 + 3);
  });

  it('lets every GraphiQL example through', () => {
    for (const example of EXAMPLES) {
      const estimate = resultSize(
        schema,
        parse(operationOf(example)),
        example.variables,
        undefined,
      );
      expect(estimate, example.name).toBeLessThan(MAX_RESULT_VALUES);
    }
  });
});
