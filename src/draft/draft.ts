/**
 * Drafts an article's annotation from its text: names -> entities (typed, linked to the
 * gazetteer, short forms joined), facts from patterns, claims from attributions, the article's
 * event and date. The gazetteer is asked once, with every candidate name and id. Pure apart from
 * that one call; the CLI (src/cli/draft-command.ts) and the resolver only connect it.
 */
import { FACT_TYPES, type EntityType, type FactEndpoints } from '../model/vocabulary.ts';
import { type Attribution, findAttributions, type MentionAt } from './attributions.ts';
import { findDates } from './dates.ts';
import { type EntityDraft, groupRuns, slug, toProposal } from './entities.ts';
import { findFacts } from './facts.ts';
import { BENEFIT_VERBS, CONCEPT_NOUNS } from './lexicon.ts';
import type { Gazetteer, GazetteerEntry } from './gazetteer.ts';
import { findNameRuns, type NameRun } from './names.ts';
import type { ClaimProposal, Draft, EntityProposal, FactProposal, Span } from './proposals.ts';
import { analyse, type AnalysedText, type Token } from './text.ts';
import { normalizeName } from '../model/names.ts';

export interface DraftInput {
  text: string;
  title?: string;
  publishedAt?: string;
}

/** Lowercase terms at least this long, used this often, are proposed as topics. */
const TERM_MIN_LENGTH = 10;
const TERM_MIN_COUNT = 4;
const PHRASE_MIN_COUNT = 3;

export async function draftArticle(input: DraftInput, gazetteer: Gazetteer): Promise<Draft> {
  const a = analyse(input.text);
  const articleYear = input.publishedAt?.slice(0, 4);
  const names = [...findNameRuns(a), ...termRuns(a)];
  const runs = [...names, ...conceptRuns(a, names)].sort((x, y) => x.first - y.first);
  const heads = lowercaseHeads(a);
  const entries = await gazetteer.lookup(
    [...new Set([...runs.flatMap((r) => [r.key, ...r.key.split(' ')]), ...heads.keys()])],
    [...new Set(runs.flatMap((r) => candidateIds(r, articleYear)))],
  );
  runs.push(...knownTopicRuns(heads, runs, entries));
  runs.sort((x, y) => x.first - y.first);
  const drafts = groupRuns(a, runs, entries);
  const proposals: EntityProposal[] = [];
  const unclassified: Span[] = [];
  for (const draft of drafts) {
    const proposal = toProposal(a, draft, eventYear(a, draft, articleYear));
    if (proposal) proposals.push(proposal);
    else if (!draft.runs.every((r) => r.weak)) {
      const r = draft.runs[0]!;
      unclassified.push({
        start: a.tokens[r.first]!.start,
        end: a.tokens[r.last]!.end,
        text: r.text,
      });
    }
  }
  const entities = uniqueIds(proposals);
  const mentions = mentionsOf(a, drafts, entities);
  const mentionAt: (MentionAt | undefined)[] = [];
  for (const m of mentions) for (let i = m.first; i <= m.last; i++) mentionAt[i] = m;

  const event = mainEvent(a, entities, mentions, articleYear);
  const facts = findFacts(a, mentions, mentionAt, articleYear);
  const types = new Map(entities.map((e) => [e.id, e.type]));
  const claims = claimsOf(
    a,
    findAttributions(a, mentionAt),
    facts,
    event,
    input.publishedAt,
    types,
  );
  facts.push(...eventFacts(claims, entities, facts, event), ...makerFacts(entities, facts));
  const byId = new Map(entities.map((e) => [e.id, e]));
  return {
    article: {
      id: `article-${slug(input.title ?? firstWords(a)) || 'draft'}`
        .slice(0, 120)
        .replace(/-+$/, ''),
      title: input.title ?? firstWords(a),
      ...(input.publishedAt ? { publishedAt: input.publishedAt } : {}),
      text: input.text,
    },
    entities,
    facts: facts.filter((f) => fits(f, byId)),
    claims,
    unclassified,
    ...(event ? { event: event.id } : {}),
  };
}

function firstWords(a: AnalysedText): string {
  const s = a.sentences[0];
  return s ? a.text.slice(s.start, s.end).slice(0, 100) : 'Untitled';
}

/** The ids a name may already have in the graph: its slug, and an event's slug with the year. */
function candidateIds(run: NameRun, year: string | undefined): string[] {
  const id = slug(run.text);
  // Each word too: "Citrix XenServer" may be an organization and its product.
  const words = run.text.split(/\s+/).map(slug);
  return [id, ...(year ? [`${id}-${year}`] : []), ...(words.length > 1 ? words : [])];
}

/**
 * Lowercase terms the article keeps coming back to ("virtualization"), and the compounds they
 * head ("virtualization security"): topics of a low confidence.
 */
function termRuns(a: AnalysedText): NameRun[] {
  const counts = new Map<string, number>();
  for (const t of a.tokens) {
    if (t.pos === 'NOUN' && /^\p{Ll}+$/u.test(t.text) && t.text.length >= TERM_MIN_LENGTH) {
      counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
    }
  }
  const terms = new Set([...counts].filter(([, n]) => n >= TERM_MIN_COUNT).map(([w]) => w));
  const runs: NameRun[] = [];
  // Two-word phrases used three times or more ("live migration") are terms too.
  const phrases = new Map<string, number>();
  for (const t of a.tokens) {
    const next = a.tokens[t.index + 1];
    if (
      !next ||
      next.sentence !== t.sentence ||
      !/^\p{Ll}+$/u.test(t.text) ||
      !/^\p{Ll}+$/u.test(next.text)
    )
      continue;
    if (!['ADJ', 'NOUN'].includes(t.pos) || next.pos !== 'NOUN' || terms.has(t.text)) continue;
    const phrase = `${t.text} ${next.text}`;
    phrases.set(phrase, (phrases.get(phrase) ?? 0) + 1);
  }
  for (const t of a.tokens) {
    const next = a.tokens[t.index + 1];
    if (!next || (phrases.get(`${t.text} ${next.text}`) ?? 0) < PHRASE_MIN_COUNT) continue;
    const text = a.text.slice(t.start, next.end);
    runs.push({
      first: t.index,
      last: next.index,
      text,
      key: normalizeName(text),
      sentence: t.sentence,
      weak: false,
      term: true,
    });
  }
  for (const t of a.tokens) {
    if (!terms.has(t.text)) continue;
    const next = a.tokens[t.index + 1];
    const compound =
      next && next.pos === 'NOUN' && /^\p{Ll}+$/u.test(next.text) && next.sentence === t.sentence;
    const last = compound ? t.index + 1 : t.index;
    const text = a.text.slice(t.start, a.tokens[last]!.end);
    runs.push({
      first: t.index,
      last,
      text,
      key: normalizeName(text),
      sentence: t.sentence,
      weak: false,
      term: true,
    });
  }
  return runs;
}

/** The tokens a run covers. */
const covered = (runs: readonly NameRun[]) => {
  const at = new Set<number>();
  for (const r of runs) for (let i = r.first; i <= r.last; i++) at.add(i);
  return at;
};

const lowercaseWord = (t: { text: string } | undefined) =>
  t !== undefined && /^\p{Ll}[\p{Ll}-]*$/u.test(t.text);

/**
 * A lowercase phrase named by an apposition, "live migration, a feature its rival had offered": a
 * topic, at each place the text uses the phrase (not inside a name).
 */
function conceptRuns(a: AnalysedText, names: readonly NameRun[]): NameRun[] {
  const phrases = new Map<string, string>();
  for (const comma of a.tokens) {
    if (comma.text !== ',') continue;
    let k = comma.index + 1;
    if (!['a', 'an', 'the'].includes(a.tokens[k]?.text ?? '')) continue;
    k += 1;
    if (a.tokens[k]?.pos === 'ADJ') k += 1;
    const noun = a.tokens[k]?.text ?? '';
    if (!(noun in CONCEPT_NOUNS)) continue;
    // Up to three lowercase words before the comma, a noun last, no determiner among them.
    let first = comma.index;
    while (
      first > comma.index - 3 &&
      lowercaseWord(a.tokens[first - 1]) &&
      ['ADJ', 'NOUN'].includes(a.tokens[first - 1]!.pos) &&
      a.tokens[first - 1]!.sentence === comma.sentence
    )
      first -= 1;
    if (first === comma.index || a.tokens[comma.index - 1]!.pos !== 'NOUN') continue;
    // A longer phrase ("the hardware live migration") would be cut, and a determiner makes a
    // thing, not a concept ("the price, a feature of ...").
    const before = a.tokens[first - 1];
    if (
      (['ADJ', 'NOUN'].includes(before?.pos ?? '') && lowercaseWord(before)) ||
      ['DET', 'PRON'].includes(before?.pos ?? '')
    )
      continue;
    const words = a.tokens.slice(first, comma.index).map((t) => t.text.toLowerCase());
    phrases.set(words.join(' '), noun);
  }
  if (phrases.size === 0) return [];
  const taken = covered(names);
  const runs: NameRun[] = [];
  for (const [phrase, noun] of phrases) {
    const words = phrase.split(' ');
    for (const t of a.tokens) {
      const span = a.tokens.slice(t.index, t.index + words.length);
      if (
        span.length !== words.length ||
        span.some((x, j) => x.text.toLowerCase() !== words[j] || taken.has(x.index)) ||
        span.at(-1)!.sentence !== t.sentence
      )
        continue;
      const text = a.text.slice(t.start, span.at(-1)!.end);
      runs.push({
        first: t.index,
        last: t.index + words.length - 1,
        text,
        key: normalizeName(text),
        sentence: t.sentence,
        weak: false,
        concept: noun,
      });
    }
  }
  return runs;
}

/** Lowercase nouns heading their phrase (no noun after them), by key: gazetteer candidates. */
function lowercaseHeads(a: AnalysedText): Map<string, Token[]> {
  const heads = new Map<string, Token[]>();
  for (const t of a.tokens) {
    const next = a.tokens[t.index + 1];
    if (t.pos !== 'NOUN' || !/^\p{Ll}{4,}$/u.test(t.text)) continue;
    if (next && next.sentence === t.sentence && ['NOUN', 'PROPN'].includes(next.pos)) continue;
    const key = normalizeName(t.text);
    heads.set(key, [...(heads.get(key) ?? []), t]);
  }
  return heads;
}

/**
 * A topic the gazetteer knows, written lowercase ("virtualization" for the graph's
 * "Virtualization"): a run where the word heads its phrase and no other run covers it.
 */
function knownTopicRuns(
  heads: Map<string, Token[]>,
  runs: readonly NameRun[],
  entries: readonly GazetteerEntry[],
): NameRun[] {
  const topics = new Set(
    entries
      .filter((e) => e.type === 'Topic')
      .flatMap((e) => [e.name, ...e.aliases])
      .filter((n): n is string => n !== undefined)
      .map(normalizeName),
  );
  const taken = covered(runs);
  const added: NameRun[] = [];
  for (const [key, tokens] of heads) {
    if (!topics.has(key)) continue;
    for (const t of tokens) {
      if (taken.has(t.index)) continue;
      added.push({
        first: t.index,
        last: t.index,
        text: t.text,
        key,
        sentence: t.sentence,
        weak: false,
      });
    }
  }
  return added;
}

function eventYear(a: AnalysedText, draft: EntityDraft, articleYear: string | undefined) {
  const sentence = a.sentences[draft.runs[0]!.sentence]!;
  const date = findDates(a.text.slice(sentence.start, sentence.end), articleYear)[0];
  return date?.value.slice(0, 4) ?? articleYear;
}

function uniqueIds(proposals: EntityProposal[]): EntityProposal[] {
  const byId = new Map<string, EntityProposal>();
  for (const p of proposals) {
    const before = byId.get(p.id);
    if (!before) {
      byId.set(p.id, p);
      continue;
    }
    before.mentions.push(...p.mentions);
    before.aliases = [...new Set([...before.aliases, ...p.aliases])];
  }
  return [...byId.values()];
}

function mentionsOf(
  a: AnalysedText,
  drafts: EntityDraft[],
  entities: EntityProposal[],
): MentionAt[] {
  const byStart = new Map<number, EntityProposal>();
  for (const e of entities) for (const m of e.mentions) byStart.set(m.start, e);
  const mentions: MentionAt[] = [];
  for (const d of drafts) {
    for (const r of d.runs) {
      const e = byStart.get(a.tokens[r.first]!.start);
      if (e) mentions.push({ id: e.id, type: e.type, first: r.first, last: r.last });
    }
  }
  return mentions.sort((x, y) => x.first - y.first);
}

/** The event the article reports: the first one named in its first two paragraphs, dated there. */
function mainEvent(
  a: AnalysedText,
  entities: EntityProposal[],
  mentions: MentionAt[],
  articleYear: string | undefined,
): EntityProposal | undefined {
  const first = mentions.find(
    (m) => m.type === 'Event' && a.sentences[a.tokens[m.first]!.sentence]!.paragraph <= 1,
  );
  const event = first ? entities.find((e) => e.id === first.id) : undefined;
  if (!event || !first) return undefined;
  const sentence = a.sentences[a.tokens[first.first]!.sentence]!;
  const date = findDates(a.text.slice(sentence.start, sentence.end), articleYear)[0];
  if (date && !event.known) event.startDate = date.value;
  return event;
}

function claimsOf(
  a: AnalysedText,
  attributions: Attribution[],
  facts: FactProposal[],
  event: EntityProposal | undefined,
  publishedAt: string | undefined,
  speakerTypes: Map<string, EntityType>,
): ClaimProposal[] {
  const claims: ClaimProposal[] = [];
  const used = new Set<string>();
  const deal = theDeal(facts);
  for (const attribution of attributions) {
    const start = a.tokens[attribution.first]!.start;
    let end = a.tokens[attribution.last]!.end;
    if (end - start > 1000) end = a.text.lastIndexOf(' ', start + 1000);
    const quote = { start, end, text: a.text.slice(start, end) };
    // "the deal was expected to close": with one acquisition in the article, it is about that one.
    const dealWords =
      attribution.targets.length === 0 && deal ? DEAL_WORDS.exec(quote.text)?.[0] : undefined;
    const at = dealWords && deal ? { ...attribution, targets: [deal.to] } : attribution;
    const sentence = a.sentences[at.sentence]!;
    const dateInSentence = findDates(
      a.text.slice(sentence.start, sentence.end),
      publishedAt?.slice(0, 4),
    )[0]?.value;
    const date = event?.startDate ?? dateInSentence ?? publishedAt;
    for (const speaker of at.speakers) {
      const job = facts.find(currentPostOf(speaker));
      // "crosby-dismisses-blue-pill"; an organization keeps its whole id.
      const short = speakerTypes.get(speaker) === 'Person' ? speaker.split('-').at(-1) : speaker;
      const base = `${short}-${at.stance.toLowerCase()}-${at.targets[0] ?? 'something'}`.slice(
        0,
        110,
      );
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      const reviews = [
        at.review,
        dealWords && deal
          ? `"${dealWords}" read as the article's one acquisition (${deal.from} of ${deal.to})`
          : undefined,
        at.targets.length === 0 ? 'no target found: name what this is about' : undefined,
        at.speakers.length > 1
          ? `said by ${at.speakers.length} speakers together: one claim each`
          : undefined,
        BENEFIT_CUE.test(at.stanceCue) && !ownTarget(speaker, at.targets, facts, quote.text)
          ? "a benefit said of what is not the speaker's: check PROMOTES"
          : undefined,
      ].filter((r): r is string => r !== undefined);
      claims.push({
        id,
        speakers: [
          {
            id: speaker,
            ...(job?.role ? { role: job.role } : {}),
            ...(job ? { organization: job.to } : {}),
          },
        ],
        targets: at.targets,
        stance: at.stance,
        stanceCue: at.stanceCue,
        statement: quote.text.replace(/\s+/g, ' '),
        quote,
        ...(event ? { event: event.id } : {}),
        ...(date ? { date } : {}),
        rule: at.rule,
        confidence: at.confidence,
        ...(reviews.length > 0 ? { review: reviews.join('; ') } : {}),
      });
    }
  }
  return claims;
}

/** A WORKS_FOR of `person` that the text does not say has ended: the role it holds now. */
const currentPostOf = (person: string) => (f: FactProposal) =>
  f.type === 'WORKS_FOR' && f.from === person && !f.ended;

/** Words for a deal, in what was said: "the deal", "the acquisition", "this merger". */
const DEAL_WORDS =
  /\b(?:the|this|that) (?:deal|acquisition|purchase|takeover|merger|transaction)\b/i;

/** The article's acquisition when it names exactly one (buyer and bought), else none. */
function theDeal(facts: readonly FactProposal[]): { from: string; to: string } | undefined {
  const deals = new Map(
    facts.filter((f) => f.type === 'ACQUIRED').map((f) => [`${f.from} ${f.to}`, f]),
  );
  return deals.size === 1 ? [...deals.values()][0] : undefined;
}

const BENEFIT_CUE = new RegExp(`"(?:will|would) (?:${BENEFIT_VERBS.join('|')})"`);

/**
 * A target is the speaker's own: a product the speaker, its employer or a company it buys
 * develops, or the speaker's words say "its", "our" or "we".
 */
function ownTarget(
  speaker: string,
  targets: readonly string[],
  facts: readonly FactProposal[],
  said: string,
): boolean {
  if (/\b(?:its|our|we)\b/i.test(said)) return true;
  const side = new Set([speaker]);
  for (const f of facts.filter(currentPostOf(speaker))) side.add(f.to);
  for (const f of facts) if (f.type === 'ACQUIRED' && side.has(f.from)) side.add(f.to);
  return facts.some((f) => f.type === 'DEVELOPS' && side.has(f.from) && targets.includes(f.to));
}

/** Who spoke at the article's event, and what was discussed there (the targets of its claims). */
function eventFacts(
  claims: ClaimProposal[],
  entities: EntityProposal[],
  facts: FactProposal[],
  event: EntityProposal | undefined,
): FactProposal[] {
  if (!event) return [];
  const byId = new Map(entities.map((e) => [e.id, e]));
  const added: FactProposal[] = [];
  const seen = new Set<string>();
  for (const claim of claims) {
    for (const { id } of claim.speakers) {
      const speaker = byId.get(id);
      if (speaker?.type !== 'Person' || seen.has(`p ${id}`)) continue;
      seen.add(`p ${id}`);
      const job = facts.find(currentPostOf(id));
      added.push({
        type: 'PARTICIPATED_IN',
        from: id,
        to: event.id,
        ...(job ? { representing: job.to } : {}),
        quote: speaker.mentions[0]!,
        rule: 'a speaker of a claim made at the event',
        confidence: 0.5,
        review: 'their role at the event (panelist, speaker, moderator ...)',
      });
    }
    for (const target of claim.targets) {
      const topic = byId.get(target);
      if (topic?.type !== 'Topic' || seen.has(`d ${target}`)) continue;
      seen.add(`d ${target}`);
      const inQuote = topic.mentions.find(
        (m) => m.start >= claim.quote.start && m.end <= claim.quote.end,
      );
      added.push({
        type: 'DISCUSSED',
        from: event.id,
        to: target,
        quote: inQuote ?? topic.mentions[0]!,
        rule: 'the target of a claim made at the event',
        confidence: 0.5,
      });
    }
  }
  return added;
}

/** "VMware ESX", "Citrix XenServer": the organization leading a product's name develops it. */
function makerFacts(entities: EntityProposal[], facts: FactProposal[]): FactProposal[] {
  const organizations = new Map<string, EntityProposal>();
  for (const e of entities) {
    if (e.type !== 'Organization') continue;
    for (const n of [e.name, ...e.aliases]) organizations.set(normalizeName(n), e);
  }
  const added: FactProposal[] = [];
  for (const topic of entities) {
    if (topic.type !== 'Topic') continue;
    for (const m of topic.mentions) {
      const first = m.text.split(/\s+/)[0]!;
      const maker = m.text.includes(' ') ? organizations.get(normalizeName(first)) : undefined;
      if (
        !maker ||
        facts.some((f) => f.type === 'DEVELOPS' && f.from === maker.id && f.to === topic.id)
      )
        continue;
      if (added.some((f) => f.from === maker.id && f.to === topic.id)) continue;
      added.push({
        type: 'DEVELOPS',
        from: maker.id,
        to: topic.id,
        quote: m,
        rule: 'a product named after its maker',
        confidence: 0.6,
      });
    }
  }
  return added;
}

function fits(fact: FactProposal, byId: Map<string, EntityProposal>): boolean {
  const pairs: readonly FactEndpoints[] = FACT_TYPES[fact.type].endpoints;
  const from = byId.get(fact.from)?.type as EntityType | undefined;
  const to = byId.get(fact.to)?.type as EntityType | undefined;
  return (
    from !== undefined &&
    to !== undefined &&
    pairs.some((p) => p.from.includes(from) && p.to.includes(to))
  );
}
