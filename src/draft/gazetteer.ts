/**
 * The graph as a gazetteer: the entities it already holds, found by a normalised name or alias
 * (as identity resolution matches them) or by id, so a mention is linked to an id instead of a
 * new one. Three sources: the graph (one read, src/draft/graph-gazetteer.ts), annotation files
 * (`kg draft --gazetteer`, the evaluation), or none.
 */
import type { ArticleFile } from '../ingest/format.ts';
import { documentReferences } from '../ingest/references.ts';
import { normalizeName } from '../model/names.ts';
import { ENTITY_TYPES, type EntityType } from '../model/vocabulary.ts';

export interface GazetteerEntry {
  readonly id: string;
  /** Unknown for an id referenced, never declared, by the files (a type its facts allow). */
  readonly type?: EntityType;
  readonly name?: string;
  readonly aliases: readonly string[];
}

export interface Gazetteer {
  /** The entries answering to one of these normalised names, or having one of these ids. */
  lookup(keys: readonly string[], ids: readonly string[]): Promise<GazetteerEntry[]>;
}

export const NO_GAZETTEER: Gazetteer = { lookup: () => Promise.resolve([]) };

/** An in-memory gazetteer over a list of entries. */
export function memoryGazetteer(entries: readonly GazetteerEntry[]): Gazetteer {
  const byKey = new Map<string, GazetteerEntry[]>();
  const byId = new Map<string, GazetteerEntry>();
  for (const entry of entries) {
    byId.set(entry.id, entry);
    for (const name of [entry.name, ...entry.aliases]) {
      if (!name) continue;
      const key = normalizeName(name);
      byKey.set(key, [...(byKey.get(key) ?? []), entry]);
    }
  }
  return {
    lookup: (keys, ids) => {
      const found = new Map<string, GazetteerEntry>();
      for (const key of keys) for (const e of byKey.get(key) ?? []) found.set(e.id, e);
      for (const id of ids) {
        const e = byId.get(id);
        if (e) found.set(id, e);
      }
      return Promise.resolve([...found.values()]);
    },
  };
}

/**
 * The entities annotation files declare (name, aliases, type), and the ids they only reference,
 * typed when their facts allow one type there (ACQUIRED: both ends are organizations).
 */
export function entriesFromArticles(files: readonly ArticleFile[]): GazetteerEntry[] {
  const declared = new Map<string, GazetteerEntry>();
  for (const file of files) {
    for (const e of file.entities) {
      const before = declared.get(e.id);
      declared.set(e.id, {
        id: e.id,
        type: e.type,
        name: e.name,
        aliases: [...new Set([...(before?.aliases ?? []), ...(e.aliases ?? [])])],
      });
    }
  }
  const referenced = new Map<string, Set<EntityType>>();
  for (const file of files) {
    for (const ref of documentReferences(file)) {
      const before = referenced.get(ref.id) ?? new Set(ENTITY_TYPES);
      referenced.set(ref.id, new Set([...before].filter((t) => ref.allowed.includes(t))));
    }
  }
  for (const [id, types] of referenced) {
    if (declared.has(id)) continue;
    const only = types.size === 1 ? [...types][0] : undefined;
    declared.set(id, { id, aliases: [], ...(only ? { type: only } : {}) });
  }
  return [...declared.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
