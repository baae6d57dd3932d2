import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Operation, request } from './client.ts';
import { useApiKey } from './key.ts';

export type QueryState<TData> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError | Error }
  | { status: 'done'; data: TData };

export type QueryResult<TData> = QueryState<TData> & { reload: () => void };

/**
 * Runs an operation whenever its variables change (compared as JSON) and aborts the previous
 * request, so a slow answer for an earlier view never replaces the current one. `skip` leaves it
 * idle (the path finder before both ends are chosen). It runs again when the key entered in the
 * explorer changes.
 */
export function useQuery<TData, TVariables>(
  op: Operation<TData, TVariables>,
  variables: TVariables,
  { skip = false } = {},
): QueryResult<TData> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<QueryState<TData>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const apiKey = useApiKey();
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    request(op, JSON.parse(key) as TVariables, controller.signal).then(
      (data) => setState({ status: 'done', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [op, key, skip, attempt, apiKey]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}
