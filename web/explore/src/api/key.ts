import { useEffect, useState } from 'preact/hooks';

/**
 * The key (or token) the explorer sends as `Authorization: Bearer <key>`, for a server whose reads
 * need one (KG_READS=key). It is kept in this tab's sessionStorage: it survives a reload and the
 * views opened in this tab, and is gone when the tab is closed, so it is never left on a shared
 * machine. Every query runs again when it changes.
 *
 * When the server refuses a request for want of a valid key (401), the client records its words
 * here (`keyRefused`), and the page asks for a key (see components/key-form.tsx) until a new one
 * is entered.
 */
const STORAGE = 'kg-explore:key';

export interface KeyState {
  /** The key sent with every request, if any. */
  key: string | null;
  /** The server's words when it last refused the key sent (or its absence); null since a change. */
  refusal: string | null;
}

let state: KeyState = { key: readStored(), refusal: null };
const listeners = new Set<() => void>();

function change(next: KeyState): void {
  state = next;
  for (const listener of listeners) listener();
}

function readStored(): string | null {
  try {
    return sessionStorage.getItem(STORAGE);
  } catch {
    return null; // Storage refused (a privacy setting): the key lasts as long as the page.
  }
}

export function apiKey(): string | null {
  return state.key;
}

export function setApiKey(key: string | null): void {
  const value = key?.trim() || null;
  try {
    if (value) sessionStorage.setItem(STORAGE, value);
    else sessionStorage.removeItem(STORAGE);
  } catch {
    // Kept in memory only.
  }
  change({ key: value, refusal: null });
}

/** The server refused `sent` (the key a request went with, or null): unless it changed since. */
export function keyRefused(sent: string | null, message: string): void {
  if (sent === state.key && message !== state.refusal) change({ ...state, refusal: message });
}

/** The key and its refusal, and a re-render whenever either changes. */
export function useKeyState(): KeyState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    const listener = () => setCurrent(state);
    listeners.add(listener);
    // A change between the first render and this effect is not missed.
    listener();
    return () => void listeners.delete(listener);
  }, []);
  return current;
}

/** The key in use, and a re-render whenever it changes. */
export function useApiKey(): string | null {
  return useKeyState().key;
}
