import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p class="state loading" role="status">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state empty">{children}</p>;
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  // The key form above the view says what the server said; the view runs again with a new key.
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    return <p class="state empty">This needs a key that the server accepts (see above).</p>;
  }
  return (
    <div class="state error" role="alert">
      <p>
        <strong>Something went wrong.</strong> {error.message}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
