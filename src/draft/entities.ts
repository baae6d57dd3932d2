/**
 * From names to entities: each name typed by the words around it (a title makes a person, "Group"
 * an organization, "Restaurant" a venue, "technology" a topic), linked to the gazetteer, and its
 * short forms joined to the full name (coreference): "Crosby" after "Simon Crosby", "NSA" for the
 * National Security Agency, "IRG (Internet Research Group)". Pronouns and "the company" stay
 * unresolved: nothing certain joins them.
 */
import { normalizeName } from '../model/names.ts';
import type { EntityType } from '../model/vocabulary.ts';
import type { GazetteerEntry } from './gazetteer.ts';
import {
  ACQUIRING_VERBS,
  CONTRIBUTOR_NOUNS,
  EVENT_WORDS,
  ORGANIZATION_NOUNS,
  ORGANIZATION_VERBS,
  ORGANIZATION_WORDS,
  REPORTING_VERBS,
  SUBSIDIARY_NOUNS,
  TITLE_MODIFIERS,
  TITLE_WORDS,
  TOPIC_NOUNS,
  VENUE_WORDS,
} from './lexicon.ts';
import type { NameRun } from './names.ts';
import type { EntityProposal, KnownMatch, Span } from './proposals.ts';
import type { AnalysedText, Token } from './text.ts';

export interface Typed {
  type: EntityType;
  kind?: string;
  evidence: string;
  confidence: number;
  review?: string;
}

export interface TitleHit {
  /** Token indexes of the title words. */
  first: number;
  last: number;
  title: string;
}

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? '';

/**
 * Kebab-case id from a name: "Ming's Restaurant" -> "mings-restaurant". Letters outside a-z
 * (after accents are dropped) are left out; a name of none gives "" (no id: not proposed).
 */
export function slug(name: string): string {
  return normalizeName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 100)
    .replace(/^-+|-+$/g, '');
}

/** Title words ending right before token `end` ("senior director", "CTO", "principal"). */
export function titleEndingAt(a: AnalysedText, end: number): TitleHit | undefined {
  if (!TITLE_WORDS.has(lower(a.tokens[end]))) return undefined;
  let first = end;
  while (first > 0) {
    const before = lower(a.tokens[first - 1]);
    if (!TITLE_MODIFIERS.has(before) && !TITLE_WORDS.has(before)) break;
    first -= 1;
  }
  return { first, last: end, title: a.text.slice(a.tokens[first]!.start, a.tokens[end]!.end) };
}

/** Title words starting at token `start`, modifiers first ("senior director"). */
export function titleStartingAt(a: AnalysedText, start: number): TitleHit | undefined {
  let last = start;
  while (TITLE_MODIFIERS.has(lower(a.tokens[last])) && !TITLE_WORDS.has(lower(a.tokens[last]))) {
    last += 1;
  }
  if (!TITLE_WORDS.has(lower(a.tokens[last]))) return undefined;
  while (TITLE_WORDS.has(lower(a.tokens[last + 1]))) last += 1;
  return { first: start, last, title: a.text.slice(a.tokens[start]!.start, a.tokens[last]!.end) };
}

/** A title right after a name: "Simon Crosby, the CTO", "Nand Mulchandani, a senior director". */
export function titleAfter(a: AnalysedText, run: NameRun): TitleHit | undefined {
  let i = run.last + 1;
  if (a.tokens[i]?.text === ',') i += 1;
  if (['a', 'an', 'the'].includes(lower(a.tokens[i]))) i += 1;
  return a.tokens[i]?.sentence === run.sentence ? titleStartingAt(a, i) : undefined;
}

const TITLECASE_WORD = /^\p{Lu}\p{Ll}+$/u;
const YEAR = /^(?:19|20)\d\d$/;
const ACRONYM = /^\p{Lu}{2,6}$/u;

/** The type the words in and around a name suggest, or undefined. */
export function typeOfRun(a: AnalysedText, run: NameRun): Typed | undefined {
  if (run.concept) {
    return {
      type: 'Topic',
      kind: 'technology',
      evidence: `named by an apposition ("${run.concept}")`,
      confidence: 0.5,
    };
  }
  if (run.term) {
    return run.first === run.last
      ? {
          type: 'Topic',
          kind: 'technology',
          evidence: 'a term the article keeps using',
          confidence: 0.5,
        }
      : {
          type: 'Topic',
          kind: 'concept',
          evidence: 'a compound of a term the article keeps using',
          confidence: 0.4,
        };
  }
  const words = a.tokens.slice(run.first, run.last + 1).map(lower);
  const lastWord = words[words.length - 1]!;
  const before = lower(a.tokens[run.first - 1]);
  const next = lower(a.tokens[run.last + 1]);
  const eventWord = words.find((w) => w in EVENT_WORDS);
  if (eventWord) {
    return {
      type: 'Event',
      kind: EVENT_WORDS[eventWord],
      evidence: `"${eventWord}"`,
      confidence: 0.8,
    };
  }
  // "Windows Server 2008": a product's name ending in a product noun, and its year.
  if (
    words.length >= 3 &&
    YEAR.test(lastWord) &&
    TOPIC_NOUNS[words[words.length - 2]!] === 'product'
  ) {
    return {
      type: 'Topic',
      kind: 'product',
      evidence: 'a product name and its year',
      confidence: 0.6,
    };
  }
  if (VENUE_WORDS.has(lastWord)) {
    return { type: 'Place', kind: 'venue', evidence: `"${lastWord}"`, confidence: 0.8 };
  }
  if (ORGANIZATION_WORDS.has(lastWord)) {
    return {
      type: 'Organization',
      kind: organizationKind(lastWord),
      evidence: `"${lastWord}"`,
      confidence: 0.8,
    };
  }
  if (titleEndingAt(a, run.first - 1) || titleAfter(a, run)) {
    if (words.length >= 2)
      return { type: 'Person', evidence: 'a title beside it', confidence: 0.9 };
  }
  // "Citrix's XenSource unit", "the Widgetco subsidiary": an organization that belongs to another.
  if (SUBSIDIARY_NOUNS.has(next) && next !== 'part' && a.tokens[run.last + 1]?.pos === 'NOUN') {
    return { type: 'Organization', kind: 'company', evidence: `"${next}"`, confidence: 0.6 };
  }
  // "VMware's VMsafe security technology", "Blue Pill, the proof-of-concept hypervisor root kit"
  const noun = topicNounAfter(a, run);
  if (noun)
    return { type: 'Topic', kind: TOPIC_NOUNS[noun], evidence: `"${noun}"`, confidence: 0.7 };
  if (
    a.tokens[run.first - 1]?.text === "'s" &&
    a.tokens[run.first - 1]!.start === a.tokens[run.first - 2]?.end
  ) {
    return { type: 'Topic', kind: 'product', evidence: 'after a possessive', confidence: 0.6 };
  }
  // A title then "at X" / "of X": the organization of a role.
  if (['at', 'of', 'with', 'for'].includes(before) && titleEndingAt(a, run.first - 2)) {
    return { type: 'Organization', kind: 'company', evidence: 'a title at it', confidence: 0.8 };
  }
  const apposition = appositionNoun(a, run);
  if (apposition && ORGANIZATION_NOUNS.has(apposition)) {
    return { type: 'Organization', kind: 'company', evidence: `"${apposition}"`, confidence: 0.7 };
  }
  // "the final version of Hyper-V", "its VMotion"
  const before2 = lower(a.tokens[run.first - 2]);
  if (
    (before === 'of' && ['version', 'release', 'edition', 'beta'].includes(before2)) ||
    before === 'its'
  ) {
    return {
      type: 'Topic',
      kind: 'product',
      evidence: `"${before === 'its' ? 'its' : before2 + ' of'}"`,
      confidence: 0.6,
    };
  }
  const k = ['is', 'was'].includes(next) ? run.last + 2 : run.last + 1;
  if (['based', 'headquartered'].includes(lower(a.tokens[k])) && lower(a.tokens[k + 1]) === 'in') {
    return {
      type: 'Organization',
      kind: 'company',
      evidence: `"${lower(a.tokens[k])} in"`,
      confidence: 0.7,
    };
  }
  if (acquisition(a, run)) {
    return { type: 'Organization', kind: 'company', evidence: 'an acquisition', confidence: 0.7 };
  }
  if (words.length <= 2 && !TITLECASE_PAIR.test(run.text) && subjectOf(a, run)) {
    return {
      type: 'Organization',
      kind: 'company',
      evidence: `the subject of "${subjectOf(a, run)}"`,
      confidence: 0.5,
    };
  }
  if (next === "'s" && words.length <= 2) {
    return { type: 'Organization', kind: 'company', evidence: 'a possessive', confidence: 0.5 };
  }
  // "senior vice president of the Server and Tools Business at Microsoft"
  if (before === 'at' && titleWithin(a, run.first - 2, 10)) {
    return { type: 'Organization', kind: 'company', evidence: 'a title at it', confidence: 0.7 };
  }
  if (['in', 'near'].includes(before) && !ACRONYM.test(a.tokens[run.first]!.text)) {
    return { type: 'Place', kind: 'city', evidence: `"${before}"`, confidence: 0.6 };
  }
  if (basedCompany(a, run)) {
    return { type: 'Place', kind: 'city', evidence: '"X-based" company', confidence: 0.5 };
  }
  const contributed = contributedTo(a, run);
  if (contributed) {
    return {
      type: 'Topic',
      kind: 'technology',
      evidence: `"${contributed}"`,
      confidence: 0.5,
      review: 'typed by what is contributed to: a product, technology or project?',
    };
  }
  const quoted = /^["“‘']$/.test(before);
  if (words.length >= 2 && words.length <= 3 && before !== 'the' && !quoted) {
    const tokens = a.tokens.slice(run.first, run.last + 1);
    if (tokens.every((t) => TITLECASE_WORD.test(t.text))) {
      return { type: 'Person', evidence: 'a two- or three-word name', confidence: 0.6 };
    }
  }
  if (words.length === 1 && ACRONYM.test(a.tokens[run.first]!.text)) {
    return { type: 'Organization', kind: 'company', evidence: 'an acronym', confidence: 0.5 };
  }
  return undefined;
}

const TITLECASE_PAIR = /^\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+$/u;

/** The verb a name is the subject of, when it is a reporting verb or a verb of companies. */
function subjectOf(a: AnalysedText, run: NameRun): string | undefined {
  let i = run.last + 1;
  while (['AUX', 'ADV', 'PART'].includes(a.tokens[i]?.pos ?? '')) i += 1;
  const verb = a.tokens[i];
  if (!verb || verb.pos !== 'VERB' || verb.sentence !== run.sentence) return undefined;
  return verb.lemma in REPORTING_VERBS || ORGANIZATION_VERBS.has(verb.lemma)
    ? verb.lemma
    : undefined;
}

/** A title word among the `span` tokens before `end`, in the same sentence. */
function titleWithin(a: AnalysedText, end: number, span: number): boolean {
  const sentence = a.tokens[end]?.sentence;
  for (let i = end; i >= Math.max(0, end - span); i--) {
    if (a.tokens[i]!.sentence !== sentence || a.tokens[i]!.text === '.') return false;
    if (TITLE_WORDS.has(lower(a.tokens[i]))) return true;
  }
  return false;
}

/** The head noun of an apposition after the name: "innotek, the German company behind ...". */
function appositionNoun(a: AnalysedText, run: NameRun): string | undefined {
  if (
    a.tokens[run.last + 1]?.text !== ',' ||
    !['the', 'a', 'an'].includes(lower(a.tokens[run.last + 2]))
  ) {
    return undefined;
  }
  for (let i = run.last + 3; i < run.last + 7 && a.tokens[i]?.sentence === run.sentence; i++) {
    if (a.tokens[i]!.pos === 'NOUN') return lower(a.tokens[i]);
    if (a.tokens[i]!.pos !== 'ADJ' && a.tokens[i]!.pos !== 'PROPN') return undefined;
  }
  return undefined;
}

/**
 * "Berlin-based Widgetco Inc", "a Weinstadt-based software maker": the name before "-based" is a
 * place only when a company follows (a name ending in Inc, Corp ..., or a noun such as company,
 * maker): "a Linux-based appliance" is no place.
 */
function basedCompany(a: AnalysedText, run: NameRun): boolean {
  if (a.tokens[run.last + 1]?.text !== '-') return false;
  if (!['based', 'headquartered'].includes(lower(a.tokens[run.last + 2]))) return false;
  for (let i = run.last + 3; i < run.last + 8 && a.tokens[i]?.sentence === run.sentence; i++) {
    const t = a.tokens[i]!;
    if (t.pos === 'NOUN' && ORGANIZATION_NOUNS.has(lower(t))) return true;
    if (t.pos === 'PROPN') {
      if (ORGANIZATION_WORDS.has(lower(t).replace(/\.$/, ''))) return true;
      continue;
    }
    if (t.pos !== 'ADJ' && t.pos !== 'NOUN') return false;
  }
  return false;
}

/** "contributes to X", "a contributor to the X", "a maintainer of X": the words, or undefined. */
function contributedTo(a: AnalysedText, run: NameRun): string | undefined {
  let i = run.first - 1;
  if (lower(a.tokens[i]) === 'the') i -= 1;
  const link = lower(a.tokens[i]);
  const word = lower(a.tokens[i - 1]);
  if (CONTRIBUTOR_NOUNS[word] === link) return `${word} ${link}`;
  if (link === 'to' && a.tokens[i - 1]?.lemma === 'contribute' && a.tokens[i - 1]!.pos === 'VERB')
    return `${word} to`;
  return undefined;
}

/** The buyer or the bought: "Citrix (agreed to) acquire(d) XenSource". */
function acquisition(a: AnalysedText, run: NameRun): boolean {
  let i = run.last + 1;
  while (['AUX', 'ADV', 'PART'].includes(a.tokens[i]?.pos ?? '')) i += 1;
  if (
    ['agreed', 'plans', 'agrees', 'intends'].includes(lower(a.tokens[i])) &&
    lower(a.tokens[i + 1]) === 'to'
  )
    i += 2;
  if (ACQUIRING_VERBS.has(a.tokens[i]?.lemma ?? '')) return true;
  const before = a.tokens[run.first - 1];
  return before !== undefined && ACQUIRING_VERBS.has(before.lemma) && before.pos === 'VERB';
}

function organizationKind(word: string): string {
  if (['agency', 'department', 'commission', 'council'].includes(word)) return 'government-agency';
  if (
    ['foundation', 'association', 'society', 'consortium', 'alliance', 'project'].includes(word)
  ) {
    return 'nonprofit';
  }
  return 'company';
}

/** A topic noun right after the name (one modifier between), or in an apposition after a comma. */
function topicNounAfter(a: AnalysedText, run: NameRun): string | undefined {
  const at = (i: number) => lower(a.tokens[i]);
  const sentence = run.sentence;
  // "VirtualBox desktop virtualization software": up to three modifiers before the noun.
  for (let i = run.last + 1; i <= run.last + 4; i++) {
    if (a.tokens[i]?.sentence !== sentence) break;
    if (at(i) in TOPIC_NOUNS && a.tokens[i]!.pos === 'NOUN') return at(i);
    if (a.tokens[i]!.pos !== 'NOUN' && a.tokens[i]!.pos !== 'ADJ') break;
  }
  // "X is an open-source hypervisor", "X, the proof-of-concept hypervisor root kit"
  const copula =
    ['is', 'was'].includes(at(run.last + 1)) && ['a', 'an', 'the'].includes(at(run.last + 2));
  if (copula || (at(run.last + 1) === ',' && ['the', 'a', 'an'].includes(at(run.last + 2)))) {
    for (let i = run.last + 3; i < run.last + 9 && a.tokens[i]?.sentence === sentence; i++) {
      if (a.tokens[i]!.text === ',') break;
      if (at(i) in TOPIC_NOUNS && a.tokens[i]!.pos === 'NOUN') return at(i);
    }
  }
  return undefined;
}

/** An entity while it is being built: its name runs, type and link. */
export interface EntityDraft {
  runs: NameRun[];
  type?: Typed;
  known?: { entry: GazetteerEntry; match: KnownMatch };
  aliases: Set<string>;
}

/** The gazetteer's entry for a name: by name or alias, else by the id the name would get. */
export function linkRun(
  run: NameRun,
  entries: readonly GazetteerEntry[],
): { entry: GazetteerEntry; match: KnownMatch } | undefined {
  const byName = entries.filter((e) => e.name !== undefined && normalizeName(e.name) === run.key);
  const byAlias = entries.filter((e) => e.aliases.some((al) => normalizeName(al) === run.key));
  const byId = entries.filter((e) => e.id === slug(run.text));
  for (const [found, by] of [
    [byName, 'name'],
    [byAlias, 'alias'],
    [byId, 'id'],
  ] as const) {
    if (found.length === 1) {
      const entry = found[0]!;
      const matched =
        by === 'name'
          ? entry.name!
          : by === 'id'
            ? entry.id
            : entry.aliases.find((al) => normalizeName(al) === run.key)!;
      return { entry, match: { id: entry.id, by, matched } };
    }
  }
  return undefined;
}

/** The initials of a name's capitalised words: "National Security Agency" -> "NSA". */
function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
}

/**
 * Groups the runs into entities: the same key, the same gazetteer entry, a surname after a full
 * name, an acronym after the name it abbreviates, a name and its parenthesis.
 */
export function groupRuns(
  a: AnalysedText,
  runs: readonly NameRun[],
  entries: readonly GazetteerEntry[],
): EntityDraft[] {
  runs = splitRuns(runs, entries);
  const drafts: EntityDraft[] = [];
  const byKey = new Map<string, EntityDraft>();
  const byKnown = new Map<string, EntityDraft>();
  const join = (run: NameRun, draft: EntityDraft) => {
    draft.runs.push(run);
    byKey.set(run.key, draft);
  };
  for (const run of runs) {
    const known = linkRun(run, entries);
    if (run.weak && !known) continue;
    const same = byKey.get(run.key) ?? (known ? byKnown.get(known.entry.id) : undefined);
    if (same) {
      join(run, same);
      continue;
    }
    const draft: EntityDraft = { runs: [], aliases: new Set(), ...(known ? { known } : {}) };
    join(run, draft);
    if (known) byKnown.set(known.entry.id, draft);
    drafts.push(draft);
  }
  for (const draft of drafts) {
    const typed = draft.runs.map((r) => typeOfRun(a, r)).filter((t): t is Typed => t !== undefined);
    const best = typed.sort((x, y) => y.confidence - x.confidence)[0];
    const entryType = draft.known?.entry.type;
    draft.type = entryType
      ? {
          type: entryType,
          ...(best?.type === entryType && best.kind ? { kind: best.kind } : {}),
          evidence: `known to the graph`,
          confidence: 0.9,
        }
      : best;
  }
  coordinate(a, drafts, byKey);
  lowercaseStyled(a, drafts, byKey);
  namedAfterMaker(drafts, entries);
  return coreference(a, drafts, byKey);
}

/**
 * A name styled in lowercase ("innotek"): an organization capitalised only where it opens a
 * sentence ("Innotek is based in ...") is the same word written lowercase mid-sentence ("agreed to
 * acquire innotek"), when no determiner, adjective or possessive stands before it (a common noun
 * would have one: "the sun").
 */
function lowercaseStyled(a: AnalysedText, drafts: EntityDraft[], byKey: Map<string, EntityDraft>) {
  const taken = new Set(drafts.flatMap((d) => d.runs.map((r) => r.first)));
  for (const draft of drafts) {
    if (draft.type?.type !== 'Organization') continue;
    const styled = draft.runs.every(
      (r) =>
        r.first === r.last &&
        !r.term &&
        /^\p{Lu}\p{Ll}+$/u.test(r.text) &&
        a.sentences[r.sentence]!.first === r.first,
    );
    if (!styled || draft.runs.length === 0) continue;
    const word = draft.runs[0]!.text.toLowerCase();
    for (const t of a.tokens) {
      if (t.text !== word || taken.has(t.index) || a.sentences[t.sentence]!.first === t.index)
        continue;
      const before = a.tokens[t.index - 1];
      if (before && ['DET', 'ADJ', 'PRON', 'NUM'].includes(before.pos)) continue;
      const run: NameRun = {
        first: t.index,
        last: t.index,
        text: t.text,
        key: normalizeName(t.text),
        sentence: t.sentence,
        weak: false,
      };
      draft.runs.push(run);
      byKey.set(run.key, draft);
    }
  }
}

/** "VMware ESX": a name led by an organization's name, without a type of its own, is its product. */
function namedAfterMaker(drafts: EntityDraft[], entries: readonly GazetteerEntry[]) {
  const organizations = new Set([
    ...drafts
      .filter((d) => d.type?.type === 'Organization')
      .flatMap((d) => d.runs.map((r) => r.key)),
    ...entries
      .filter((e) => e.type === 'Organization')
      .flatMap((e) => [e.name ?? e.id, ...e.aliases].map(normalizeName)),
  ]);
  for (const draft of drafts) {
    if (draft.type && draft.type.type !== 'Person') continue;
    const words = longest(draft.runs).split(/\s+/);
    if (words.length < 2 || !organizations.has(normalizeName(words[0]!))) continue;
    if (draft.type?.type === 'Person' && draft.type.confidence > 0.6) continue;
    draft.type = {
      type: 'Topic',
      kind: 'product',
      evidence: 'a name led by its maker',
      confidence: 0.6,
    };
  }
}

/**
 * A name without a type in a list with typed names ("the NSA ... along with IBM, Intel, AMD")
 * takes the type the others share.
 */
function coordinate(a: AnalysedText, drafts: EntityDraft[], byKey: Map<string, EntityDraft>) {
  const runAt = new Map<number, EntityDraft>();
  for (const d of drafts) for (const r of d.runs) runAt.set(r.first, d);
  const endAt = new Map<number, { draft: EntityDraft; run: NameRun }>();
  for (const d of drafts) for (const r of d.runs) endAt.set(r.last, { draft: d, run: r });
  for (const draft of drafts) {
    if (draft.type) continue;
    for (const run of draft.runs) {
      const neighbours: EntityDraft[] = [];
      const left = a.tokens[run.first - 1];
      if (left && [',', 'and'].includes(left.text)) {
        const k = a.tokens[run.first - 2]?.text === ',' ? run.first - 3 : run.first - 2;
        const d = endAt.get(k)?.draft;
        if (d) neighbours.push(d);
      }
      const right = a.tokens[run.last + 1];
      if (right && [',', 'and'].includes(right.text)) {
        const k = lower(a.tokens[run.last + 2]) === 'and' ? run.last + 3 : run.last + 2;
        const d = runAt.get(k);
        if (d) neighbours.push(d);
      }
      const types = new Set(neighbours.map((d) => d.type?.type).filter((t) => t !== undefined));
      if (
        neighbours.every((d) => !d.type || d.type.evidence === LIST_EVIDENCE) &&
        inUntypedList(a, run, runAt)
      ) {
        draft.type = {
          type: 'Topic',
          kind: 'product',
          evidence: LIST_EVIDENCE,
          confidence: 0.3,
          review: 'named in a list without a type: check that it is a product or technology',
        };
        break;
      }
      const typed = neighbours.find((d) => d.type);
      if (types.size === 1 && typed?.type && typed.type.type !== 'Topic') {
        draft.type = { ...typed.type, evidence: 'listed with others of its type', confidence: 0.6 };
        break;
      }
      // "Windows, Linux and Solaris" with Linux a topic of the graph: a topic too, for review
      // (a topic found only by its wording says too little about its neighbours).
      if (types.size === 1 && typed?.type?.type === 'Topic' && typed.known) {
        draft.type = {
          type: 'Topic',
          ...(typed.type.kind ? { kind: typed.type.kind } : {}),
          evidence: 'listed with a topic of the graph',
          confidence: 0.5,
          review: 'named in a list with a topic of the graph: check that it is one too',
        };
        break;
      }
    }
  }
  void byKey;
}

const LIST_EVIDENCE = 'a list of names without a type';

/**
 * "Windows, Linux and Solaris": three names or more, single words, in one list ("A, B and C", "A,
 * B, or C"), none of them typed.
 */
function inUntypedList(a: AnalysedText, run: NameRun, runAt: Map<number, EntityDraft>): boolean {
  const single = (i: number) => {
    const d = runAt.get(i);
    return d &&
      (!d.type || d.type.evidence === LIST_EVIDENCE) &&
      d.runs.some((r) => r.first === i && r.last === i)
      ? d
      : undefined;
  };
  const joiner = (i: number) => [',', 'and', 'or'].includes(lower(a.tokens[i]));
  // Leftmost member of the list this run is in.
  let first = run.first;
  if (run.first !== run.last) return false;
  while (joiner(first - 1)) {
    const k =
      lower(a.tokens[first - 1]) !== ',' && a.tokens[first - 2]?.text === ','
        ? first - 3
        : first - 2;
    if (!single(k)) break;
    first = k;
  }
  const members: number[] = [first];
  let i = first;
  for (;;) {
    let k = i + 1;
    if (a.tokens[k]?.text === ',') k += 1;
    if (['and', 'or'].includes(lower(a.tokens[k]))) k += 1;
    if (k === i + 1 || !single(k)) break;
    members.push(k);
    i = k;
  }
  const closes = members.length >= 3 && ['and', 'or'].includes(lower(a.tokens[i - 1]));
  return closes && members.includes(run.first);
}

/**
 * "Citrix XenServer", "VMware VMsafe": a name of two tokens whose first is an organization (the
 * gazetteer's, or a name the text uses alone) is that organization and a product.
 */
function splitRuns(runs: readonly NameRun[], entries: readonly GazetteerEntry[]): NameRun[] {
  const alone = new Set(runs.filter((r) => r.first === r.last).map((r) => r.key));
  const organizations = new Set(
    entries
      .filter((e) => e.type === 'Organization')
      .flatMap((e) => [e.name, ...e.aliases, e.id])
      .filter((n): n is string => n !== undefined)
      .map((n) => normalizeName(n).replace(/-/g, ' ')),
  );
  return runs.flatMap((run) => {
    if (run.last - run.first !== 1 || run.term) return [run];
    const [head, tail] = run.text.split(/\s+/);
    if (!head || !tail || /^(?:19|20)\d\d$/.test(tail) || normalizeName(tail) in EVENT_WORDS)
      return [run];
    if (ORGANIZATION_WORDS.has(normalizeName(tail)) || organizations.has(run.key)) return [run];
    // "VMware ESX", "VMware Workstation": a plain word or an acronym is named with its maker.
    if (!/\p{Ll}\p{Lu}/u.test(tail)) return [run];
    const key = normalizeName(head);
    if (!alone.has(key) && !organizations.has(key)) return [run];
    return [
      { ...run, last: run.first, text: head, key },
      { ...run, first: run.last, text: tail, key: normalizeName(tail) },
    ];
  });
}

function coreference(
  a: AnalysedText,
  drafts: EntityDraft[],
  byKey: Map<string, EntityDraft>,
): EntityDraft[] {
  const merged = new Set<EntityDraft>();
  const into = (short: EntityDraft, full: EntityDraft) => {
    if (short === full || merged.has(full)) return;
    full.runs.push(...short.runs);
    for (const r of short.runs) full.aliases.add(r.text);
    for (const al of short.aliases) full.aliases.add(al);
    full.known ??= short.known;
    full.type ??= short.type;
    merged.add(short);
    for (const r of short.runs) byKey.set(r.key, full);
  };
  const fullName = (d: EntityDraft) => longest(d.runs);
  const single = drafts.filter((d) => !d.known && d.runs.every((r) => r.first === r.last));
  for (const short of single) {
    const word = short.runs[0]!.text;
    // A surname (or a first word of an organization's name) after the full name.
    const people = drafts.filter(
      (d) =>
        d !== short &&
        d.type?.type === 'Person' &&
        fullName(d).split(/\s+/).length > 1 &&
        fullName(d).split(/\s+/).at(-1) === word,
    );
    if (people.length === 1) {
      into(short, people[0]!);
      continue;
    }
    // "Sun" after "Sun Microsystems", "Citrix" after "Citrix Systems"
    const organizations = drafts.filter(
      (d) =>
        d !== short &&
        d.type?.type === 'Organization' &&
        fullName(d).split(/\s+/).length > 1 &&
        fullName(d).split(/\s+/)[0] === word,
    );
    if (organizations.length === 1) {
      into(short, organizations[0]!);
      continue;
    }
    if (ACRONYM.test(word)) {
      const expanded = drafts.filter(
        (d) => d !== short && fullName(d).split(/\s+/).length > 1 && initials(fullName(d)) === word,
      );
      if (expanded.length === 1) {
        into(short, expanded[0]!);
        continue;
      }
    }
  }
  // "IRG (Internet Research Group)", "Internet Research Group (IRG)": one entity.
  for (const draft of drafts) {
    if (merged.has(draft)) continue;
    for (const run of draft.runs) {
      const open = a.tokens[run.last + 1];
      if (open?.text !== '(') continue;
      const inner = [...byKey.entries()].find(
        ([, d]) =>
          d !== draft &&
          d.runs.some((r) => r.first === run.last + 2 && a.tokens[r.last + 1]?.text === ')'),
      );
      if (inner) {
        const other = inner[1];
        const [short, full] =
          other.runs[0]!.text.length < run.text.length ? [other, draft] : [draft, other];
        into(short, full);
      }
    }
  }
  return drafts.filter((d) => !merged.has(d));
}

function longest(runs: readonly NameRun[]): string {
  return runs.map((r) => r.text).reduce((x, y) => (y.length > x.length ? y : x), '');
}

/** The entity proposal of a typed draft; the year of an event's id from its name or date. */
export function toProposal(
  a: AnalysedText,
  draft: EntityDraft,
  eventYear: string | undefined,
): EntityProposal | undefined {
  const type = draft.type;
  if (!type) return undefined;
  let name = longest(draft.runs).replace(/^the\s+/i, '');
  if (type.type === 'Event' && eventYear && !/\b(?:19|20)\d\d\b/.test(name)) {
    name = `${name} ${eventYear}`;
  }
  const id = draft.known?.entry.id ?? slug(name);
  if (id === '') return undefined;
  const mentions: Span[] = draft.runs
    .map((r) => ({ start: a.tokens[r.first]!.start, end: a.tokens[r.last]!.end, text: r.text }))
    .sort((x, y) => x.start - y.start);
  const aliases = [...new Set(draft.runs.map((r) => r.text))]
    .filter((al) => normalizeName(al) !== normalizeName(name))
    .sort();
  const knownName = draft.known?.entry.name;
  return {
    id,
    type: type.type,
    ...(type.kind ? { kind: type.kind } : {}),
    name: knownName ?? name,
    aliases,
    mentions,
    ...(draft.known ? { known: draft.known.match } : {}),
    evidence: type.evidence,
    confidence: type.confidence,
    ...(type.review ? { review: type.review } : {}),
  };
}
