/**
 * An article's text as the drafting rules read it: tokens with their character offsets, part of
 * speech, lemma and negation, grouped in sentences and paragraphs. wink-nlp and its English model
 * (an npm package, loaded in this process: no service, no network) do the tokenising, tagging and
 * sentence splitting; everything after this file works on these plain arrays.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  readonly index: number;
  /** Exactly as in the text. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Universal POS tag: PROPN, NOUN, VERB, AUX, ADP, PUNCT ... */
  readonly pos: string;
  readonly lemma: string;
  /** Inside the scope of a negation ("did not dismiss"), as the model marks it. */
  readonly negated: boolean;
  readonly sentence: number;
}

export interface Sentence {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Token indexes, first and last (inclusive). */
  readonly first: number;
  readonly last: number;
  readonly paragraph: number;
}

export interface AnalysedText {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
}

type Wink = ReturnType<typeof winkNLP>;
let loaded: Wink | undefined;

/** The model takes about 100 ms to load; it is loaded once, on the first draft. */
function wink(): Wink {
  loaded ??= winkNLP(model);
  return loaded;
}

export function analyse(text: string): AnalysedText {
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let cursor = 0;
  let paragraph = 0;
  doc.sentences().each((sentence, s) => {
    const values = sentence.tokens().out(its.value) as string[];
    const pos = sentence.tokens().out(its.pos) as string[];
    // The type declarations miss lemma's signature; the function works as documented.
    const lemmas = sentence.tokens().out(its.lemma as never) as unknown as string[];
    const negation = sentence.tokens().out(its.negationFlag) as unknown as boolean[];
    const first = tokens.length;
    values.forEach((value, i) => {
      // Line breaks are tokens for the model; paragraphs are read from the text instead.
      if (value.trim() === '') return;
      const at = text.indexOf(value, cursor);
      // The tokenizer keeps every token as written; one not found (never seen) is left out.
      if (at < 0) return;
      if (tokens.length === first && /\n\s*\n/.test(text.slice(cursor, at))) paragraph += 1;
      tokens.push({
        index: tokens.length,
        text: value,
        start: at,
        end: at + value.length,
        pos: pos[i] ?? 'X',
        lemma: (lemmas[i] ?? value).toLowerCase(),
        negated: Boolean(negation[i]),
        sentence: s,
      });
      cursor = at + value.length;
    });
    if (tokens.length === first) return;
    const last = tokens.length - 1;
    sentences.push({
      index: s,
      start: tokens[first]!.start,
      end: tokens[last]!.end,
      first,
      last,
      paragraph,
    });
  });
  // Sentence indexes are positions in `sentences`, even if an empty one was skipped.
  const renumbered = sentences.map((s, i) => ({ ...s, index: i }));
  const bySentence = new Map(sentences.map((s, i) => [s.index, i]));
  return {
    text,
    tokens: tokens.map((t) => ({ ...t, sentence: bySentence.get(t.sentence) ?? 0 })),
    sentences: renumbered,
  };
}

/** The exact text between two tokens, both included. */
export function spanText(analysed: AnalysedText, first: number, last: number): string {
  return analysed.text.slice(analysed.tokens[first]!.start, analysed.tokens[last]!.end);
}
