import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientDocuments, renderTrustedDocuments } from '../../scripts/write-trusted-documents.ts';
import * as typed from '../../client/generated/graphql.ts';
import { asGraphiQLSendsIt, GRAPHIQL_TABS } from '../../src/graphql/examples.ts';
import {
  documentId,
  loadTrustedDocuments,
  TRUSTED_DOCUMENTS_FILE,
} from '../../src/graphql/trusted-documents.ts';

describe('schema/trusted-documents.json', () => {
  it('is up to date with the GraphiQL examples and operations/', async () => {
    const committed = readFileSync(TRUSTED_DOCUMENTS_FILE, 'utf8');
    expect(committed, 'regenerate it: npm run documents:write').toBe(
      await renderTrustedDocuments(),
    );
  });

  it('lists every GraphiQL example as written and as GraphiQL sends it, by the SHA-256 of its text', async () => {
    const listed = loadTrustedDocuments();
    for (const example of GRAPHIQL_TABS) {
      expect(listed.get(documentId(example.query))).toBe(example.query);
      const sent = asGraphiQLSendsIt(example);
      expect(sent).not.toContain('#');
      expect(listed.get(documentId(sent))).toBe(sent);
    }
    expect(listed.size).toBe(new Set(await clientDocuments()).size);
    expect(documentId('{__typename}')).toBe(
      'ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38',
    );
  });

  it('lists what the typed client sends: each document in full, and the text its hash names', () => {
    const listed = loadTrustedDocuments();
    const documents = [typed.WhoDismissedDocument, typed.GraphChangedDocument];
    for (const document of documents) {
      const text = String(document);
      expect(listed.get(documentId(text))).toBe(text);
      // Sent as `documentId`, the GraphQL over HTTP draft's way: `sha256:` and the hash.
      const hash = String(document.__meta__?.hash).replace(/^sha256:/, '');
      expect(listed.has(hash)).toBe(true);
    }
  });

  it('refuses a list whose id is not the hash of its document', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kg-trusted-')), 'list.json');
    writeFileSync(
      file,
      JSON.stringify({ [documentId('{ __typename }')]: '{ about { database } }' }),
    );
    expect(() => loadTrustedDocuments(file)).toThrow(/is not the SHA-256 of its document/);
  });
});
