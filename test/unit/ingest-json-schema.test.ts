import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARTICLE_SCHEMA_FILE, renderArticleJsonSchema } from '../../scripts/write-json-schema.ts';
import { ARTICLE_SCHEMA_ID, articleJsonSchema } from '../../src/ingest/format.ts';
import { FACT_TYPES, FACT_TYPE_NAMES } from '../../src/model/vocabulary.ts';

interface JsonSchema {
  $ref?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $defs?: Record<string, JsonSchema>;
  [key: string]: unknown;
}

const schema = articleJsonSchema() as JsonSchema;

describe('schema/article.schema.json', () => {
  it('is up to date with src/ingest/format.ts', async () => {
    const committed = readFileSync(ARTICLE_SCHEMA_FILE, 'utf8');
    expect(committed, 'regenerate it: npx tsx scripts/write-json-schema.ts').toBe(
      await renderArticleJsonSchema(),
    );
  });

  it('names itself', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: ARTICLE_SCHEMA_ID,
      title: expect.stringContaining('kg-article/1'),
      description: expect.any(String),
    });
  });

  it('documents every field', () => {
    const defs = schema.$defs ?? {};
    const documented = (s: JsonSchema): boolean =>
      Boolean(s.description) ||
      (s.$ref !== undefined && Boolean(defs[s.$ref.replace('#/$defs/', '')]?.description));
    const undocumented: string[] = [];
    const visit = (s: JsonSchema, where: string) => {
      for (const [name, property] of Object.entries(s.properties ?? {})) {
        if (!documented(property)) undocumented.push(`${where}.${name}`);
      }
    };
    visit(schema, '(root)');
    for (const [name, def] of Object.entries(defs)) {
      if (!def.description) undocumented.push(name);
      visit(def, name);
    }
    expect(undocumented).toEqual([]);
  });

  it('lets each fact type carry exactly the properties of the vocabulary', () => {
    for (const type of FACT_TYPE_NAMES) {
      const properties = Object.keys(schema.$defs?.[type]?.properties ?? {});
      expect(properties, type).toEqual([
        'type',
        'from',
        'to',
        ...FACT_TYPES[type].properties,
        'quote',
      ]);
    }
  });
});
