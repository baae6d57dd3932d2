/**
 * Writes schema/trusted-documents.json, the documents our clients send, keyed by the SHA-256 of
 * their exact text: every GraphiQL example (operations/examples/, src/graphql/examples.ts) as it
 * is written, as GraphiQL sends it and as the typed client (client/generated/, graphql-codegen's
 * client preset) sends it, in full or by its hash, and every operations/*.graphql file as it is.
 * A unit test regenerates it and
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
import { asGraphiQLSendsIt, GRAPHIQL_TABS } from '../src/graphql/examples.ts';
import { documentId, TRUSTED_DOCUMENTS_FILE } from '../src/graphql/trusted-documents.ts';

/** Where the operations of our front ends live, one per file. */
export const OPERATIONS_DIR = path.join(projectRoot, 'operations');

/** What `npm run codegen` writes for front ends: the typed examples and their persisted texts. */
const CLIENT_DIR = path.join(projectRoot, 'client', 'generated');

/**
 * The documents to list: the examples first, each as written (what the README and other clients
 * send) and as GraphiQL sends it, then operations/ by file name.
 */
export async function clientDocuments(): Promise<string[]> {
  const files = readdirSync(OPERATIONS_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort();
  return [
    ...GRAPHIQL_TABS.flatMap((e) => [e.query, asGraphiQLSendsIt(e)]),
    ...(await typedClientDocuments()),
    ...files.map((name) => readFileSync(path.join(OPERATIONS_DIR, name), 'utf8')),
  ];
}

/**
 * What the typed client sends: each document's text (`String(WhoDismissedDocument)`), and the
 * normalised text its hash names (`WhoDismissedDocument.__meta__.hash`, sent as `documentId`).
 */
async function typedClientDocuments(): Promise<string[]> {
  const generated = (await import(
    pathToFileURL(path.join(CLIENT_DIR, 'graphql.ts')).href
  )) as Record<string, unknown>;
  const texts = Object.entries(generated)
    .filter(([name]) => name.endsWith('Document'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, document]) => String(document));
  const persisted = JSON.parse(
    readFileSync(path.join(CLIENT_DIR, 'persisted-documents.json'), 'utf8'),
  ) as Record<string, string>;
  return [...texts, ...Object.values(persisted)];
}

/** The file's exact content, formatted the way `prettier --check` wants it. */
export async function renderTrustedDocuments(): Promise<string> {
  const listed = Object.fromEntries(
    (await clientDocuments()).map((text) => [documentId(text), text]),
  );
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
