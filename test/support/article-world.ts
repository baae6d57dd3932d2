/**
 * Consistent sets of kg-article/1 files for property tests, generated with fast-check.
 *
 * A hidden "world" of true entities (each with a few ids and names) and true facts is drawn first;
 * each file is then an article that declares some of those entities (with one of their ids and
 * names), references entities that files with a smaller index declared, states some of the true
 * facts (with more, less or no date precision, sometimes a contradicting year) and reports claims
 * whose ids several files share. Every file is valid on its own, and the files in index order (or
 * in any order `validOrder` returns) can be imported one after the other.
 *
 * Everything is drawn as plain numbers and interpreted afterwards, so every shrink of the numbers
 * is again a consistent set.
 *
 * Guarantees:
 * - entity ids are kebab-case, unique across the world, and never `article-gen-*` or `claim-gen-*`;
 * - the normalised names (see `normaliseName`) of two different true entities never coincide,
 *   whatever their types: every name of an entity contains that entity's own surname-like token;
 * - a declaration of a true entity always gives its canonical name, as `name` or as an alias, and
 *   its true type; one file uses one id per true entity and declares it at most once;
 * - a fact never connects a true entity to itself, and one file never states the same true fact
 *   (type, true endpoints, role) twice.
 */
import fc from 'fast-check';
import { referencedIds } from '../../src/ingest/references.ts';
import { isBefore } from '../../src/model/dates.ts';
import type {
  ArticleFile,
  ArticleFileInput,
  Claim,
  Entity,
  Fact,
  SpeakerRef,
  TargetRef,
} from '../../src/ingest/format.ts';
import {
  EVENT_KINDS,
  ORGANIZATION_KINDS,
  PLACE_KINDS,
  STANCE_NAMES,
  TOPIC_KINDS,
  type EntityType,
} from '../../src/model/vocabulary.ts';

export interface GeneratedFile {
  /** The file name, e.g. `gen-03.yaml`. */
  name: string;
  document: ArticleFileInput;
}

/** A true entity of the hidden world. */
export interface WorldEntity {
  /** Every id it may be declared or referenced by (1 to 3). */
  ids: string[];
  type: EntityType;
  /** Its canonical name first, then its alternative names (0 to 2). */
  names: string[];
}

export interface GeneratedSet {
  /** In index order, which is a valid import order. */
  files: GeneratedFile[];
  world: WorldEntity[];
}

export interface ArticleSetOptions {
  minFiles?: number;
  maxFiles?: number;
}

/**
 * A simple name normaliser, independent of the importer's: NFKD, accents dropped, lowercase, every
 * run of characters other than letters and digits turned into one space, trimmed.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const slug = (text: string): string => normaliseName(text).replaceAll(' ', '-');

// ---------------------------------------------------------------------------------------------
// Word pools. Each true entity gets its own token (a surname-like word, unique to it) and every
// one of its names and ids contains that token as a whole word, so no two entities can share a
// normalised name or an id. No token is a word of the other pools.

const TOKENS = [
  'Alder',
  'Birchley',
  'Cárdenas',
  'Dunmore',
  'Ellery',
  'Falkner',
  'Garrow',
  'Hollis',
  'Jessop',
  'Kestrel',
  'Lowry',
  'Marlow',
  'Núñez',
  'Okafor',
  'Pryce',
  'Quillon',
  'Renshaw',
  'Thorne',
  'Vance',
  'Whitlock',
  'Yardley',
  'Zöller',
] as const;
const GIVEN_NAMES = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Greta', 'Hugo'] as const;
const ORGANIZATION_WORDS = ['Systems', 'Labs', 'Networks', 'Software', 'Research'] as const;
const TOPIC_WORDS = ['Protocol', 'Engine', 'Hypervisor', 'Framework', 'Attack'] as const;
const EVENT_WORDS = ['Summit', 'Dinner', 'Forum', 'Keynote', 'Launch'] as const;
const PLACE_WORDS = ['Harbor', 'Hall', 'Springs', 'Valley', 'Center'] as const;

const WORLD_TYPES = ['Person', 'Organization', 'Topic', 'Event', 'Place'] as const;

/** Days events happen and facts start on; files give them as a year, a month or the day. */
const EVENT_DAYS = ['2005-10-03', '2006-05-14', '2006-11-02', '2007-02-20', '2008-03-11'];
const FACT_DAYS = ['2005-09-12', '2006-05-14', '2006-11-02', '2007-02-20', '2007-09-09'];
/** Days a WORKS_FOR ends on, all after every FACT_DAYS. */
const END_DAYS = ['2007-12-31', '2008-03-11', '2008-12-01'];
/** Publication and claim dates: equal and overlapping dates are common. */
const DATES = ['2006', '2006-05', '2006-05-14', '2006-11', '2007', '2007-02', '2007-02-20', '2008'];

const PUBLISHERS = ['Test Gazette', 'Server Weekly', 'The Daily Stack'];
const TITLE_WORDS = ['News on', 'A closer look at', 'Rumours about', 'An interview about'];
const DESCRIPTIONS = ['Often in the news.', 'A name that comes up a lot.', 'Mentioned in passing.'];
const WORK_ROLES = ['CTO', 'engineer', 'CEO', 'analyst'];
const EVENT_ROLES = ['speaker', 'panelist', 'host'];
const SPEAKER_ROLES = ['CTO', 'founder', 'spokesperson'];
/** Claim ids come from a small pool, so several files report the same claim. */
const CLAIM_IDS = 4;

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
const rotate = <T>(list: readonly T[], n: number): T[] => {
  const k = list.length === 0 ? 0 : n % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
};
const pad = (n: number) => String(n).padStart(2, '0');

/** A day as a year (1), a month (2) or the day itself (3). */
function withPrecision(day: string, precision: 1 | 2 | 3): string {
  return day.slice(0, precision === 1 ? 4 : precision === 2 ? 7 : 10);
}

/** How a file dates a fact: not at all, as a year, a month, the day, or a year later (wrong). */
function dateVariant(day: string, choice: number): string | undefined {
  const k = choice % 5;
  if (k === 0) return undefined;
  if (k === 4) return String(Number(day.slice(0, 4)) + 1);
  return withPrecision(day, k as 1 | 2 | 3);
}

// ---------------------------------------------------------------------------------------------
// The raw draws

const rawEntity = fc.record({
  type: fc.constantFrom(...WORLD_TYPES),
  word: fc.nat(),
  day: fc.nat(),
  idCount: fc.integer({ min: 1, max: 3 }),
  idOrder: fc.nat(),
  altCount: fc.integer({ min: 0, max: 2 }),
  altOrder: fc.nat(),
});
type RawEntity = typeof rawEntity extends fc.Arbitrary<infer T> ? T : never;

const rawPoolFact = fc.record({
  type: fc.nat(),
  from: fc.nat(),
  to: fc.nat(),
  role: fc.nat(),
  representing: fc.nat(),
  day: fc.nat(),
  dayTo: fc.nat(),
});
type RawPoolFact = typeof rawPoolFact extends fc.Arbitrary<infer T> ? T : never;

const rawWorld = fc.record({
  tokenOffset: fc.nat(),
  entities: fc.array(rawEntity, { minLength: 6, maxLength: 14 }),
  facts: fc.array(rawPoolFact, { minLength: 3, maxLength: 10 }),
});
type RawWorld = typeof rawWorld extends fc.Arbitrary<infer T> ? T : never;

/** How the k-th declaration of a file is written. */
const rawStyle = fc.record({
  id: fc.nat(),
  nameMode: fc.nat(),
  aliasMask: fc.nat(),
  kind: fc.nat(),
  date: fc.nat(),
  description: fc.nat(),
});
type RawStyle = typeof rawStyle extends fc.Arbitrary<infer T> ? T : never;

/** `how` decides whether an entity the file lacks is referenced (when it can be) or declared. */
const rawFactUse = fc.record({
  pick: fc.nat(),
  how: fc.nat(),
  id: fc.nat(),
  date: fc.nat(),
  dateTo: fc.nat(),
  representing: fc.boolean(),
});

const rawClaim = fc.record({
  id: fc.nat(),
  statement: fc.nat(),
  stance: fc.nat(),
  speakers: fc.array(
    fc.record({
      entity: fc.nat(),
      how: fc.nat(),
      id: fc.nat(),
      form: fc.nat(),
      role: fc.nat(),
      organization: fc.nat(),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  targets: fc.array(
    fc.record({ entity: fc.nat(), how: fc.nat(), id: fc.nat(), stance: fc.nat() }),
    { minLength: 1, maxLength: 2 },
  ),
  event: fc.nat(),
  eventHow: fc.nat(),
  date: fc.nat(),
});
type RawClaim = typeof rawClaim extends fc.Arbitrary<infer T> ? T : never;

const rawFile = fc.record({
  publishedAt: fc.nat(),
  publisher: fc.nat(),
  title: fc.nat(),
  declare: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  styles: fc.array(rawStyle, { minLength: 4, maxLength: 4 }),
  facts: fc.array(rawFactUse, { maxLength: 6 }),
  claims: fc.array(rawClaim, { maxLength: 3 }),
});
type RawFile = typeof rawFile extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------
// The world

interface TrueEntity extends WorldEntity {
  index: number;
  /** For an Event, the day it happened. */
  day: string;
}

function buildEntity(index: number, type: EntityType, token: string, raw: RawEntity): TrueEntity {
  const t = slug(token);
  const day = pick(EVENT_DAYS, raw.day);
  let name: string;
  let alternatives: string[];
  let ids: string[];
  switch (type) {
    case 'Person': {
      const given = pick(GIVEN_NAMES, raw.word);
      const g = slug(given);
      name = `${given} ${token}`;
      alternatives = [`${given[0]}. ${token}`, `${token}, ${given}`, `Dr. ${given} ${token}`];
      ids = [`${g}-${t}`, `${t}-${g}`, `${g[0]}-${t}`];
      break;
    }
    case 'Organization': {
      const word = pick(ORGANIZATION_WORDS, raw.word);
      name = `${token} ${word}`;
      alternatives = [token, `${token} ${word}, Inc.`, `${token} Consulting Group`];
      ids = [`${t}-${slug(word)}`, t, `${t}-inc`];
      break;
    }
    case 'Topic': {
      const word = pick(TOPIC_WORDS, raw.word);
      name = `${token} ${word}`;
      alternatives = [token, `Project ${token}`, `the ${token} ${word}`];
      ids = [`${t}-${slug(word)}`, t, `project-${t}`];
      break;
    }
    case 'Event': {
      const word = pick(EVENT_WORDS, raw.word);
      const year = day.slice(0, 4);
      name = `${token} ${word} ${year}`;
      alternatives = [
        `${token} ${word}`,
        `${year} ${token} ${word}`,
        `${token} ${word} of ${year}`,
      ];
      ids = [`${t}-${slug(word)}-${year}`, `${t}-${slug(word)}`, `${t}-${year}`];
      break;
    }
    case 'Place': {
      const word = pick(PLACE_WORDS, raw.word);
      name = `${token} ${word}`;
      alternatives = [token, `Greater ${token}`, `${token} ${word} Area`];
      ids = [`${t}-${slug(word)}`, t, `greater-${t}`];
      break;
    }
  }
  const seen = new Set([normaliseName(name)]);
  const names = [name];
  for (const alternative of rotate(alternatives, raw.altOrder).slice(0, raw.altCount)) {
    const key = normaliseName(alternative);
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(alternative);
  }
  return { index, type, ids: rotate(ids, raw.idOrder).slice(0, raw.idCount), names, day };
}

const POOL_FACT_TYPES = {
  WORKS_FOR: { from: ['Person'], to: ['Organization'] },
  CREATED: { from: ['Person', 'Organization'], to: ['Topic'] },
  PART_OF: { from: ['Organization'], to: ['Organization'] },
  ACQUIRED: { from: ['Organization'], to: ['Organization'] },
  PARTICIPATED_IN: { from: ['Person', 'Organization'], to: ['Event'] },
  HELD_AT: { from: ['Event'], to: ['Place'] },
  DISCUSSED: { from: ['Event'], to: ['Topic'] },
} as const satisfies Record<string, { from: EntityType[]; to: EntityType[] }>;
type PoolFactType = keyof typeof POOL_FACT_TYPES;
const POOL_FACT_TYPE_NAMES = Object.keys(POOL_FACT_TYPES) as PoolFactType[];

/** A true fact of the world, between true entities (by index). */
interface PoolFact {
  type: PoolFactType;
  from: number;
  to: number;
  role?: string;
  representing?: number;
  /** The true day it happened (CREATED, ACQUIRED) or started (WORKS_FOR). */
  day: string;
  /** The true day a WORKS_FOR ended, if it did. */
  dayTo?: string;
}

function buildPoolFacts(world: TrueEntity[], raws: RawPoolFact[]): PoolFact[] {
  const ofTypes = (types: readonly EntityType[], except: number) =>
    world.filter((e) => types.includes(e.type) && e.index !== except);
  const facts: PoolFact[] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    const type = pick(POOL_FACT_TYPE_NAMES, raw.type);
    const ends = POOL_FACT_TYPES[type];
    const froms = ofTypes(ends.from, -1);
    if (froms.length === 0) continue;
    const from = pick(froms, raw.from).index;
    const tos = ofTypes(ends.to, from);
    if (tos.length === 0) continue;
    const to = pick(tos, raw.to).index;
    const fact: PoolFact = { type, from, to, day: pick(FACT_DAYS, raw.day) };
    const roles =
      type === 'WORKS_FOR' ? WORK_ROLES : type === 'PARTICIPATED_IN' ? EVENT_ROLES : undefined;
    if (roles) {
      const k = raw.role % (roles.length + 1);
      if (k > 0) fact.role = roles[k - 1]!;
    }
    if (type === 'PARTICIPATED_IN') {
      const organizations = ofTypes(['Organization'], from);
      const k = raw.representing % (organizations.length + 1);
      if (k > 0) fact.representing = organizations[k - 1]!.index;
    }
    if (type === 'WORKS_FOR') {
      const k = raw.dayTo % (END_DAYS.length + 1);
      if (k > 0) fact.dayTo = END_DAYS[k - 1]!;
    }
    const key = `${type}|${from}|${to}|${fact.role ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    facts.push(fact);
  }
  return facts;
}

function buildWorld(raw: RawWorld): { world: TrueEntity[]; pool: PoolFact[] } {
  const world = raw.entities.map((entity, index) =>
    buildEntity(
      index,
      // Every type is present: the first five entities take one type each.
      index < WORLD_TYPES.length ? WORLD_TYPES[index]! : entity.type,
      pick(TOKENS, raw.tokenOffset + index),
      entity,
    ),
  );
  return { world, pool: buildPoolFacts(world, raw.facts) };
}

// ---------------------------------------------------------------------------------------------
// The files

/** One file's declaration of a true entity under `id`, written the way `style` says. */
function declaration(entity: TrueEntity, id: string, style: RawStyle): Entity {
  const [canonical, ...alternatives] = entity.names as [string, ...string[]];
  const chosen = alternatives.filter((_, i) => ((style.aliasMask >> i) & 1) === 1);
  const mode = style.nameMode % (alternatives.length + 1);
  const name = mode === 0 ? canonical : alternatives[mode - 1]!;
  const aliases = mode === 0 ? chosen : [canonical, ...chosen.filter((a) => a !== name)];
  const d = style.description % (DESCRIPTIONS.length + 1);
  const common = {
    name,
    // An empty list now and then, to exercise both spellings of "no aliases".
    ...(aliases.length > 0 || ((style.aliasMask >> 3) & 1) === 1 ? { aliases } : {}),
    ...(d > 0 ? { description: DESCRIPTIONS[d - 1]! } : {}),
  };
  switch (entity.type) {
    case 'Person':
      return { id, type: 'Person', ...common };
    case 'Organization': {
      const k = style.kind % (ORGANIZATION_KINDS.length + 1);
      return {
        id,
        type: 'Organization',
        ...common,
        ...(k > 0 ? { kind: ORGANIZATION_KINDS[k - 1]! } : {}),
      };
    }
    case 'Event':
      return {
        id,
        type: 'Event',
        ...common,
        kind: pick(EVENT_KINDS, style.kind),
        startDate: withPrecision(entity.day, ((style.date % 3) + 1) as 1 | 2 | 3),
      };
    case 'Place':
      return { id, type: 'Place', ...common, kind: pick(PLACE_KINDS, style.kind) };
    case 'Topic':
      return { id, type: 'Topic', ...common, kind: pick(TOPIC_KINDS, style.kind) };
  }
}

const MAX_DECLARATIONS = 4;

function buildFile(
  fileIndex: number,
  raw: RawFile,
  world: TrueEntity[],
  pool: PoolFact[],
  /** Ids each true entity was declared with by the files before this one. */
  declaredBefore: Map<number, string[]>,
): GeneratedFile {
  /** The one id this file uses for each true entity it declares or references. */
  const local = new Map<number, string>();
  const entities: Entity[] = [];

  const declare = (e: number): boolean => {
    if (local.has(e)) return true;
    if (entities.length >= MAX_DECLARATIONS) return false;
    const style = raw.styles[entities.length]!;
    const entity = world[e]!;
    const id = pick(entity.ids, style.id);
    local.set(e, id);
    entities.push(declaration(entity, id, style));
    return true;
  };
  const refer = (e: number, idChoice: number): boolean => {
    if (local.has(e)) return true;
    const ids = declaredBefore.get(e);
    if (!ids) return false;
    local.set(e, pick(ids, idChoice));
    return true;
  };
  /** Makes entity `e` usable in this file: already there, referenced, or declared. */
  const need = (e: number, how: number, idChoice: number): boolean =>
    local.has(e) ||
    (how % 2 === 0 ? refer(e, idChoice) || declare(e) : declare(e) || refer(e, idChoice));
  const idOf = (e: number): string => local.get(e)!;

  for (const d of raw.declare) declare(d % world.length);

  const facts: Fact[] = [];
  const stated = new Set<number>();
  for (const use of raw.facts) {
    if (pool.length === 0) break;
    const p = use.pick % pool.length;
    if (stated.has(p)) continue;
    const fact = pool[p]!;
    if (!need(fact.from, use.how, use.id) || !need(fact.to, use.how >> 1, use.id >> 1)) continue;
    stated.add(p);
    const from = idOf(fact.from);
    const to = idOf(fact.to);
    switch (fact.type) {
      case 'WORKS_FOR': {
        const validFrom = dateVariant(fact.day, use.date);
        let validTo = fact.dayTo === undefined ? undefined : dateVariant(fact.dayTo, use.dateTo);
        if (validFrom !== undefined && validTo !== undefined && isBefore(validTo, validFrom)) {
          validTo = undefined;
        }
        facts.push({
          type: 'WORKS_FOR',
          from,
          to,
          ...(fact.role !== undefined ? { role: fact.role } : {}),
          ...(validFrom !== undefined ? { validFrom } : {}),
          ...(validTo !== undefined ? { validTo } : {}),
        });
        break;
      }
      case 'CREATED':
      case 'ACQUIRED': {
        const date = dateVariant(fact.day, use.date);
        facts.push({ type: fact.type, from, to, ...(date !== undefined ? { date } : {}) });
        break;
      }
      case 'PARTICIPATED_IN': {
        const representing =
          fact.representing !== undefined &&
          use.representing &&
          need(fact.representing, use.how >> 2, use.id >> 2)
            ? idOf(fact.representing)
            : undefined;
        facts.push({
          type: 'PARTICIPATED_IN',
          from,
          to,
          ...(fact.role !== undefined ? { role: fact.role } : {}),
          ...(representing !== undefined ? { representing } : {}),
        });
        break;
      }
      case 'PART_OF':
      case 'HELD_AT':
      case 'DISCUSSED':
        facts.push({ type: fact.type, from, to });
        break;
    }
  }

  const claims: Claim[] = [];
  const reported = new Set<string>();
  for (const c of raw.claims) {
    const claim = buildClaim(fileIndex, c, world, need, idOf);
    if (claim === undefined || reported.has(claim.id)) continue;
    reported.add(claim.id);
    claims.push(claim);
  }

  for (const [e, id] of local) {
    const declared = entities.some((entity) => entity.id === id);
    if (!declared) continue;
    const ids = declaredBefore.get(e) ?? [];
    if (!ids.includes(id)) ids.push(id);
    declaredBefore.set(e, ids);
  }

  const p = raw.publisher % (PUBLISHERS.length + 1);
  return {
    name: `gen-${pad(fileIndex)}.yaml`,
    document: {
      format: 'kg-article/1',
      article: {
        id: `article-gen-${pad(fileIndex)}`,
        title: `${pick(TITLE_WORDS, raw.title)} ${entities[0]!.name}`,
        ...(p > 0 ? { publisher: PUBLISHERS[p - 1]! } : {}),
        publishedAt: pick(DATES, raw.publishedAt),
      },
      entities,
      ...(facts.length > 0 ? { facts } : {}),
      ...(claims.length > 0 ? { claims } : {}),
    },
  };
}

function buildClaim(
  fileIndex: number,
  raw: RawClaim,
  world: TrueEntity[],
  need: (e: number, how: number, idChoice: number) => boolean,
  idOf: (e: number) => string,
): Claim | undefined {
  const ofTypes = (types: readonly EntityType[], except: ReadonlySet<number>) =>
    world.filter((e) => types.includes(e.type) && !except.has(e.index)).map((e) => e.index);

  const speakers: SpeakerRef[] = [];
  const speakerEntities = new Set<number>();
  for (const s of raw.speakers) {
    const candidates = ofTypes(['Person', 'Organization'], speakerEntities);
    if (candidates.length === 0) break;
    const e = pick(candidates, s.entity);
    if (!need(e, s.how, s.id)) continue;
    speakerEntities.add(e);
    const form = s.form % 3;
    if (form === 0) {
      speakers.push(idOf(e));
      continue;
    }
    const role = s.role % (SPEAKER_ROLES.length + 1);
    const organizations = ofTypes(['Organization'], new Set([e]));
    const o = s.organization % (organizations.length + 1);
    const organization =
      form === 2 && o > 0 && need(organizations[o - 1]!, s.how >> 1, s.id >> 1)
        ? idOf(organizations[o - 1]!)
        : undefined;
    speakers.push({
      id: idOf(e),
      ...(role > 0 ? { role: SPEAKER_ROLES[role - 1]! } : {}),
      ...(organization !== undefined ? { organization } : {}),
    });
  }
  if (speakers.length === 0) return undefined;

  const targets: TargetRef[] = [];
  const targetEntities = new Set<number>();
  for (const t of raw.targets) {
    const candidates = ofTypes(WORLD_TYPES, new Set([...speakerEntities, ...targetEntities]));
    if (candidates.length === 0) break;
    const e = pick(candidates, t.entity);
    if (!need(e, t.how, t.id)) continue;
    targetEntities.add(e);
    const stance = t.stance % (STANCE_NAMES.length + 2);
    if (stance === 0) targets.push(idOf(e));
    else if (stance === 1) targets.push({ id: idOf(e) });
    else targets.push({ id: idOf(e), stance: STANCE_NAMES[stance - 2]! });
  }
  if (targets.length === 0) return undefined;

  const events = ofTypes(['Event'], new Set());
  const k = raw.event % (events.length + 1);
  const event =
    k > 0 && need(events[k - 1]!, raw.eventHow, raw.eventHow >> 1)
      ? idOf(events[k - 1]!)
      : undefined;
  const d = raw.date % (DATES.length + 1);
  const id = `claim-gen-${raw.id % CLAIM_IDS}`;
  return {
    id,
    statement: `What article ${pad(fileIndex)} reports as ${id}, in its own words (${raw.statement % 7}).`,
    stance: pick(STANCE_NAMES, raw.stance),
    speakers,
    targets,
    ...(event !== undefined ? { event } : {}),
    ...(d > 0 ? { date: DATES[d - 1]! } : {}),
  };
}

function buildSet(raw: { world: RawWorld; files: RawFile[] }): GeneratedSet {
  const { world, pool } = buildWorld(raw.world);
  const declaredBefore = new Map<number, string[]>();
  const files = raw.files.map((file, index) => buildFile(index, file, world, pool, declaredBefore));
  return {
    files,
    world: world.map(({ ids, type, names }) => ({ ids, type, names })),
  };
}

/**
 * Sets of `minFiles`..`maxFiles` (default 4..8) article files about one hidden world. In index
 * order the files can be imported one after the other; `validOrder` gives other such orders.
 */
export function articleSetArbitrary(options: ArticleSetOptions = {}): fc.Arbitrary<GeneratedSet> {
  const minFiles = options.minFiles ?? 4;
  const maxFiles = options.maxFiles ?? Math.max(8, minFiles);
  return fc
    .record({
      world: rawWorld,
      files: fc.array(rawFile, { minLength: minFiles, maxLength: maxFiles }),
    })
    .map(buildSet);
}

// ---------------------------------------------------------------------------------------------
// Orders

type FileLike = Pick<GeneratedFile, 'document'>;

/** The entity ids a file declares. */
export function fileDeclares(file: FileLike): string[] {
  return (file.document.entities ?? []).map((entity) => entity.id);
}

/** The ids a file's facts and claims use without declaring them, sorted. */
export function fileReferences(file: FileLike): string[] {
  const { facts = [], claims = [] } = file.document as ArticleFile;
  const declared = new Set(fileDeclares(file));
  return referencedIds({ facts, claims }).filter((id) => !declared.has(id));
}

/** Which true entity (index into `set.world`) each id names. */
export function worldIndex(set: Pick<GeneratedSet, 'world'>): Map<string, number> {
  const index = new Map<string, number>();
  set.world.forEach((entity, i) => {
    for (const id of entity.ids) index.set(id, i);
  });
  return index;
}

/**
 * A random order of the files in which every id a file uses without declaring it is declared by
 * an earlier file. `random` returns numbers in [0, 1), e.g. `seededRandom(seed)` with a seed drawn
 * by fast-check, so that failures replay and shrink.
 */
export function validOrder(set: GeneratedSet, random: () => number): GeneratedSet['files'] {
  const remaining = set.files.map((file) => ({ file, references: fileReferences(file) }));
  const declared = new Set<string>();
  const order: GeneratedFile[] = [];
  while (remaining.length > 0) {
    const ready = remaining.filter((r) => r.references.every((id) => declared.has(id)));
    if (ready.length === 0) {
      const names = remaining.map((r) => r.file.name).join(', ');
      throw new Error(`no valid order: ${names} use ids that no other file declares`);
    }
    const chosen = ready[Math.min(ready.length - 1, Math.floor(random() * ready.length))]!;
    remaining.splice(remaining.indexOf(chosen), 1);
    order.push(chosen.file);
    for (const id of fileDeclares(chosen.file)) declared.add(id);
  }
  return order;
}

/** A small deterministic source of numbers in [0, 1) (mulberry32), for `validOrder`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
