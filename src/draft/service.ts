/**
 * The one entry point of the CLI and the GraphQL resolver: checks the input against the limits,
 * drafts, and writes the file. The text limit keeps one draft near half a second of CPU (about
 * 16,000 words; drafting runs on the caller's thread), well under the import's 5 MB.
 */
import { dateProblem, isDateWithPrecision } from '../model/dates.ts';
import { UserError } from '../model/errors.ts';
import { TITLE_MAX_LENGTH } from '../ingest/format.ts';
import { draftArticle, type DraftInput } from './draft.ts';
import type { Gazetteer } from './gazetteer.ts';
import type { Draft } from './proposals.ts';
import { writeDraft } from './writer.ts';

export const MAX_DRAFT_TEXT = 100_000;

export function checkDraftInput(input: DraftInput): void {
  const bad = (message: string) => new UserError(message, 'BAD_USER_INPUT');
  if (input.text.trim() === '') throw bad('text: expected the article text, found nothing.');
  if (input.text.length > MAX_DRAFT_TEXT) {
    throw bad(
      `text: at most ${MAX_DRAFT_TEXT.toLocaleString('en')} characters can be drafted at once; found ${input.text.length.toLocaleString('en')}.`,
    );
  }
  if (
    input.title !== undefined &&
    (input.title.trim() === '' || input.title.length > TITLE_MAX_LENGTH)
  ) {
    throw bad(`title: expected a title of 1 to ${TITLE_MAX_LENGTH} characters.`);
  }
  if (input.publishedAt !== undefined && !isDateWithPrecision(input.publishedAt)) {
    throw bad(`publishedAt: ${dateProblem(input.publishedAt) ?? 'expected a date'}.`);
  }
}

export async function draftFile(
  input: DraftInput,
  gazetteer: Gazetteer,
): Promise<{ draft: Draft; yaml: string }> {
  checkDraftInput(input);
  const draft = await draftArticle(input, gazetteer);
  return { draft, yaml: writeDraft(draft) };
}
