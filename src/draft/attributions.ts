/**
 * Attributions: who said, argued, characterised, dismissed, promoted or disputed what. Read off
 * each sentence by patterns around a reporting verb of the lexicon:
 *
 * - "X said (that) ...", "X, Y and Z responded that ...", "Both X and Y agreed that ...",
 *   "X, who ..., argued that ..."
 * - "... , X said." and "'...,' said X." (the quote may open sentences earlier)
 * - "according to X, ..." and "..., according to X"
 * - "X characterized Y as ..." (Y is the target)
 * - "Further, that ..." continues the sentence before's speakers
 * - "X wants companies to ..." (a company's aim: PROMOTES, lower confidence)
 *
 * Targets are the entities named in what was said, and the topic a sentence opens with ("As for
 * Blue Pill, ..."). Stance: the verb's, else the first cue in what was said, else ASSERTS; a
 * negated verb ("did not dismiss") gives no stance of its own and asks the editor.
 */
import type { EntityType, Stance } from '../model/vocabulary.ts';
import {
  ANSWERING_VERBS,
  NEGATIONS,
  REPORTING_VERBS,
  STANCE_CUES,
  TITLE_MODIFIERS,
  TITLE_WORDS,
  WANTING_VERBS,
} from './lexicon.ts';
import type { AnalysedText, Token } from './text.ts';

export interface MentionAt {
  id: string;
  type: EntityType;
  first: number;
  last: number;
}

/** An attribution before claims are made of it: one per sentence, all its speakers. */
export interface Attribution {
  speakers: string[];
  targets: string[];
  stance: Stance;
  stanceCue: string;
  /** Token range of what was said. */
  first: number;
  last: number;
  sentence: number;
  rule: string;
  confidence: number;
  review?: string;
}

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? '';
const QUOTES = new Set(['"', '“', '”']);
const APPOSITION_OPENERS = new Set(['who', 'which', 'a', 'an', 'the', 'now', 'then', 'whose']);
const FRAMES = new Set(['as for', 'as to', 'regarding', 'on', 'about', 'concerning']);

interface Verb {
  index: number;
  /** The last token of the verb phrase ("put forward", "made the case"). */
  end: number;
  key: string;
  stance: Stance | null;
  wanting: boolean;
}

function verbAt(a: AnalysedText, i: number): Verb | undefined {
  const t = a.tokens[i]!;
  if (t.pos !== 'VERB') return undefined;
  const next = lower(a.tokens[i + 1]);
  const afterThe = lower(a.tokens[i + 1]) === 'the' ? lower(a.tokens[i + 2]) : undefined;
  for (const [key, end] of [
    [`${t.lemma} ${next}`, i + 1],
    [`${t.lemma} ${afterThe ?? ''}`, i + 2],
  ] as const) {
    if (key in REPORTING_VERBS)
      return { index: i, end, key, stance: REPORTING_VERBS[key]!, wanting: false };
  }
  if (t.lemma === 'point' && next !== 'out') return undefined;
  if (t.lemma in REPORTING_VERBS) {
    return {
      index: i,
      end: t.lemma === 'point' ? i + 1 : i,
      key: t.lemma,
      stance: REPORTING_VERBS[t.lemma]!,
      wanting: false,
    };
  }
  if (WANTING_VERBS.has(t.lemma))
    return { index: i, end: i, key: t.lemma, stance: 'PROMOTES', wanting: true };
  return undefined;
}

function isNegated(a: AnalysedText, verb: Verb): boolean {
  for (let i = verb.index - 1; i >= Math.max(0, verb.index - 3); i--) {
    const t = a.tokens[i]!;
    if (t.sentence !== a.tokens[verb.index]!.sentence) break;
    if (NEGATIONS.has(lower(t))) return true;
    if (t.pos !== 'AUX' && t.pos !== 'ADV' && t.pos !== 'PART') break;
  }
  return false;
}

/** The speakers ending at token `end` (reading leftwards): "Crosby, Mulchandani and Christy". */
function speakersEndingAt(
  a: AnalysedText,
  end: number,
  mentionAt: readonly (MentionAt | undefined)[],
): { ids: string[]; first: number } | undefined {
  const ids: string[] = [];
  let i = end;
  let first = end;
  for (;;) {
    let m = mentionAt[i];
    // "Citrix XenServer want ...": the product's organization speaks.
    const maker = m ? mentionAt[m.first - 1] : undefined;
    if (
      m?.type === 'Topic' &&
      maker?.type === 'Organization' &&
      a.tokens[m.first - 1]!.end < a.tokens[m.first]!.start
    )
      m = maker;
    if (!m || m.last > i || (m.type !== 'Person' && m.type !== 'Organization')) break;
    ids.unshift(m.id);
    first = m.first;
    i = m.first - 1;
    if (lower(a.tokens[i]) === 'and') i -= 1;
    else if (a.tokens[i]?.text === ',') i -= lower(a.tokens[i - 1]) === 'and' ? 2 : 1;
    else break;
    if (a.tokens[i]?.text === ',') i -= 1;
    if (lower(a.tokens[i]) === 'and') i -= 1;
  }
  if (ids.length === 0) return undefined;
  if (lower(a.tokens[first - 1]) === 'both') first -= 1;
  return { ids: [...new Set(ids)], first };
}

/** Leftwards from a verb: adverbs, auxiliaries, negations, and a ", who ...," clause. */
function subjectEnd(a: AnalysedText, verb: Verb): number {
  const sentence = a.sentences[a.tokens[verb.index]!.sentence]!;
  let i = verb.index - 1;
  while (i >= sentence.first) {
    const t = a.tokens[i]!;
    if (t.pos === 'ADV' || t.pos === 'AUX' || t.pos === 'PART') i -= 1;
    else if (t.text === ',') {
      // ", who has long said so," between the speaker and the verb
      let k = i - 1;
      while (k > sentence.first && a.tokens[k]!.text !== ',') k -= 1;
      // ", who ...," or an apposition (", the CTO of XenSource,") between the speaker and the verb
      const opener = lower(a.tokens[k + 1]);
      const apposition =
        APPOSITION_OPENERS.has(opener) || TITLE_WORDS.has(opener) || TITLE_MODIFIERS.has(opener);
      if (k > sentence.first && apposition) i = k - 1;
      else return i;
    } else return i;
  }
  return i;
}

function contentStart(a: AnalysedText, from: number): number {
  let i = from;
  while ([',', ':', 'that', '"', '“'].includes(lower(a.tokens[i])) && i < a.tokens.length - 1) {
    if (QUOTES.has(a.tokens[i]!.text)) break;
    i += 1;
  }
  return i;
}

/** Extends a quotation opened at `first` to its closing mark, up to five sentences on. */
function closeQuote(a: AnalysedText, first: number, last: number): number {
  const opened = a.tokens.slice(first, last + 1).filter((t) => QUOTES.has(t.text)).length % 2 === 1;
  if (!opened) return last;
  const limit = a.sentences[Math.min(a.sentences.length - 1, a.tokens[last]!.sentence + 5)]!.last;
  for (let i = last + 1; i <= limit; i++) if (QUOTES.has(a.tokens[i]!.text)) return i;
  return last;
}

/** Backwards: where a quotation that closes at `close` opened, up to five sentences back. */
function openQuote(a: AnalysedText, close: number): number | undefined {
  const sentence = a.tokens[close]!.sentence;
  const floor = a.sentences[Math.max(0, sentence - 5)]!.first;
  for (let i = close - 1; i >= floor; i--) if (QUOTES.has(a.tokens[i]!.text)) return i;
  return undefined;
}

function trimEnd(a: AnalysedText, first: number, last: number): number {
  let i = last;
  while (i > first && /^[.,;:!?"”’)]$/.test(a.tokens[i]!.text)) i -= 1;
  return i;
}

function trimStart(a: AnalysedText, first: number, last: number): number {
  let i = first;
  while (i < last && /^["“‘(,]$/.test(a.tokens[i]!.text)) i += 1;
  return i;
}

/** The stance cue first found in what was said, skipping a negated one. */
const CUE_PATTERNS = STANCE_CUES.map(
  (cue) =>
    [
      cue,
      new RegExp(
        `(^|[^\\p{L}'])${cue[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`,
        'gu',
      ),
    ] as const,
);

export function cueOf(text: string): readonly [string, Stance] | undefined {
  const said = text.toLowerCase();
  let best: { at: number; cue: readonly [string, Stance] } | undefined;
  for (const [cue, pattern] of CUE_PATTERNS) {
    for (const m of said.matchAll(pattern)) {
      const at = m.index + m[1]!.length;
      const before = said.slice(Math.max(0, at - 30), at);
      const selfNegating = /^(?:no|not|nothing)\b/.test(cue[0]);
      if (!selfNegating && /(?:\bnot|\bnever|n't|\bno)\s+(?:\w+\s+){0,2}$/.test(before)) continue;
      if (!best || at < best.at) best = { at, cue };
      break;
    }
  }
  return best?.cue;
}

function stanceOf(
  a: AnalysedText,
  verb: Verb,
  first: number,
  last: number,
): { stance: Stance; cue: string; review?: string } {
  const said = a.text.slice(a.tokens[first]!.start, a.tokens[last]!.end);
  if (isNegated(a, verb)) {
    return {
      stance: 'ASSERTS',
      cue: `not ${verb.key}`,
      review: `the verb "${verb.key}" is negated: choose the stance`,
    };
  }
  const answering = ANSWERING_VERBS.has(verb.key);
  if (verb.stance && verb.stance !== 'ASSERTS' && !answering)
    return { stance: verb.stance, cue: verb.key };
  const cue = cueOf(said);
  if (cue) return { stance: cue[1], cue: `${verb.key} + "${cue[0]}"` };
  return { stance: verb.stance ?? 'ASSERTS', cue: verb.key };
}

/** The topic a sentence opens with: "As for Blue Pill, ...". */
function frameOf(a: AnalysedText, sentence: number, mentionAt: readonly (MentionAt | undefined)[]) {
  const s = a.sentences[sentence]!;
  const one = lower(a.tokens[s.first]);
  const two = `${one} ${lower(a.tokens[s.first + 1])}`;
  const at = FRAMES.has(two) ? s.first + 2 : FRAMES.has(one) ? s.first + 1 : undefined;
  if (at === undefined) return undefined;
  const m = mentionAt[at];
  return m && (a.tokens[m.last + 1]?.text === ',' || a.tokens[m.last + 1]?.text === '—')
    ? m.id
    : undefined;
}

function targetsIn(
  first: number,
  last: number,
  mentionAt: readonly (MentionAt | undefined)[],
  speakers: readonly string[],
): string[] {
  const ids: string[] = [];
  for (let i = first; i <= last; i++) {
    const m = mentionAt[i];
    if (m && m.type !== 'Place' && !speakers.includes(m.id) && !ids.includes(m.id)) ids.push(m.id);
  }
  return ids;
}

export function findAttributions(
  a: AnalysedText,
  mentionAt: readonly (MentionAt | undefined)[],
): Attribution[] {
  const found: Attribution[] = [];
  for (const sentence of a.sentences) {
    const before = found.length;
    const frame = frameOf(a, sentence.index, mentionAt);
    const add = (
      speakers: string[],
      verb: Verb | undefined,
      first: number,
      last: number,
      rule: string,
      confidence: number,
      extraTargets: string[] = [],
    ) => {
      last = trimEnd(a, first, last);
      first = trimStart(a, first, last);
      if (last < first) return;
      const stance: { stance: Stance; cue: string; review?: string } = verb
        ? stanceOf(a, verb, first, last)
        : (() => {
            const cue = cueOf(a.text.slice(a.tokens[first]!.start, a.tokens[last]!.end));
            return cue
              ? { stance: cue[1], cue: `"${cue[0]}"` }
              : { stance: 'ASSERTS' as Stance, cue: rule };
          })();
      const targets = [
        ...new Set([...extraTargets, ...targetsIn(first, last, mentionAt, speakers)]),
      ];
      if (frame && !speakers.includes(frame) && !targets.includes(frame)) targets.unshift(frame);
      found.push({
        speakers,
        targets,
        stance: stance.stance,
        stanceCue: stance.cue,
        first,
        last,
        sentence: sentence.index,
        rule,
        confidence,
        ...(stance.review ? { review: stance.review } : {}),
      });
    };

    // "according to X"
    for (let i = sentence.first; i < sentence.last; i++) {
      if (lower(a.tokens[i]) !== 'according' || lower(a.tokens[i + 1]) !== 'to') continue;
      const m = mentionAt[i + 2];
      if (!m || (m.type !== 'Person' && m.type !== 'Organization')) continue;
      if (i <= sentence.first + 1)
        add([m.id], undefined, m.last + 1, sentence.last, 'according to', 0.7);
      else add([m.id], undefined, sentence.first, i - 1, 'according to', 0.7);
    }
    if (found.length > before) continue;

    // "Further, that ...": the sentence before's speakers go on.
    const opener = lower(a.tokens[sentence.first]);
    const thatAt =
      a.tokens[sentence.first + 1]?.text === ',' ? sentence.first + 2 : sentence.first + 1;
    if (
      ['further', 'furthermore', 'also', 'and', 'moreover'].includes(opener) &&
      lower(a.tokens[thatAt]) === 'that'
    ) {
      const previous = found.at(-1);
      if (previous && previous.sentence === sentence.index - 1) {
        add(
          previous.speakers,
          undefined,
          thatAt + 1,
          sentence.last,
          'continues the sentence before',
          0.6,
        );
        continue;
      }
    }

    for (let i = sentence.first; i <= sentence.last; i++) {
      const verb = verbAt(a, i);
      if (!verb) continue;
      const end = subjectEnd(a, verb);
      const subject = end >= sentence.first ? speakersEndingAt(a, end, mentionAt) : undefined;
      if (verb.wanting) {
        if (subject && lower(a.tokens[verb.end + 1]) !== 'to') {
          add(subject.ids, verb, verb.end + 1, sentence.last, `${verb.key} ... to`, 0.4);
        }
        continue;
      }
      if (subject) {
        // "..., X said." / "'...,' X said": what was said comes before.
        const closing = a.tokens[subject.first - 1];
        const endsClause =
          verb.end >= sentence.last || /^[.,;!?"”]$/.test(a.tokens[verb.end + 1]!.text);
        if (
          endsClause &&
          closing &&
          (closing.text === ',' || QUOTES.has(closing.text)) &&
          subject.first > sentence.first + 1
        ) {
          let first = sentence.first;
          const close = QUOTES.has(closing.text) ? subject.first - 1 : subject.first - 2;
          if (QUOTES.has(a.tokens[close]?.text ?? '')) first = openQuote(a, close) ?? first;
          add(subject.ids, verb, first, subject.first - 1, `..., X ${verb.key}`, 0.7);
          break;
        }
        if (verb.stance === null) {
          // "X characterized Y as ...": Y is the target.
          const object = mentionAt[verb.end + 1];
          if (object && lower(a.tokens[object.last + 1]) === 'as') {
            add(subject.ids, verb, object.last + 2, sentence.last, `X ${verb.key} Y as`, 0.7, [
              object.id,
            ]);
            break;
          }
          continue;
        }
        const first = contentStart(a, verb.end + 1);
        const last = closeQuote(a, first, sentence.last);
        add(
          subject.ids,
          verb,
          first,
          last,
          `X ${verb.key} that`,
          lower(a.tokens[verb.end + 1]) === 'that' ? 0.75 : 0.65,
        );
        break;
      }
      // "'...,' said X."
      const after = mentionAt[verb.end + 1];
      const closing = a.tokens[verb.index - 1];
      if (
        after &&
        (after.type === 'Person' || after.type === 'Organization') &&
        closing &&
        (closing.text === ',' || QUOTES.has(closing.text))
      ) {
        let first = sentence.first;
        const close = QUOTES.has(closing.text) ? verb.index - 1 : verb.index - 2;
        if (QUOTES.has(a.tokens[close]?.text ?? '')) first = openQuote(a, close) ?? first;
        add([after.id], verb, first, verb.index - 1, `..., ${verb.key} X`, 0.7);
        break;
      }
    }
  }
  return found;
}
