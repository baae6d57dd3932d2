/**
 * Writes schema/article.schema.json, the published JSON Schema of the kg-article/1 import format,
 * from the zod schemas in src/ingest/format.ts. A unit test regenerates it and fails when the
 * committed file differs, so run this after changing the format:
 *
 *   npx tsx scripts/write-json-schema.ts           write the file
 *   npx tsx scripts/write-json-schema.ts --check   exit 1 if the file is stale
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { projectRoot } from '../src/config.ts';
import { articleJsonSchema } from '../src/ingest/format.ts';

export const ARTICLE_SCHEMA_FILE = path.join(projectRoot, 'schema', 'article.schema.json');

/** The file's exact content: the schema as JSON, formatted the way `prettier --check` wants it. */
export async function renderArticleJsonSchema(): Promise<string> {
  const options = (await prettier.resolveConfig(ARTICLE_SCHEMA_FILE)) ?? {};
  return prettier.format(JSON.stringify(articleJsonSchema(), null, 2), {
    ...options,
    filepath: ARTICLE_SCHEMA_FILE,
  });
}

async function main(check: boolean): Promise<void> {
  const rendered = await renderArticleJsonSchema();
  const relative = path.relative(process.cwd(), ARTICLE_SCHEMA_FILE);
  if (check) {
    const committed = await readFile(ARTICLE_SCHEMA_FILE, 'utf8').catch(() => '');
    if (committed !== rendered) {
      console.error(`${relative} is stale: run npx tsx scripts/write-json-schema.ts`);
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(ARTICLE_SCHEMA_FILE, rendered);
  console.log(`wrote ${relative}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.includes('--check'));
}
