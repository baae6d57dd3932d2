import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { projectRoot, type TrustedDocumentsMode } from '../config.ts';
import { type ErrorCode, UserError } from '../model/errors.ts';

/** The checked-in list, written by `npm run documents:write` (scripts/write-trusted-documents.ts). */
export const TRUSTED_DOCUMENTS_FILE = path.join(projectRoot, 'schema', 'trusted-documents.json');

/** Documents by id: the SHA-256 of the document's exact text, in lowercase hex. */
export type TrustedDocuments = ReadonlyMap<string, string>;

/** The id of a document: what a client sends as `extensions.persistedQuery.sha256Hash`. */
export const documentId = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads the list; a document whose id is not its hash is refused (an edit by hand went wrong). */
export function loadTrustedDocuments(file = TRUSTED_DOCUMENTS_FILE): TrustedDocuments {
  const entries = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  const wrong = entries.filter(([id, text]) => documentId(text) !== id).map(([id]) => id);
  if (wrong.length > 0) {
    throw new UserError(
      `${file}: ${wrong.join(', ')} is not the SHA-256 of its document: run npm run documents:write`,
      'BAD_CONFIG',
    );
  }
  return new Map(entries);
}

/**
 * A refusal before anything runs, answered as a document that does not validate: 400 for a client
 * that accepts application/graphql-response+json, 200 for one that takes application/json.
 */
const refusal = (message: string, code: ErrorCode | 'BAD_REQUEST') => () =>
  createGraphQLError(message, { extensions: { code, http: { spec: true, status: 400 } } });

const notListed = refusal(
  'This server runs trusted documents only: send the id of a listed document, or its exact text.',
  'PERSISTED_QUERY_ONLY',
);

/**
 * Persisted documents (trusted documents). `allow`: a client may send the id of a listed document
 * instead of its text, Apollo's way (`extensions.persistedQuery.sha256Hash`, version 1) or the
 * GraphQL over HTTP draft's (`documentId`, `sha256:` before the hash or not), or any document in
 * full. `only`: a document sent in full runs only when it is one of the list, byte for byte.
 * `off`: no ids, any document.
 */
export function trustedDocumentsPlugins(
  mode: TrustedDocumentsMode,
  listed?: TrustedDocuments,
): Plugin[] {
  if (mode === 'off') return [];
  const documents = listed ?? loadTrustedDocuments();
  const listedOnly: Plugin = {
    onParams({ params }) {
      if (typeof params.query === 'string' && !documents.has(documentId(params.query))) {
        throw notListed();
      }
    },
  };
  return [
    ...(mode === 'only' ? [listedOnly] : []),
    usePersistedOperations({
      allowArbitraryOperations: true,
      extractPersistedOperationId: idOf,
      getPersistedOperation: (id) => documents.get(id.toLowerCase()) ?? null,
      customErrors: {
        // Apollo's message and code, on which its clients send the document in full.
        notFound: refusal('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND'),
        keyNotFound: refusal(
          'Must provide query string, or the id of a trusted document.',
          'BAD_REQUEST',
        ),
      },
    }),
  ];
}

/** The id a request names, either way; null when it names none. */
function idOf(params: GraphQLParams & { documentId?: unknown }): string | null {
  const persisted = (params.extensions as { persistedQuery?: Record<string, unknown> } | undefined)
    ?.persistedQuery;
  if (persisted?.version === 1 && typeof persisted.sha256Hash === 'string') {
    return persisted.sha256Hash;
  }
  if (typeof params.documentId === 'string') return params.documentId.replace(/^sha256:/, '');
  return null;
}
