/**
 * Names in the text: runs of capitalised tokens the model tags as names, joined over the
 * characters names contain ("N-Square", "AT&T", "Ming's Restaurant", "Bank of America", "the
 * Server and Tools Business": "and" inside an organization's name after "the"), with a
 * year ("RSA Conference 2008") or an event noun ("the N-Square dinner") that follows them.
 */
import { normalizeName } from '../model/names.ts';
import { EVENT_WORDS, NOT_NAMES, ORGANIZATION_WORDS, VENUE_WORDS } from './lexicon.ts';
import type { AnalysedText, Token } from './text.ts';

export interface NameRun {
  /** Token indexes, both included. */
  first: number;
  last: number;
  text: string;
  key: string;
  sentence: number;
  /** A single capitalised word opening a sentence and never capitalised elsewhere: maybe no name. */
  weak: boolean;
  /** A lowercase term the article keeps using ("virtualization"), not a name. */
  term?: boolean;
  /** A lowercase term named by an apposition ("live migration, a feature ..."): its noun. */
  concept?: string;
}

const FUNCTION_POS = new Set(['DET', 'PRON', 'ADP', 'CCONJ', 'SCONJ', 'AUX', 'PART', 'PUNCT']);
const YEAR = /^(?:19|20)\d\d$/;

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? '';

/** Starts with a capital ("Crosby", "IRG") or is camel-cased ("vSphere", "iPhone"). */
export function isCapitalised(text: string): boolean {
  return /^\p{Lu}/u.test(text) || /^\p{Ll}+\p{Lu}/u.test(text);
}

function isNameToken(t: Token | undefined): boolean {
  if (!t || !/\p{L}/u.test(t.text) || !isCapitalised(t.text)) return false;
  if (FUNCTION_POS.has(t.pos) && t.pos !== 'PROPN') return false;
  return !NOT_NAMES.has(t.text.toLowerCase());
}

const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '—', '-', ':']);

function opensSentence(a: AnalysedText, t: Token): boolean {
  const sentence = a.sentences[t.sentence]!;
  for (let i = t.index - 1; i >= sentence.first; i--) {
    if (!OPENERS.has(a.tokens[i]!.text)) return false;
  }
  return true;
}

/** Joined with no space between (a hyphen inside "N-Square"). */
const glued = (a: Token, b: Token | undefined) => b !== undefined && a.end === b.start;

/** The last of the name tokens that follow each other from `i`. */
function capitalisedEnd(tokens: readonly Token[], i: number): number {
  let last = i;
  while (isNameToken(tokens[last + 1]) && tokens[last + 1]!.sentence === tokens[i]!.sentence)
    last += 1;
  return last;
}

export function findNameRuns(a: AnalysedText): NameRun[] {
  const { tokens } = a;
  const runs: NameRun[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isNameToken(t)) continue;
    let last = i;
    for (;;) {
      const next = tokens[last + 1];
      const after = tokens[last + 2];
      if (next && next.sentence === t.sentence && isNameToken(next)) {
        last += 1;
      } else if (
        next &&
        (next.text === '-' || next.text === '&') &&
        glued(tokens[last]!, next) &&
        glued(next, after) &&
        isNameToken(after)
      ) {
        last += 2;
      } else if (
        next &&
        ['of', 'for', 'de'].includes(next.text) &&
        (ORGANIZATION_WORDS.has(lower(tokens[last])) ||
          VENUE_WORDS.has(lower(tokens[last])) ||
          lower(tokens[last]) in EVENT_WORDS) &&
        isNameToken(after)
      ) {
        last += 2;
      } else if (
        (next?.text === 'and' || next?.text === '&') &&
        lower(tokens[i - 1]) === 'the' &&
        isNameToken(after) &&
        ORGANIZATION_WORDS.has(lower(tokens[capitalisedEnd(tokens, last + 2)]))
      ) {
        // "the Server and Tools Business", "the Research & Development Division": one name.
        last = capitalisedEnd(tokens, last + 2);
      } else if (
        next?.text === "'s" &&
        after &&
        isNameToken(after) &&
        (VENUE_WORDS.has(lower(after)) || ORGANIZATION_WORDS.has(lower(after)))
      ) {
        last += 2;
      } else break;
    }
    const next = tokens[last + 1];
    if (next && next.sentence === t.sentence && YEAR.test(next.text)) last += 1;
    else if (
      next &&
      next.sentence === t.sentence &&
      lower(next) in EVENT_WORDS &&
      next.pos === 'NOUN'
    ) {
      last += 1;
    }
    const text = a.text.slice(t.start, tokens[last]!.end);
    runs.push({
      first: i,
      last,
      text,
      key: normalizeName(text),
      sentence: t.sentence,
      weak: false,
    });
    i = last;
  }
  const inside = new Set(runs.filter((r) => !opensSentence(a, tokens[r.first]!)).map((r) => r.key));
  // A surname opening a sentence after the full name ("Crosby did not ...") is a name.
  for (const run of runs)
    if (run.last > run.first) inside.add(normalizeName(tokens[run.last]!.text));
  for (const run of runs) {
    const next = tokens[run.last + 1];
    const token = tokens[run.first]!;
    run.weak =
      run.first === run.last &&
      !/^\p{Lu}{2,}$/u.test(token.text) &&
      // Not weak when the text names it mid-sentence too ("Sun said ..." and "according to
      // Sun"), whatever the model tags it at the start.
      !inside.has(run.key) &&
      (token.pos !== 'PROPN' || !['VERB', 'AUX'].includes(tokens[run.last + 1]?.pos ?? '')) &&
      opensSentence(a, token) &&
      (next === undefined || !isCapitalised(next.text));
  }
  return runs;
}
