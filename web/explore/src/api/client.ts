import { apiKey, keyRefused } from './key.ts';

/**
 * The explorer's whole GraphQL client: one POST per operation to the server that served the page.
 * Each operation is sent as the exact text of its operations/*.graphql file, which
 * schema/trusted-documents.json lists byte for byte, so the explorer works unchanged on a server
 * that runs trusted documents only (KG_TRUSTED_DOCUMENTS=only). A key entered in the explorer
 * (see key.ts) goes with every request, for a server whose reads need one (KG_READS=key).
 */

/** An operation with the types graphql-codegen's client preset generated for it. */
export interface Operation<TData, TVariables> {
  readonly name: string;
  /** The file's text, byte for byte as listed in schema/trusted-documents.json. */
  readonly text: string;
  /** Types only: never set. */
  readonly __types?: { data: TData; variables: TVariables };
}

export function operation<TData, TVariables>(
  name: string,
  text: string,
): Operation<TData, TVariables> {
  return { name, text };
}

/**
 * What the server answered instead of data: its message and code (NOT_FOUND, BAD_USER_INPUT...,
 * UNAUTHENTICATED when it needs a key this page has not sent or that is not valid).
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The GraphQL endpoint of the server that served this page. */
export const ENDPOINT = '/graphql';

export async function request<TData, TVariables>(
  op: Operation<TData, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TData> {
  const key = apiKey();
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ query: op.text, operationName: op.name, variables }),
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('The server could not be reached.', 'NETWORK', 0);
  }
  let body: GraphQLResponse<TData>;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch {
    throw new ApiError(
      `The server answered ${response.status} without GraphQL.`,
      undefined,
      response.status,
    );
  }
  const first = body.errors?.[0];
  if (first?.extensions?.code === 'UNAUTHENTICATED') keyRefused(key, first.message);
  if (first) throw new ApiError(first.message, first.extensions?.code, response.status);
  if (!body.data) throw new ApiError('The server answered no data.', undefined, response.status);
  return body.data;
}
