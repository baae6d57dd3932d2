/**
 * Writes schema/trusted-documents.json, the documents our clients send, keyed by the SHA-256 of
 * their exact text: every GraphiQL example (src/graphql/examples.ts) as it is written and as
 * GraphiQL sends it, and every operations/*.graphql file as it is. A unit test regenerates it and
 * fails when the committed file differs, so run this after adding or changing an operation:
 *
 *   npm run documents:write   write the file
 *   npm run documents:check   exit 1 if the file is stale
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { projectRoot } from '../src/config.ts';
import { asGraphiQLSendsIt, EXAMPLES } from '../src/graphql/examples.ts';
import { documentId, TRUSTED_DOCUMENTS_FILE } from '../src/graphql/trusted-documents.ts';

/** Where the operations of our front ends live, one per file. */
export const OPERATIONS_DIR = path.join(projectRoot, 'operations');

/**
 * The documents to list: the examples first, each as written (what the README and other clients
 * send) and as GraphiQL sends it, then operations/ by file name.
 */
export function clientDocuments(): string[] {
  const files = readdirSync(OPERATIONS_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort();
  return [
    ...EXAMPLES.flatMap((e) => [e.query, asGraphiQLSendsIt(e)]),
    ...files.map((name) => readFileSync(path.join(OPERATIONS_DIR, name), 'utf8')),
  ];
}

/** The file's exact content, formatted the way `prettier --check` wants it. */
export async function renderTrustedDocuments(): Promise<string> {
  const listed = Object.fromEntries(clientDocuments().map((text) => [documentId(text), text]));
  const options = (await prettier.resolveConfig(TRUSTED_DOCUMENTS_FILE)) ?? {};
  return prettier.format(JSON.stringify(listed, null, 2), {
    ...options,
    filepath: TRUSTED_DOCUMENTS_FILE,
  });
}

async function main(check: boolean): Promise<void> {
  const rendered = await renderTrustedDocuments();
  const relative = path.relative(process.cwd(), TRUSTED_DOCUMENTS_FILE);
  if (check) {
    const committed = await readFile(TRUSTED_DOCUMENTS_FILE, 'utf8').catch(() => '');
    if (committed !== rendered) {
      console.error(`${relative} is stale: run npm run documents:write`);
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(TRUSTED_DOCUMENTS_FILE, rendered);
  console.log(`wrote ${relative}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.includes('--check'));
}
