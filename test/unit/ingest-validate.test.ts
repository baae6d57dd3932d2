import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { projectRoot } from '../../src/config.ts';
import { formatIssue, type IssueCode, type ValidationIssue } from '../../src/ingest/issues.ts';
import { MAX_ARTICLE_BYTES } from '../../src/ingest/parse.ts';
import { checkReferences } from '../../src/ingest/rules.ts';
import { validateArticleText, type ValidationResult } from '../../src/ingest/validate.ts';

const fixture = (name: string) =>
  readFileSync(path.join(projectRoot, 'test', 'fixtures', 'ingest', name), 'utf8');

type Item = Record<string, unknown>;
interface Doc {
  format: unknown;
  article: Item;
  entities: Item[];
  facts: Item[];
  claims: Item[];
}

/** A valid article that every bad case below breaks in one way. */
function validDoc(): Doc {
  return {
    format: 'kg-article/1',
    article: {
      id: 'article-test',
      title: 'Test article',
      publishedAt: '2008-03',
      text: 'At the dinner Crosby said that Blue Pill is of no concern at all.',
    },
    entities: [
      { id: 'simon-crosby', type: 'Person', name: 'Simon Crosby' },
      { id: 'xensource', type: 'Organization', name: 'XenSource', kind: 'company' },
      { id: 'blue-pill', type: 'Topic', name: 'Blue Pill', kind: 'threat' },
      { id: 'a-dinner', type: 'Event', name: 'A dinner', kind: 'dinner', startDate: '2008-03-11' },
    ],
    facts: [{ type: 'WORKS_FOR', from: 'simon-crosby', to: 'xensource', role: 'CTO' }],
    claims: [
      {
        id: 'crosby-dismisses-blue-pill',
        statement: 'Blue Pill does not matter.',
        stance: 'DISMISSES',
        speakers: [{ id: 'simon-crosby', role: 'CTO', organization: 'xensource' }],
        targets: ['blue-pill'],
        event: 'a-dinner',
        date: '2008-03-11',
        quote: 'Blue Pill is of no concern',
      },
    ],
  };
}

/** The valid article as YAML, after `change`. */
function yamlWith(change: (doc: Doc) => void): string {
  const doc = validDoc();
  change(doc);
  return stringify(doc);
}

function errorsOf(result: ValidationResult): ValidationIssue[] {
  if (result.ok) throw new Error('expected the file to be rejected, but it was accepted');
  return result.errors;
}

interface BadCase {
  name: string;
  file?: string;
  text: string;
  /** Every issue the file must produce (no more): its path, a fragment of its message, its code. */
  errors: { path: string; message: string; code: IssueCode }[];
}

const badCases: BadCase[] = [
  // Syntax
  {
    name: 'malformed YAML: an unclosed list',
    text: 'format: kg-article/1\narticle:\n  id: a\n  title: [unclosed\n',
    errors: [
      {
        path: 'line 5, column 1',
        message:
          'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        code: 'SYNTAX_ERROR',
      },
    ],
  },
  {
    name: 'malformed YAML: a wrong indentation',
    text: 'format: kg-article/1\narticle:\n  id: a\n   title: b\n',
    errors: [
      {
        path: 'line 3, column 7',
        message: 'invalid YAML: Nested mappings are not allowed in compact mappings',
        code: 'SYNTAX_ERROR',
      },
      {
        path: 'line 3, column 7',
        message: 'invalid YAML: Implicit keys need to be on a single line',
        code: 'SYNTAX_ERROR',
      },
    ],
  },
  {
    name: 'YAML with a duplicate key',
    text: 'format: kg-article/1\nformat: kg-article/1\n',
    errors: [
      { path: 'line 2, column 1', message: 'Map keys must be unique', code: 'SYNTAX_ERROR' },
    ],
  },
  {
    name: 'malformed JSON: a missing comma',
    file: 'a.json',
    text: '{\n  "format": "kg-article/1",\n  "article": {}\n  "entities": []\n}\n',
    errors: [
      {
        path: 'line 4, column 3',
        message: `invalid JSON: expected "," or "}" after a property value, found '"'`,
        code: 'SYNTAX_ERROR',
      },
    ],
  },
  {
    name: 'JSON with a duplicate key',
    file: 'a.json',
    text: '{\n  "format": "kg-article/1",\n  "format": "kg-article/1"\n}',
    errors: [
      {
        path: 'line 3, column 3',
        message: 'invalid JSON: duplicate key "format" in one object',
        code: 'SYNTAX_ERROR',
      },
    ],
  },
  {
    name: 'malformed JSON: a missing value',
    file: 'a.json',
    text: '{"format": "kg-article/1", "article": }',
    errors: [
      {
        path: 'line 1, column 39',
        message: `invalid JSON: expected a JSON value, found '}'`,
        code: 'SYNTAX_ERROR',
      },
    ],
  },
  {
    name: 'malformed JSON: a trailing comma',
    file: 'a.json',
    text: '{\n  "format": "kg-article/1",\n}',
    errors: [
      {
        path: 'line 3, column 1',
        message: `expected a property name in double quotes, found '}'`,
        code: 'SYNTAX_ERROR',
      },
    ],
  },
  {
    name: 'malformed JSON: an unterminated string',
    file: 'a.json',
    text: '{"format": "kg-article/1',
    errors: [
      {
        path: 'line 1, column 25',
        message: 'expected a closing ", found the end of the file',
        code: 'SYNTAX_ERROR',
      },
    ],
  },

  // Not an article
  {
    name: 'valid YAML that is a list',
    text: '- format: kg-article/1\n',
    errors: [
      {
        path: '(file)',
        message:
          'not a kg-article/1 file: expected a mapping with "format: kg-article/1" at the top, found a list',
        code: 'NOT_AN_ARTICLE',
      },
    ],
  },
  {
    name: 'valid YAML without a format',
    text: 'title: A shopping list\nitems: [eggs]\n',
    errors: [{ path: '(file)', message: 'not a kg-article/1 file', code: 'NOT_AN_ARTICLE' }],
  },
  {
    name: 'another format version',
    text: yamlWith((d) => (d.format = 'kg-article/2')),
    errors: [
      {
        path: 'format',
        message: 'not a kg-article/1 file: expected format "kg-article/1", found "kg-article/2"',
        code: 'NOT_AN_ARTICLE',
      },
    ],
  },
  {
    name: 'JSON that is a number',
    file: 'a.json',
    text: '42',
    errors: [{ path: '(file)', message: 'found number 42', code: 'NOT_AN_ARTICLE' }],
  },
  {
    name: 'an empty file',
    text: '',
    errors: [{ path: '(file)', message: 'the file is empty', code: 'EMPTY_FILE' }],
  },
  {
    name: 'a file of blank lines',
    file: 'a.json',
    text: '\n  \n',
    errors: [{ path: '(file)', message: 'the file is empty', code: 'EMPTY_FILE' }],
  },
  {
    name: 'a YAML file with only comments',
    text: '# nothing yet\n',
    errors: [{ path: '(file)', message: 'the file has no content', code: 'EMPTY_FILE' }],
  },
  {
    name: 'a file that is neither YAML nor JSON',
    file: 'article.txt',
    text: yamlWith(() => {}),
    errors: [
      {
        path: '(file)',
        message: 'expected a .yaml, .yml or .json file, found "article.txt"',
        code: 'UNSUPPORTED_FILE_TYPE',
      },
    ],
  },

  // Closed vocabularies
  {
    name: 'an unknown entity type',
    text: yamlWith((d) => (d.entities[1]!.type = 'Company')),
    errors: [
      {
        path: 'entities[1].type',
        message: 'expected one of Person, Organization, Event, Place, Topic, found "Company"',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'an unknown fact type',
    text: yamlWith((d) => (d.facts[0]!.type = 'EMPLOYS')),
    errors: [
      {
        path: 'facts[0].type',
        message:
          'expected one of WORKS_FOR, PART_OF, HOSTED, PARTICIPATED_IN, HELD_AT, LOCATED_IN, DEVELOPS, CREATED, CONTRIBUTES_TO, ACQUIRED, DISCUSSED, found "EMPLOYS"',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'an unknown stance',
    text: yamlWith((d) => (d.claims[0]!.stance = 'DISMISS')),
    errors: [
      {
        path: 'claims[0].stance',
        message:
          'expected one of ASSERTS, SUPPORTS, PROMOTES, PREDICTS, DISPUTES, CRITICIZES, DISMISSES, found "DISMISS"',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'an unknown topic kind',
    text: yamlWith((d) => (d.entities[2]!.kind = 'rootkit')),
    errors: [
      {
        path: 'entities[2].kind',
        message: 'expected one of product, technology, threat, concept, standard, found "rootkit"',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a property the fact type does not allow',
    text: yamlWith((d) => (d.facts[0]!.representing = 'xensource')),
    errors: [
      {
        path: 'facts[0].representing',
        message:
          'unknown field "representing" (allowed: type, from, to, role, validFrom, validTo, quote)',
        code: 'UNKNOWN_FIELD',
      },
    ],
  },
  {
    name: 'a field no entity has',
    text: yamlWith((d) => (d.entities[0]!.kind = 'founder')),
    errors: [
      {
        path: 'entities[0].kind',
        message: 'unknown field "kind" (allowed: id, type, name, aliases, description)',
        code: 'UNKNOWN_FIELD',
      },
    ],
  },

  // Entity types at the ends of facts and claims
  {
    name: 'a fact whose ends have the wrong types',
    text: yamlWith(
      (d) => (d.facts[0] = { type: 'WORKS_FOR', from: 'xensource', to: 'simon-crosby' }),
    ),
    errors: [
      {
        path: 'facts[0].from',
        message:
          'expected a Person at the from end of WORKS_FOR (Person -> Organization), found the Organization "xensource"',
        code: 'WRONG_ENTITY_TYPE',
      },
      {
        path: 'facts[0].to',
        message:
          'expected an Organization at the to end of WORKS_FOR (Person -> Organization), found the Person "simon-crosby"',
        code: 'WRONG_ENTITY_TYPE',
      },
    ],
  },
  {
    name: 'a PART_OF that mixes a place and an organization',
    text: yamlWith((d) => {
      d.entities.push({ id: 'palo-alto', type: 'Place', name: 'Palo Alto', kind: 'city' });
      d.facts.push({ type: 'PART_OF', from: 'palo-alto', to: 'xensource' });
    }),
    errors: [
      {
        path: 'facts[1].to',
        message:
          'expected a Place at the to end of PART_OF (Organization -> Organization or Place -> Place), found the Organization "xensource"',
        code: 'WRONG_ENTITY_TYPE',
      },
    ],
  },
  {
    name: 'a fact from an entity to itself',
    text: yamlWith((d) => d.facts.push({ type: 'PART_OF', from: 'xensource', to: 'xensource' })),
    errors: [
      {
        path: 'facts[1].to',
        message: 'a fact cannot connect an entity to itself',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a participant representing something other than an organization',
    text: yamlWith((d) =>
      d.facts.push({
        type: 'PARTICIPATED_IN',
        from: 'simon-crosby',
        to: 'a-dinner',
        representing: 'blue-pill',
      }),
    ),
    errors: [
      {
        path: 'facts[1].representing',
        message:
          'expected an Organization as the organization represented, found the Topic "blue-pill"',
        code: 'WRONG_ENTITY_TYPE',
      },
    ],
  },
  {
    name: 'a topic as a speaker',
    text: yamlWith((d) => (d.claims[0]!.speakers = ['blue-pill'])),
    errors: [
      {
        path: 'claims[0].speakers[0]',
        message: 'expected a Person or an Organization as a speaker, found the Topic "blue-pill"',
        code: 'WRONG_ENTITY_TYPE',
      },
    ],
  },
  {
    name: "a person as the speaker's organization",
    text: yamlWith(
      (d) => (d.claims[0]!.speakers = [{ id: 'simon-crosby', organization: 'simon-crosby' }]),
    ),
    errors: [
      {
        path: 'claims[0].speakers[0].organization',
        message: `expected an Organization as the speaker's organization, found the Person "simon-crosby"`,
        code: 'WRONG_ENTITY_TYPE',
      },
    ],
  },
  {
    name: 'a claim event that is not an event',
    text: yamlWith((d) => (d.claims[0]!.event = 'xensource')),
    errors: [
      {
        path: 'claims[0].event',
        message: `expected an Event as the claim's event, found the Organization "xensource"`,
        code: 'WRONG_ENTITY_TYPE',
      },
    ],
  },
  {
    name: 'a claim about a claim',
    text: yamlWith((d) => (d.claims[0]!.targets = ['crosby-dismisses-blue-pill'])),
    errors: [
      {
        path: 'claims[0].targets[0]',
        message: 'found "crosby-dismisses-blue-pill", the id of a claim',
        code: 'WRONG_ENTITY_TYPE',
      },
    ],
  },

  // Ids
  {
    name: 'an id that is not kebab-case',
    text: yamlWith((d) => (d.entities[2]!.id = 'Blue_Pill')),
    errors: [
      {
        path: 'entities[2].id',
        message:
          'expected a kebab-case id (lowercase letters and digits joined by single hyphens, e.g. simon-crosby), found "Blue_Pill"',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a duplicate entity id',
    text: yamlWith((d) =>
      d.entities.push({ id: 'blue-pill', type: 'Topic', name: 'Blue pill', kind: 'product' }),
    ),
    errors: [
      {
        path: 'entities[4].id',
        message: 'duplicate entity id "blue-pill" (already declared at entities[2])',
        code: 'DUPLICATE',
      },
    ],
  },
  {
    name: 'a duplicate claim id',
    text: yamlWith((d) => d.claims.push({ ...d.claims[0]!, stance: 'ASSERTS' })),
    errors: [
      {
        path: 'claims[1].id',
        message: 'duplicate claim id "crosby-dismisses-blue-pill" (already used at claims[0])',
        code: 'DUPLICATE',
      },
    ],
  },
  {
    name: 'a claim id that is an entity id',
    text: yamlWith((d) => (d.claims[0]!.id = 'blue-pill')),
    errors: [
      {
        path: 'claims[0].id',
        message: 'expected a claim id unused by entities, found "blue-pill", the id of entities[2]',
        code: 'DUPLICATE',
      },
    ],
  },
  {
    name: 'an article id that is a claim id',
    text: yamlWith((d) => (d.article.id = 'crosby-dismisses-blue-pill')),
    errors: [
      {
        path: 'article.id',
        message:
          'expected an article id unused by entities and claims, found "crosby-dismisses-blue-pill", the id of claims[0]',
        code: 'DUPLICATE',
      },
    ],
  },
  {
    name: 'a speaker listed twice',
    text: yamlWith(
      (d) => (d.claims[0]!.speakers = ['simon-crosby', { id: 'simon-crosby', role: 'CTO' }]),
    ),
    errors: [
      {
        path: 'claims[0].speakers[1].id',
        message: 'duplicate speaker "simon-crosby" (already at speakers[0])',
        code: 'DUPLICATE',
      },
    ],
  },

  // Quotes
  {
    name: 'a quote that is not in the text',
    text: yamlWith((d) => (d.claims[0]!.quote = 'Blue Pill is a grave concern')),
    errors: [
      {
        path: 'claims[0].quote',
        message:
          'expected a quote that occurs in article.text, found "Blue Pill is a grave concern"',
        code: 'QUOTE_NOT_IN_TEXT',
      },
    ],
  },
  {
    name: 'a fact quote in other letter case',
    text: yamlWith((d) => (d.facts[0]!.quote = 'crosby SAID')),
    errors: [
      {
        path: 'facts[0].quote',
        message: 'found "crosby SAID" (it differs from the text in letter case)',
        code: 'QUOTE_NOT_IN_TEXT',
      },
    ],
  },

  // Dates
  {
    name: 'an impossible day',
    text: yamlWith((d) => (d.claims[0]!.date = '2008-02-30')),
    errors: [
      {
        path: 'claims[0].date',
        message: 'February 2008 has 29 days, found "2008-02-30"',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'month 13',
    text: yamlWith((d) => (d.article.publishedAt = '2008-13')),
    errors: [
      {
        path: 'article.publishedAt',
        message: 'month 13 does not exist, found "2008-13"',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a date in another notation',
    text: yamlWith((d) => (d.entities[3]!.startDate = '11/03/2008')),
    errors: [
      {
        path: 'entities[3].startDate',
        message: 'expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD", found "11/03/2008"',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a year written as a number',
    text: yamlWith((d) => (d.article.publishedAt = 2008)),
    errors: [
      {
        path: 'article.publishedAt',
        message:
          'expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD" written as a string, found number 2008',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'validTo before validFrom',
    text: yamlWith((d) => Object.assign(d.facts[0]!, { validFrom: '2008-03', validTo: '2007' })),
    errors: [
      {
        path: 'facts[0].validTo',
        message: 'expected validTo on or after validFrom "2008-03", found "2007"',
        code: 'DATE_ORDER',
      },
    ],
  },
  {
    name: 'endDate before startDate',
    text: yamlWith((d) => (d.entities[3]!.endDate = '2008-03-10')),
    errors: [
      {
        path: 'entities[3].endDate',
        message: 'expected endDate on or after startDate "2008-03-11", found "2008-03-10"',
        code: 'DATE_ORDER',
      },
    ],
  },

  // Field types
  {
    name: 'a number for a title',
    text: yamlWith((d) => (d.article.title = 42)),
    errors: [
      {
        path: 'article.title',
        message: 'expected a non-empty string, found number 42',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a string for aliases',
    text: yamlWith((d) => (d.entities[0]!.aliases = 'Crosby')),
    errors: [
      {
        path: 'entities[0].aliases',
        message: 'expected a list, found "Crosby"',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a mapping for facts',
    text: yamlWith((d) => ((d as unknown as Item).facts = { type: 'WORKS_FOR' })),
    errors: [{ path: 'facts', message: 'expected a list, found an object', code: 'INVALID_VALUE' }],
  },
  {
    name: 'a number for a speaker',
    text: yamlWith((d) => (d.claims[0]!.speakers = [7])),
    errors: [
      {
        path: 'claims[0].speakers[0]',
        message: 'expected a speaker id or an object { id, role?, organization? }, found number 7',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a number for a speaker role',
    text: yamlWith((d) => (d.claims[0]!.speakers = [{ id: 'simon-crosby', role: 1 }])),
    errors: [
      {
        path: 'claims[0].speakers[0].role',
        message: 'expected a non-empty string, found number 1',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'no targets',
    text: yamlWith((d) => (d.claims[0]!.targets = [])),
    errors: [
      {
        path: 'claims[0].targets',
        message: 'expected at least 1 item, found none',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a missing title',
    text: yamlWith((d) => delete d.article.title),
    errors: [
      {
        path: 'article.title',
        message: 'required field is missing (expected a non-empty string)',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    // UTF-8, what Neo4j stores, cannot hold half a surrogate pair: it would read back as U+FFFD.
    name: 'a lone surrogate, escaped in JSON',
    file: 'bad.json',
    text: JSON.stringify({ ...validDoc(), article: { ...validDoc().article, title: 'a\uD800b' } }),
    errors: [
      {
        path: 'article.title',
        message:
          'expected well-formed Unicode text, found a lone surrogate (U+D800) at character 2',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a lone surrogate, escaped in YAML, and one in a key',
    text: yamlWith((d) => {
      d.entities[0]!.name = 'Simon \uDC00';
    })
      .replace("name: 'Simon \\uDC00'", 'name: "Simon \\uDC00"')
      .replace('title: Test article', '"t\\uDBFFitle": Test article'),
    errors: [
      {
        path: 'entities[0].name',
        message: 'found a lone surrogate (U+DC00) at character 7',
        code: 'INVALID_VALUE',
      },
      {
        path: 'article',
        message: 'found a key with a lone surrogate',
        code: 'INVALID_VALUE',
      },
    ],
  },
  {
    name: 'a URL that is not http',
    text: yamlWith((d) => (d.article.url = 'ftp://example.com/a')),
    errors: [
      {
        path: 'article.url',
        message: 'expected an http or https URL, found "ftp://example.com/a"',
        code: 'INVALID_VALUE',
      },
    ],
  },
];

describe('validateArticleText rejects bad files', () => {
  it.each(badCases)('$name', ({ file = 'bad.yaml', text, errors }) => {
    const issues = errorsOf(validateArticleText(text, file));
    for (const want of errors) {
      expect(issues).toContainEqual(
        expect.objectContaining({
          file,
          path: want.path,
          code: want.code,
          message: expect.stringContaining(want.message),
        }),
      );
    }
    expect(issues).toHaveLength(errors.length);
  });

  it('rejects a file over 5 MB before parsing it, counting bytes, not characters', () => {
    const text = 'é'.repeat(3 * 1024 * 1024); // 3 Mi characters, 6 MiB in UTF-8
    const issues = errorsOf(validateArticleText(text, 'big.yaml'));
    expect(issues).toEqual([
      {
        file: 'big.yaml',
        path: '(file)',
        code: 'FILE_TOO_LARGE',
        message: `the file is 6.0 MB (6291456 bytes); the limit is 5.0 MB (${MAX_ARTICLE_BYTES} bytes)`,
      },
    ]);
  });

  it('quotes at most 100 characters of the token a syntax error stops at', () => {
    // A JSON article written as a YAML list item: YAML stops at the 1 MB double-quoted scalar.
    const long = `long${'İ'.repeat(1024 * 1024)}`;
    const text = `\n  - ${JSON.stringify({ format: 'kg-article/1', article: { title: long } }, null, 1)}`;
    const issues = errorsOf(validateArticleText(text, 'cut.yaml'));
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.code).toBe('SYNTAX_ERROR');
      expect(issue.message.length).toBeLessThan(400);
      expect(issue.message).not.toContain('İ'.repeat(101));
    }
    expect(issues.some((i) => i.message.includes(`${'İ'.repeat(90)}… (1048584 characters)`))).toBe(
      true,
    );
  });

  it('lists the first 20 YAML syntax problems of a file and counts the rest', () => {
    // A stray character at the start of every line: each line is a problem of its own.
    const lines = Array.from({ length: 500 }, (_, i) => `  - id: e${i}`);
    const text = ['format: kg-article/1', 'entities:', ...lines].join('\n\u0000');
    const issues = errorsOf(validateArticleText(text, 'stray.yaml'));
    expect(issues).toHaveLength(21);
    expect(issues.every((i) => i.code === 'SYNTAX_ERROR')).toBe(true);
    expect(issues.at(-1)!.message).toMatch(/^invalid YAML: \d+ more problems from here on$/);
    expect(issues.at(-1)!.line).toBeGreaterThanOrEqual(issues.at(-2)!.line!);
  });

  it('lists the first 100 problems of a file and counts the rest', () => {
    const fields = Array.from({ length: 300 }, (_, i) => `unknown${i}: value`);
    const text = ['format: kg-article/1', ...fields].join('\n');
    const issues = errorsOf(validateArticleText(text, 'many.yaml'));
    expect(issues).toHaveLength(101);
    expect(issues.filter((i) => i.code === 'UNKNOWN_FIELD')).toHaveLength(100);
    expect(issues[99]!.message).toContain('unknown field "unknown98"');
    expect(issues[100]).toMatchObject({
      path: 'unknown99',
      line: 101,
      message: '201 more problems from here on (only the first 100 of a file are listed)',
    });
  });

  it('reports every problem of a file at once, in file order, with lines', () => {
    const text = yamlWith((d) => {
      d.claims[0]!.stance = 'DISMISS';
      d.claims[0]!.quote = 'not in the text';
      d.entities[1]!.type = 'Company';
      d.facts.push({ type: 'HOSTED', from: 'blue-pill', to: 'a-dinner' });
    });
    const issues = errorsOf(validateArticleText(text, 'many.yaml'));
    expect(issues.map((i) => i.path)).toEqual([
      'entities[1].type',
      'facts[1].from',
      'claims[0].stance',
      'claims[0].quote',
    ]);
    const lines = text.split('\n');
    for (const issue of issues) {
      const key = issue.path.split('.').at(-1)!;
      expect(lines[issue.line! - 1]).toContain(`${key}:`);
    }
  });

  it('locates issues in JSON files too', () => {
    const text = JSON.stringify(validDoc(), null, 2).replace('"DISMISSES"', '"DISMISS"');
    const [issue] = errorsOf(validateArticleText(text, 'a.json'));
    const line = text.split('\n').findIndex((l) => l.includes('"stance": "DISMISS"')) + 1;
    expect(issue).toMatchObject({ path: 'claims[0].stance', line, column: 7 });
  });
});

describe('validateArticleText accepts good files', () => {
  it('accepts the smallest article, with empty entities, facts and claims', () => {
    const result = validateArticleText(fixture('minimal.yaml'), 'minimal.yaml');
    expect(result).toEqual({
      ok: true,
      article: {
        format: 'kg-article/1',
        article: { id: 'article-minimal', title: 'A minimal article', publishedAt: '2008' },
        entities: [],
        facts: [],
        claims: [],
      },
      references: [],
      locate: expect.any(Function),
    });
  });

  it('accepts a JSON file and lists the ids it leaves to the graph', () => {
    const result = validateArticleText(fixture('small-article.json'), 'small-article.json');
    expect(result).toMatchObject({ ok: true, references: ['proprietary-code', 'xensource'] });
  });

  it('accepts the same article as .yaml, .yml and .json', () => {
    for (const [file, text] of [
      ['a.yaml', yamlWith(() => {})],
      ['a.YML', yamlWith(() => {})],
      ['a.json', JSON.stringify(validDoc())],
    ] as const) {
      expect(validateArticleText(text, file)).toMatchObject({ ok: true, references: [] });
    }
  });

  it('compares quotes loosely in whitespace and quotation marks, exactly otherwise', () => {
    const text = yamlWith((d) => {
      d.article.text = 'He said: “Blue Pill is\n   of no ‘real’ concern.”';
      d.claims[0]!.quote = `"Blue Pill is of no 'real' concern."`;
    });
    expect(validateArticleText(text, 'a.yaml').ok).toBe(true);
  });

  it('does not check quotes when the text is absent', () => {
    const text = yamlWith((d) => {
      delete d.article.text;
      d.claims[0]!.quote = 'anything at all';
    });
    expect(validateArticleText(text, 'a.yaml').ok).toBe(true);
  });

  it('does not reject a validTo that is only less precise than validFrom', () => {
    const text = yamlWith((d) =>
      Object.assign(d.facts[0]!, { validFrom: '2008-03', validTo: '2008' }),
    );
    expect(validateArticleText(text, 'a.yaml').ok).toBe(true);
  });

  it('accepts a byte order mark and a $schema field', () => {
    const text = `\uFEFF${yamlWith((d) => Object.assign(d, { $schema: '../schema/article.schema.json' }))}`;
    expect(validateArticleText(text, 'a.yaml').ok).toBe(true);
  });

  it('allows references to ids the file does not declare, and lists them sorted', () => {
    const text = yamlWith((d) => {
      d.entities = [];
      d.facts.push({ type: 'PART_OF', from: 'xensource', to: 'citrix' });
    });
    const result = validateArticleText(text, 'a.yaml');
    expect(result).toMatchObject({
      ok: true,
      references: ['a-dinner', 'blue-pill', 'citrix', 'simon-crosby', 'xensource'],
    });
  });
});

describe('checkReferences', () => {
  const article = () => {
    const result = validateArticleText(fixture('small-article.json'), 'small-article.json');
    if (!result.ok) throw new Error('the fixture should be valid');
    return result.article;
  };

  it('passes when the graph knows every reference with a fitting type', () => {
    const known = new Map([
      ['xensource', 'Organization'],
      ['proprietary-code', 'Topic'],
    ] as const);
    expect(checkReferences('a.json', article(), known)).toEqual([]);
  });

  it('reports ids found neither in the file nor in the graph', () => {
    const issues = checkReferences('a.json', article(), new Map([['xensource', 'Organization']]));
    expect(issues).toEqual([
      {
        file: 'a.json',
        path: 'claims[0].targets[1].id',
        code: 'UNKNOWN_REFERENCE',
        message: 'unknown id "proprietary-code": not declared in this file and not in the graph',
      },
    ]);
  });

  it('reports references whose type in the graph does not fit', () => {
    const known = new Map([
      ['xensource', 'Person'],
      ['proprietary-code', 'Topic'],
    ] as const);
    const issues = checkReferences('a.json', article(), known);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['facts[0].representing', 'WRONG_ENTITY_TYPE'],
      ['facts[1].to', 'WRONG_ENTITY_TYPE'],
      ['claims[0].speakers[0].organization', 'WRONG_ENTITY_TYPE'],
    ]);
  });

  it('reports an entity the file declares with another type than the graph has', () => {
    const known = new Map([
      ['simon-crosby', 'Organization'],
      ['xensource', 'Organization'],
      ['proprietary-code', 'Topic'],
    ] as const);
    const issues = checkReferences('a.json', article(), known);
    expect(issues).toContainEqual({
      file: 'a.json',
      path: 'entities[0].type',
      code: 'WRONG_ENTITY_TYPE',
      message:
        'expected Organization ("simon-crosby" is an Organization in the graph), found Person',
    });
  });
});

describe('formatIssue', () => {
  it('prints the file, the path, the line and the message on one line', () => {
    const [issue] = errorsOf(
      validateArticleText(
        yamlWith((d) => (d.claims[0]!.stance = 'DISMISS')),
        'seed/a.yaml',
      ),
    );
    expect(formatIssue(issue!)).toMatch(
      /^seed\/a\.yaml: claims\[0\]\.stance \(line \d+\): expected one of ASSERTS, .*, found "DISMISS"$/,
    );
  });

  it('does not repeat the position of a syntax error', () => {
    const [issue] = errorsOf(validateArticleText('{', 'a.json'));
    expect(formatIssue(issue!)).toBe(
      `a.json: line 1, column 2: invalid JSON: expected a property name in double quotes, found the end of the file`,
    );
  });
});

describe('long keys', () => {
  // Found by the import fuzz test: a 1 MB key came back whole, in the path and in the message.
  const key = `zz${'k'.repeat(100_000)}`;
  const cut = `"zz${'k'.repeat(58)}…" (100002 characters)`;

  it('an unknown field quotes the start of its name, in its path and its message', () => {
    const doc = validDoc();
    doc.facts[0]![key] = 1;
    const result = validateArticleText(stringify(doc), 'long-key.yaml');
    expect(result.ok).toBe(false);
    const [issue] = (result as { errors: ValidationIssue[] }).errors;
    expect(issue).toMatchObject({ code: 'UNKNOWN_FIELD', path: `facts[0][${cut}]` });
    expect(issue!.message.length).toBeLessThan(300);
  });

  it('a key repeated in JSON is quoted by its start', () => {
    const text = `{"format": "kg-article/1", "${key}": 1, "${key}": 2}`;
    const result = validateArticleText(text, 'long-key.json');
    const [issue] = (result as { errors: ValidationIssue[] }).errors;
    expect(issue).toMatchObject({ code: 'SYNTAX_ERROR' });
    expect(issue!.message.length).toBeLessThan(300);
  });
});
