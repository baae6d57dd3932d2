import { canonicalJson } from '../model/canonical-json.ts';
import { UserError } from '../model/errors.ts';
import {
  IDENTIFIED_LABEL,
  NODE_TYPES,
  RELATIONSHIP_TYPES,
  REDIRECT_LABEL,
} from '../model/vocabulary.ts';

/**
 * The backup format, kg-backup/1: JSON Lines. Line 1 is a header that says what the file is;
 * then the lines of `kg export` (nodes by id, then relationships; src/ingest/export.ts); the last
 * line counts them, so a file cut short at a line's end is told from a whole one. The checks here
 * are pure: each line is parsed, its labels and type held against the closed vocabulary, its
 * property values against what Neo4j can store, and its relationships against the nodes before
 * them, so that restore writes nothing from a file that fails any of them.
 */
export const BACKUP_FORMAT = 'kg-backup/1';

export interface BackupHeader {
  kind: 'backup';
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** The kg version that wrote it. */
  kg: string;
  /** The Neo4j version it was read from. */
  neo4j: string;
}

export interface BackupCounts {
  nodes: number;
  relationships: number;
}

export const headerLine = (header: Omit<BackupHeader, 'kind' | 'format'>): string =>
  canonicalJson({ kind: 'backup', format: BACKUP_FORMAT, ...header });

export const endLine = (counts: BackupCounts): string => canonicalJson({ kind: 'end', ...counts });

/** A property value as JSON gives it: Neo4j stores these (integers become integers again). */
export type PropertyValue = string | number | boolean | string[] | number[] | boolean[];
export type Properties = Record<string, PropertyValue>;

export interface NodeLine {
  kind: 'node';
  /** Sorted: ["Node", <type>] for an identified node, ["Redirect"] for a redirect. */
  labels: string[];
  id: string;
  properties: Properties;
}

export interface RelationshipLine {
  kind: 'relationship';
  type: string;
  from: string;
  to: string;
  properties: Properties;
}

export type ContentLine = NodeLine | RelationshipLine;

/** A line that cannot be restored: the message starts with its line number. */
export class BackupLineError extends UserError {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`, 'BAD_BACKUP');
  }
}

const NODE_LABEL_SETS = new Map<string, string[]>([
  [REDIRECT_LABEL, [REDIRECT_LABEL]],
  ...NODE_TYPES.map((type): [string, string[]] => {
    const labels = [IDENTIFIED_LABEL, type].sort();
    return [labels.join(','), labels];
  }),
]);
const RELATIONSHIP_TYPE_SET = new Set<string>(RELATIONSHIP_TYPES);
const REDIRECTS_TO = 'REDIRECTS_TO';

/** Why Neo4j cannot store `value` as a property, or undefined when it can. */
export function unstorableReason(value: unknown): string | undefined {
  if (value === null) return 'null, which Neo4j does not store as a property';
  if (Array.isArray(value)) {
    const kinds = new Set(value.map(scalarKind));
    if (kinds.has(undefined)) {
      const bad = value.find((v) => scalarKind(v) === undefined);
      return `a list holding ${describe(bad)}: Neo4j stores lists of strings, numbers or booleans only`;
    }
    if (kinds.size > 1) return 'a list mixing types: Neo4j stores lists of one type only';
    for (const v of value) {
      const reason = numberReason(v);
      if (reason) return `a list holding ${reason}`;
    }
    return undefined;
  }
  if (scalarKind(value) === undefined) {
    return `${describe(value)}: Neo4j stores strings, numbers, booleans and lists of them`;
  }
  return numberReason(value);
}

function scalarKind(value: unknown): 'string' | 'number' | 'boolean' | undefined {
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'boolean' ? kind : undefined;
}

function numberReason(value: unknown): string | undefined {
  if (typeof value !== 'number') return undefined;
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return `the integer ${value}, past 2^53: JSON cannot carry it exactly`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads a backup (or a plain `kg export`) line by line, in order, holding only the ids of the
 * nodes seen so far. `read` returns the node or relationship on a line (undefined for the header
 * and the end line) or throws a BackupLineError; `finish` checks that the file was whole.
 */
export class BackupReader {
  /** "backup" once line 1 was a kg-backup/1 header; "export" when it was a node or relationship. */
  kind: 'backup' | 'export' | undefined;
  header: BackupHeader | undefined;
  readonly counts: BackupCounts = { nodes: 0, relationships: 0 };
  private lineNumber = 0;
  private ended = false;
  /** Every node id, and whether it is a redirect. */
  private readonly ids = new Map<string, boolean>();

  read(text: string): ContentLine | undefined {
    const n = ++this.lineNumber;
    const fail = (problem: string): never => {
      throw new BackupLineError(n, problem);
    };
    if (this.ended) fail('a line after the end line ("kind": "end")');
    if (text.trim() === '') fail('an empty line');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      fail(`not JSON (${(error as Error).message})`);
    }
    if (!isObject(value) || typeof value.kind !== 'string') {
      fail('expected a JSON object with a "kind"');
    }
    const line = value as Record<string, unknown>;
    if (n === 1) {
      if (line.kind === 'backup') {
        this.kind = 'backup';
        this.header = this.readHeader(line, fail);
        return undefined;
      }
      if (line.kind !== 'node' && line.kind !== 'relationship') {
        fail(
          `expected a ${BACKUP_FORMAT} header ("kind": "backup") or a node: this is not a backup`,
        );
      }
      this.kind = 'export';
    }
    switch (line.kind) {
      case 'node':
        return this.readNode(line, fail);
      case 'relationship':
        return this.readRelationship(line, fail);
      case 'end':
        return this.readEnd(line, fail);
      default:
        return fail(`unknown kind ${JSON.stringify(line.kind)}`);
    }
  }

  /** Throws when the file stopped before its end line (a backup) or held nothing. */
  finish(): BackupCounts {
    if (this.lineNumber === 0)
      throw new UserError('The file is empty: not a backup.', 'BAD_BACKUP');
    if (this.kind === 'backup' && !this.ended) {
      throw new BackupLineError(
        this.lineNumber,
        'the file ends before its end line ("kind": "end"): it was cut short',
      );
    }
    return { ...this.counts };
  }

  private readHeader(line: Record<string, unknown>, fail: (problem: string) => never) {
    if (line.format !== BACKUP_FORMAT) {
      fail(
        typeof line.format === 'string' && line.format.startsWith('kg-backup/')
          ? `the format is ${line.format}; this kg reads ${BACKUP_FORMAT} (a newer kg wrote it?)`
          : `expected "format": "${BACKUP_FORMAT}"`,
      );
    }
    return line as unknown as BackupHeader;
  }

  private readNode(line: Record<string, unknown>, fail: (problem: string) => never): NodeLine {
    this.only(line, ['kind', 'labels', 'properties'], fail);
    if (this.counts.relationships > 0) fail('a node after the relationships');
    const labels = line.labels;
    if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) {
      fail('expected "labels": a list of strings');
    }
    const known = NODE_LABEL_SETS.get((labels as string[]).slice().sort().join(','));
    if (!known) {
      const allowed = [...NODE_LABEL_SETS.values()].map((set) => set.join('+')).join(', ');
      fail(`unknown labels ${JSON.stringify(labels)}: expected one of ${allowed}`);
    }
    const properties = this.properties(line.properties, fail);
    const id = properties.id;
    if (typeof id !== 'string' || id === '') fail('a node without a string "id" property');
    if (this.ids.has(id as string)) fail(`a second node with the id ${JSON.stringify(id)}`);
    this.ids.set(id as string, known![0] === REDIRECT_LABEL);
    this.counts.nodes++;
    return { kind: 'node', labels: known!, id: id as string, properties };
  }

  private readRelationship(
    line: Record<string, unknown>,
    fail: (problem: string) => never,
  ): RelationshipLine {
    this.only(line, ['kind', 'type', 'from', 'to', 'properties'], fail);
    const { type, from, to } = line;
    if (typeof type !== 'string' || !RELATIONSHIP_TYPE_SET.has(type)) {
      fail(
        `unknown relationship type ${JSON.stringify(type)}: expected one of ${RELATIONSHIP_TYPES.join(', ')}`,
      );
    }
    for (const [end, id] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (typeof id !== 'string') fail(`expected "${end}": a node id`);
      const redirect = this.ids.get(id as string);
      if (redirect === undefined) {
        fail(`${type as string} ${end} ${JSON.stringify(id)}, which no node line before it has`);
      }
      // A redirect points at an identified node, and only REDIRECTS_TO starts at a redirect.
      const expectRedirect = end === 'from' && type === REDIRECTS_TO;
      if (redirect !== expectRedirect) {
        fail(
          `${type as string} ${end} ${JSON.stringify(id)}, which is ${redirect ? 'a Redirect' : 'not a Redirect'}`,
        );
      }
    }
    const properties = this.properties(line.properties, fail);
    this.counts.relationships++;
    return {
      kind: 'relationship',
      type: type as string,
      from: from as string,
      to: to as string,
      properties,
    };
  }

  private readEnd(line: Record<string, unknown>, fail: (problem: string) => never): undefined {
    if (this.kind !== 'backup') fail('an end line in a file without a backup header');
    const { nodes, relationships } = this.counts;
    if (line.nodes !== nodes || line.relationships !== relationships) {
      fail(
        `the end line counts ${String(line.nodes)} nodes and ${String(line.relationships)} relationships, ` +
          `the file holds ${nodes} and ${relationships}`,
      );
    }
    this.ended = true;
    return undefined;
  }

  private properties(value: unknown, fail: (problem: string) => never): Properties {
    if (!isObject(value)) return fail('expected "properties": an object');
    for (const [key, v] of Object.entries(value)) {
      const reason = unstorableReason(v);
      if (reason) fail(`property ${JSON.stringify(key)} is ${reason}`);
    }
    return value as Properties;
  }

  private only(line: Record<string, unknown>, keys: string[], fail: (problem: string) => never) {
    const extra = Object.keys(line).filter((k) => !keys.includes(k));
    if (extra.length > 0) fail(`unexpected ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  }
}
