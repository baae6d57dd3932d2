/**
 * A deterministic, fictional knowledge graph for the benchmark, as kg-article/1 documents that
 * `bench/run.ts` writes to files and imports through the real importer.
 *
 * Every name is built from syllables (no real people or companies). Proportions follow what the
 * product's graph looks like: claims are the most numerous nodes; speakers and topics are drawn
 * Zipf-like, so a few people speak a lot and a few topics collect most claims; people hold one to
 * three roles over time (WORKS_FOR with validFrom/validTo); events have hosts, a place and
 * participants who represent their organization of the day.
 *
 * Names stay unique across the whole graph (a fixed-length syllable code of the entity's index
 * starts every distinctive word), because the importer resolves identity by normalised name: two
 * different entities with one name would be merged, which is right for real data and wrong here.
 *
 * Larger graphs get denser articles (more facts and claims per article, `density`), so the import
 * stays bounded in time while the number of nodes grows.
 */
import type { ArticleFileInput } from '../src/ingest/format.ts';

/** Bump when the generated graph changes: a stored graph of another version is reloaded. */
export const GENERATOR_VERSION = 1;

export const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;

/** Articles get denser as the graph grows: facts and claims per article scale with this. */
export const DENSITY: Record<SizeName, number> = { '10k': 1, '100k': 3, '1m': 8 };

/** mulberry32: a small seeded PRNG, the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ranks 0..n-1 with probability ~ 1/(rank+1)^s (a Zipf law), by a precomputed CDF. */
export function zipf(random: () => number, n: number, s: number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cdf[i] = total += 1 / Math.pow(i + 1, s);
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  've',
  'to',
  'se',
  'dri',
  'mu',
  'be',
  'qua',
  'ze',
  'no',
  'phi',
  'sta',
  'vi',
  'co',
  'da',
  'eli',
  'fe',
  'ga',
  'hu',
  'is',
  'jo',
  'ke',
  'lu',
  'mo',
  'ni',
  'os',
  'pra',
  'ru',
  'sa',
  'ta',
  'u',
  'vo',
  'wy',
  'xa',
  'yo',
  'za',
  'bri',
] as const;
const ENDINGS = ['n', 'r', 'l', 's', 'x', 'th', 'm', 'nd'] as const;

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A fixed-length syllable code of `n`: distinct numbers give distinct, prefix-free codes. */
function code(n: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return out;
}

const STANCE_WEIGHTS = [
  ['ASSERTS', 25],
  ['SUPPORTS', 14],
  ['PROMOTES', 14],
  ['PREDICTS', 13],
  ['DISPUTES', 10],
  ['CRITICIZES', 12],
  ['DISMISSES', 12],
] as const;
type StanceName = (typeof STANCE_WEIGHTS)[number][0];
const ORG_KINDS = ['company', 'company', 'company', 'research-group', 'nonprofit'] as const;
const ORG_WORDS = ['Systems', 'Labs', 'Networks', 'Software', 'Research', 'Dynamics'] as const;
const TOPIC_KINDS = ['product', 'technology', 'threat', 'concept', 'standard'] as const;
const TOPIC_WORDS = ['Engine', 'Protocol', 'Hypervisor', 'Framework', 'Rootkit', 'Cloud'];
const EVENT_KINDS = ['conference', 'dinner', 'meeting', 'announcement', 'presentation'] as const;
const EVENT_WORDS = ['Summit', 'Forum', 'Dinner', 'Briefing', 'Expo'] as const;
const TITLES = ['CTO', 'CEO', 'engineer', 'analyst', 'founder', 'director', 'researcher'];
const EVENT_ROLES = ['speaker', 'panelist', 'attendee', 'moderator'] as const;
const PUBLISHERS = ['The Stack Ledger', 'Server Courier', 'Byte Harbor', 'Kernel Post'];
const VERBS: Record<StanceName, string> = {
  ASSERTS: 'states a fact about',
  SUPPORTS: 'backs',
  PROMOTES: 'promotes',
  PREDICTS: 'predicts the rise of',
  DISPUTES: 'disputes a report about',
  CRITICIZES: 'criticises',
  DISMISSES: 'dismisses',
};

type Entity = NonNullable<ArticleFileInput['entities']>[number];
type Fact = NonNullable<ArticleFileInput['facts']>[number];
type Claim = NonNullable<ArticleFileInput['claims']>[number];

interface Role {
  org: number;
  title: string;
  from: number;
  to: number | undefined;
}

export interface GeneratedGraph {
  documents: ArticleFileInput[];
  /** What was generated (facts counted once per stating article). */
  counts: Record<string, number>;
}

/** The whole fictional graph for `size` nodes (approximately), as article documents. */
export function generate(sizeName: SizeName, seed = 42): GeneratedGraph {
  return generateGraph(SIZES[sizeName], DENSITY[sizeName], seed);
}

/**
 * The same graph at any size: about `nodes` nodes, in `nodes / 10 / density` articles (so 3,000
 * nodes at density 1 are 300 articles). Smaller than 10k serves tests and other measurements.
 */
export function generateGraph(nodes: number, density: number, seed = 42): GeneratedGraph {
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const n = {
    person: Math.round(nodes * 0.22),
    org: Math.round(nodes * 0.05),
    event: Math.round(nodes * 0.04),
    place: Math.round(nodes * 0.01),
    topic: Math.round(nodes * 0.03),
    claim: Math.round(nodes * 0.55),
    article: Math.round((nodes * 0.1) / density),
  };
  const codeLength = nodes > 60_000 ? 4 : 3;
  let serial = 0;
  // Syllables can concatenate alike ("ka"+"is", "kai"+"s"...): skip a word already used.
  const used = new Set<string>();
  const word = (): string => {
    const w = capital(code(serial++, codeLength) + pick(ENDINGS));
    if (used.has(w)) return word();
    used.add(w);
    return w;
  };
  const given = () => capital(pick(SYLLABLES) + pick(SYLLABLES) + pick(ENDINGS));

  // Entities, each with the declaration articles repeat when they mention it.
  const entities: Entity[] = [];
  const add = (e: Entity) => entities.push(e) - 1;
  const orgs = Array.from({ length: n.org }, () => {
    const name = `${word()} ${pick(ORG_WORDS)}`;
    return add({
      id: slug(name),
      type: 'Organization',
      name,
      kind: pick(ORG_KINDS),
      ...(random() < 0.2 ? { aliases: [`${name} Inc`] } : {}),
    });
  });
  const places = Array.from({ length: n.place }, (_, i) => {
    const name = `${word()} ${i % 4 === 0 ? 'City' : 'Hall'}`;
    return add({ id: slug(name), type: 'Place', name, kind: i % 4 === 0 ? 'city' : 'venue' });
  });
  const topics = Array.from({ length: n.topic }, () => {
    const name = `${word()} ${pick(TOPIC_WORDS)}`;
    return add({ id: slug(name), type: 'Topic', name, kind: pick(TOPIC_KINDS) });
  });
  const eventYears: number[] = [];
  const events = Array.from({ length: n.event }, () => {
    const year = int(2000, 2024);
    eventYears.push(year);
    const name = `${word()} ${pick(EVENT_WORDS)} ${year}`;
    const month = String(int(1, 12)).padStart(2, '0');
    return add({
      id: slug(name),
      type: 'Event',
      name,
      kind: pick(EVENT_KINDS),
      startDate: `${year}-${month}`,
    });
  });
  const people = Array.from({ length: n.person }, () => {
    const name = `${given()} ${word()}`;
    return add({ id: slug(name), type: 'Person', name });
  });

  // Facts and claims, as "items" later dealt to articles; each names the entities it touches.
  interface Item {
    fact?: Fact;
    claim?: Claim;
    touches: number[];
    year: number;
  }
  const items: Item[] = [];
  const orgRank = zipf(random, orgs.length, 0.8);
  const topicRank = zipf(random, topics.length, 1.1);
  const speakerRank = zipf(random, people.length, 1.0);
  const placeRank = zipf(random, places.length, 0.7);

  // Roles over time: 1-3 consecutive jobs.
  const roles: Role[][] = people.map(() => {
    const count = int(1, 3);
    let year = int(1995, 2012);
    const list: Role[] = [];
    for (let k = 0; k < count; k++) {
      const last = k === count - 1;
      const to = last && random() < 0.6 ? undefined : year + int(1, 5);
      list.push({ org: orgs[orgRank()]!, title: pick(TITLES), from: year, to });
      year = (to ?? year) + int(0, 1);
    }
    // One person, one organization, one title: the same fact; keep the first.
    const seen = new Set<string>();
    return list.filter((r) => {
      const key = `${r.org}|${r.title}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });
  people.forEach((p, i) => {
    for (const r of roles[i]!) {
      items.push({
        fact: {
          type: 'WORKS_FOR',
          from: entities[p]!.id,
          to: entities[r.org]!.id,
          role: r.title,
          validFrom: String(r.from),
          ...(r.to === undefined ? {} : { validTo: String(r.to) }),
        },
        touches: [p, r.org],
        year: r.from,
      });
    }
  });
  // The role a person held in a year (or their first one): whom they spoke for.
  const personIndex = new Map(people.map((e, i) => [e, i]));
  const roleOf = (person: number, year: number) => {
    const list = roles[personIndex.get(person)!]!;
    return list.find((r) => r.from <= year && (r.to === undefined || year <= r.to)) ?? list[0];
  };

  events.forEach((e, i) => {
    const year = eventYears[i]!;
    const id = entities[e]!.id;
    const host = orgs[orgRank()]!;
    items.push({
      fact: { type: 'HOSTED', from: entities[host]!.id, to: id },
      touches: [host, e],
      year,
    });
    const place = places[placeRank()]!;
    items.push({
      fact: { type: 'HELD_AT', from: id, to: entities[place]!.id },
      touches: [e, place],
      year,
    });
    const topic = topics[topicRank()]!;
    items.push({
      fact: { type: 'DISCUSSED', from: id, to: entities[topic]!.id },
      touches: [e, topic],
      year,
    });
    const seen = new Set<number>();
    for (let k = int(3, 14); k > 0; k--) {
      const person = people[speakerRank()]!;
      if (seen.has(person)) continue;
      seen.add(person);
      const role = roleOf(person, year);
      items.push({
        fact: {
          type: 'PARTICIPATED_IN',
          from: entities[person]!.id,
          to: id,
          role: pick(EVENT_ROLES),
          ...(role ? { representing: entities[role.org]!.id } : {}),
        },
        touches: role ? [person, e, role.org] : [person, e],
        year,
      });
    }
  });
  orgs.forEach((o, i) => {
    const year = int(1990, 2015);
    const place = places[placeRank()]!;
    items.push({
      fact: { type: 'LOCATED_IN', from: entities[o]!.id, to: entities[place]!.id },
      touches: [o, place],
      year,
    });
    const parent = orgs[orgRank()]!;
    if (i > 0 && parent !== o && random() < 0.15) {
      const [from, to] = [entities[o]!.id, entities[parent]!.id];
      items.push({
        fact:
          random() < 0.5
            ? { type: 'PART_OF', from, to }
            : { type: 'ACQUIRED', from: to, to: from, date: String(year) },
        touches: [parent, o],
        year,
      });
    }
  });
  topics.forEach((t) => {
    const year = int(1998, 2020);
    const dev = orgs[orgRank()]!;
    items.push({
      fact: { type: 'DEVELOPS', from: entities[dev]!.id, to: entities[t]!.id },
      touches: [dev, t],
      year,
    });
    const creator = people[speakerRank()]!;
    items.push({
      fact: {
        type: 'CREATED',
        from: entities[creator]!.id,
        to: entities[t]!.id,
        date: String(year),
      },
      touches: [creator, t],
      year,
    });
  });

  // Claims: Zipf speakers and topics; the stance mostly the same towards every target.
  const stanceTotal = STANCE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const stance = (): StanceName => {
    let x = random() * stanceTotal;
    for (const [name, w] of STANCE_WEIGHTS) if ((x -= w) < 0) return name;
    return 'ASSERTS';
  };
  for (let c = 0; c < n.claim; c++) {
    const year = int(2000, 2024);
    const speakers = [people[speakerRank()]!];
    if (random() < 0.1) {
      const other = people[speakerRank()]!;
      if (other !== speakers[0]) speakers.push(other);
    }
    const targets = [topics[topicRank()]!];
    if (random() < 0.15) {
      const other = random() < 0.5 ? topics[topicRank()]! : orgs[orgRank()]!;
      if (other !== targets[0]) targets.push(other);
    }
    const s = stance();
    const touches = [...speakers, ...targets];
    const event = random() < 0.3 ? events[int(0, events.length - 1)]! : undefined;
    if (event !== undefined) touches.push(event);
    const spoke = speakers.map((p) => {
      const role = roleOf(p, year);
      if (role) touches.push(role.org);
      return role
        ? { id: entities[p]!.id, role: role.title, organization: entities[role.org]!.id }
        : entities[p]!.id;
    });
    const targetName = entities[targets[0]!]!.name;
    items.push({
      claim: {
        id: `claim-${code(c, codeLength + 1)}-${c}`,
        statement: `${entities[speakers[0]!]!.name} ${VERBS[s]} ${targetName}.`,
        stance: s,
        speakers: spoke,
        targets: targets.map((t, k) =>
          k > 0 && random() < 0.3 ? { id: entities[t]!.id, stance: stance() } : entities[t]!.id,
        ),
        ...(event === undefined ? {} : { event: entities[event]!.id }),
        date: `${year}-${String(int(1, 12)).padStart(2, '0')}`,
        quote: `${targetName} is ${s === 'DISMISSES' ? 'not worth the attention' : 'worth watching'}, said ${entities[speakers[0]!]!.name}.`,
      },
      touches: [...new Set(touches)],
      year,
    });
  }

  // Deal items to articles in a shuffled order; 12% of items are stated by a second article too.
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const perArticle = Math.ceil(order.length / n.article);
  const documents: ArticleFileInput[] = [];
  let facts = 0;
  let claims = 0;
  const declared = new Set<number>();
  const deal: number[][] = Array.from({ length: n.article }, (_, a) =>
    order.slice(a * perArticle, (a + 1) * perArticle),
  );
  for (let a = 0; a < n.article; a++) {
    if (a > 0 && random() < 0.5) {
      // A follow-up article repeats a few items an earlier one stated.
      const earlier = deal[int(Math.max(0, a - 50), a - 1)]!;
      const repeat = earlier.filter(() => random() < 0.12);
      deal[a] = [...new Set([...deal[a]!, ...repeat])];
    }
  }
  for (let a = 0; a < n.article; a++) {
    const mine = deal[a]!.map((i) => items[i]!);
    if (mine.length === 0) continue;
    const year = Math.min(2025, Math.max(...mine.map((it) => it.year)) + int(0, 1));
    const touched = [...new Set(mine.flatMap((it) => it.touches))].sort((x, y) => x - y);
    // An article declares the entities it introduces and refers to known ones by id (as
    // annotators do once an entity is in the graph); one in five known ones it declares again,
    // so entities are mentioned by several articles and the importer meets both cases.
    const entityList = touched.flatMap((e) => {
      const first = !declared.has(e);
      declared.add(e);
      return first || random() < 0.2 ? [entities[e]!] : [];
    });
    const factList = mine.flatMap((it) => (it.fact ? [it.fact] : []));
    const claimList = mine.flatMap((it) => (it.claim ? [it.claim] : []));
    facts += factList.length;
    claims += claimList.length;
    const lead = entities[touched[0]!]!.name;
    documents.push({
      format: 'kg-article/1',
      article: {
        id: `article-${code(a, codeLength)}-${a}`,
        title: `${lead} and ${claimList.length + factList.length} more: the week in review ${a}`,
        publisher: pick(PUBLISHERS),
        publishedAt: `${year}-${String(int(1, 12)).padStart(2, '0')}`,
      },
      entities: entityList.map((e) => JSON.parse(JSON.stringify(e)) as Entity),
      facts: factList,
      claims: claimList,
    });
  }
  return {
    documents,
    counts: {
      people: n.person,
      organizations: n.org,
      events: n.event,
      places: n.place,
      topics: n.topic,
      claims: n.claim,
      articles: documents.length,
      factStatements: facts,
      claimReports: claims,
    },
  };
}
