import { describe, expect, it } from 'vitest';
import {
  BackupReader,
  endLine,
  headerLine,
  unstorableReason,
} from '../../src/backup/backup-format.ts';
import { toNeo4jProperties } from '../../src/db/values.ts';
import neo4j from 'neo4j-driver';

const header = headerLine({ createdAt: '2026-12-02T10:00:00.000Z', kg: '0.1.0', neo4j: '5.26.30' });
const node = (id: string, labels = ['Node', 'Person'], properties: object = {}) =>
  JSON.stringify({ kind: 'node', labels, properties: { id, ...properties } });
const rel = (type: string, from: string, to: string, properties: object = {}) =>
  JSON.stringify({ kind: 'relationship', type, from, to, properties });

/** Reads every line; answers the counts, or the message of the first problem. */
function readAll(lines: string[]): string | { nodes: number; relationships: number } {
  const reader = new BackupReader();
  try {
    for (const line of lines) reader.read(line);
    return reader.finish();
  } catch (error) {
    return (error as Error).message;
  }
}

const good = [
  header,
  node('alice'),
  node('acme', ['Organization', 'Node']),
  node('alice-smith', ['Redirect'], { by: 'merge', names: ['Alice Smith'] }),
  rel('WORKS_FOR', 'alice', 'acme', { sources: ['article-1'], role: 'CTO' }),
  rel('REDIRECTS_TO', 'alice-smith', 'alice'),
  endLine({ nodes: 3, relationships: 2 }),
];

describe('BackupReader', () => {
  it('reads a whole backup and counts its lines', () => {
    expect(readAll(good)).toEqual({ nodes: 3, relationships: 2 });
  });

  it('reads a plain export (no header, no end line) as such', () => {
    const reader = new BackupReader();
    for (const line of good.slice(1, -1)) reader.read(line);
    expect(reader.finish()).toEqual({ nodes: 3, relationships: 2 });
    expect(reader.kind).toBe('export');
  });

  it('hands back the node and relationship of a line, labels sorted', () => {
    const reader = new BackupReader();
    reader.read(header);
    reader.read(node('alice'));
    expect(reader.read(node('acme', ['Organization', 'Node']))).toEqual({
      kind: 'node',
      labels: ['Node', 'Organization'],
      id: 'acme',
      properties: { id: 'acme' },
    });
    expect(reader.read(rel('WORKS_FOR', 'alice', 'acme', { validFrom: '2008-03' }))).toEqual({
      kind: 'relationship',
      type: 'WORKS_FOR',
      from: 'alice',
      to: 'acme',
      properties: { validFrom: '2008-03' },
    });
  });

  const broken: [string, (lines: string[]) => string[], RegExp][] = [
    ['bad JSON', (l) => l.with(2, '{"kind":"node",'), /^line 3: not JSON/],
    ['a line that is not an object', (l) => l.with(2, '[1,2]'), /^line 3: expected a JSON object/],
    ['an empty line', (l) => l.with(2, ''), /^line 3: an empty line/],
    ['an unknown kind', (l) => l.with(2, '{"kind":"edge"}'), /^line 3: unknown kind "edge"/],
    [
      'an unknown label',
      (l) => l.with(1, node('alice', ['Node', 'Spaceship'])),
      /^line 2: unknown labels \["Node","Spaceship"\]: expected one of .*Node\+Person/,
    ],
    [
      'a label that could inject Cypher',
      (l) => l.with(1, node('alice', ['Node', 'Person`) DETACH DELETE (n'])),
      /^line 2: unknown labels/,
    ],
    [
      'a type without :Node',
      (l) => l.with(1, node('alice', ['Person'])),
      /^line 2: unknown labels \["Person"\]/,
    ],
    [
      'the bookkeeping label GraphVersion',
      (l) => l.with(1, node('graph', ['GraphVersion'])),
      /^line 2: unknown labels/,
    ],
    [
      'an unknown relationship type',
      (l) => l.with(4, rel('OWNS', 'alice', 'acme')),
      /^line 5: unknown relationship type "OWNS": expected one of WORKS_FOR/,
    ],
    [
      'a relationship to a node no line has',
      (l) => l.with(4, rel('WORKS_FOR', 'alice', 'nobody')),
      /^line 5: WORKS_FOR to "nobody", which no node line before it has/,
    ],
    [
      'a relationship before the node it starts at',
      (l) => [l[0]!, l[4]!, ...l.slice(1, 4), ...l.slice(5)],
      /^line 2: WORKS_FOR from "alice", which no node line before it has/,
    ],
    [
      'a node after the relationships',
      (l) => [...l.slice(0, 5), node('late'), ...l.slice(5)],
      /^line 6: a node after the relationships/,
    ],
    [
      'a fact from a redirect',
      (l) => l.with(4, rel('WORKS_FOR', 'alice-smith', 'acme')),
      /^line 5: WORKS_FOR from "alice-smith", which is a Redirect/,
    ],
    [
      'a redirect to a redirect',
      (l) => l.with(5, rel('REDIRECTS_TO', 'alice-smith', 'alice-smith')),
      /^line 6: REDIRECTS_TO to "alice-smith", which is a Redirect/,
    ],
    [
      'a node without an id',
      (l) =>
        l.with(1, JSON.stringify({ kind: 'node', labels: ['Node', 'Person'], properties: {} })),
      /^line 2: a node without a string "id"/,
    ],
    [
      'two nodes with one id',
      (l) => l.with(2, node('alice')),
      /^line 3: a second node with the id "alice"/,
    ],
    [
      'a map as a property',
      (l) => l.with(1, node('alice', ['Node', 'Person'], { born: { year: 1970 } })),
      /^line 2: property "born" is a map: Neo4j stores strings, numbers, booleans and lists of them/,
    ],
    [
      'null as a property',
      (l) => l.with(1, node('alice', ['Node', 'Person'], { name: null })),
      /^line 2: property "name" is null/,
    ],
    [
      'a list mixing types',
      (l) => l.with(1, node('alice', ['Node', 'Person'], { aliases: ['A', 1] })),
      /^line 2: property "aliases" is a list mixing types/,
    ],
    [
      'a list of lists',
      (l) => l.with(4, rel('WORKS_FOR', 'alice', 'acme', { sources: [['a']] })),
      /^line 5: property "sources" is a list holding a list/,
    ],
    [
      'an integer past 2^53',
      (l) => l.with(1, node('alice', ['Node', 'Person'], { views: 2 ** 60 })),
      /^line 2: property "views" is the integer .* past 2\^53/,
    ],
    [
      'an unexpected key',
      (l) =>
        l.with(
          1,
          JSON.stringify({
            kind: 'node',
            labels: ['Node', 'Person'],
            properties: { id: 'alice' },
            x: 1,
          }),
        ),
      /^line 2: unexpected "x"/,
    ],
    [
      'a newer format',
      (l) => l.with(0, header.replace('kg-backup/1', 'kg-backup/2')),
      /^line 1: the format is kg-backup\/2; this kg reads kg-backup\/1/,
    ],
    [
      'a file that is neither a backup nor an export',
      () => ['{"kind":"article"}'],
      /^line 1: expected a kg-backup\/1 header .*: this is not a backup/,
    ],
    ['a header past line 1', (l) => l.with(1, header), /^line 2: unknown kind "backup"/],
    [
      'a backup cut short before its end line',
      (l) => l.slice(0, -1),
      /^line 6: the file ends before its end line .*cut short/,
    ],
    [
      'an end line whose counts differ',
      (l) => l.with(6, endLine({ nodes: 3, relationships: 3 })),
      /^line 7: the end line counts 3 nodes and 3 relationships, the file holds 3 and 2/,
    ],
    [
      'a line after the end line',
      (l) => [...l, node('late')],
      /^line 8: a line after the end line/,
    ],
    ['an empty file', () => [], /^The file is empty/],
  ];

  it.each(broken)('refuses %s, naming the line', (_name, change, expected) => {
    expect(readAll(change(good))).toMatch(expected);
  });
});

describe('property values', () => {
  it('takes what Neo4j stores', () => {
    for (const value of ['2008-03-11', '', 3, -2.5, true, [], ['a'], [1, 2], [false]]) {
      expect(unstorableReason(value)).toBeUndefined();
    }
  });

  it('turns whole numbers into Neo4j integers and leaves the rest', () => {
    const converted = toNeo4jProperties({
      count: 3,
      ratio: 0.5,
      years: [2008, 2009],
      day: '2008-03-11',
      aliases: [],
    });
    expect(neo4j.isInt(converted.count)).toBe(true);
    expect(converted.ratio).toBe(0.5);
    expect((converted.years as unknown[]).every((v) => neo4j.isInt(v))).toBe(true);
    expect(converted.day).toBe('2008-03-11');
    expect(converted.aliases).toEqual([]);
  });
});
