import { useEffect, useRef, useState } from 'preact/hooks';
import { setApiKey, useKeyState } from '../api/key.ts';

/**
 * Asks for a key when the server has refused to answer without a valid one (KG_READS=key): above
 * the view, with the server's own words, so the analyst knows whether the key is missing or
 * wrong. The views that were refused run again once a key is entered.
 */
export function KeyForm() {
  const { key, refusal } = useKeyState();
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (refusal !== null) input.current?.focus();
  }, [refusal]);
  if (refusal === null) return null;
  return (
    <form
      class="key-form"
      aria-labelledby="key-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim()) setApiKey(value);
      }}
    >
      <h2 id="key-form-title">This server needs a key to answer</h2>
      <p role="alert">
        {key ? 'It refused the key entered: ' : ''}
        {refusal}
      </p>
      <label for="key-form-key">API key or token</label>
      <div class="key-form-row">
        <input
          id="key-form-key"
          ref={input}
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
          required
        />
        <button type="submit">Use this key</button>
      </div>
      <p class="muted">
        It is sent with each request of this tab as <code>Authorization: Bearer …</code> and
        forgotten when the tab is closed.
      </p>
    </form>
  );
}

/** In the header while a key is in use: forgetting it sends the next requests without one. */
export function ForgetKey() {
  const { key } = useKeyState();
  if (!key) return null;
  return (
    <button type="button" class="forget-key" onClick={() => setApiKey(null)}>
      Forget the key
    </button>
  );
}
