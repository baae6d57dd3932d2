import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { request } from '../api/client.ts';
import { Search } from '../api/operations.ts';
import type { ExploreSearchQuery } from '../generated/graphql.ts';
import { TypeBadge } from './badges.tsx';

export type Suggestion = ExploreSearchQuery['search'][number];

/**
 * A search box that suggests entities as one types: an ARIA 1.2 combobox (the input owns a listbox
 * of options). Down and Up move through the suggestions, Enter picks the active one (or the first),
 * Escape closes the list, and a second Escape empties the box. Suggestions are asked for 200 ms
 * after the last key, from two characters on (each `search` counts against KG_RATE_LIMIT), and an
 * answer to older words is dropped.
 */
export function SearchBox({
  label,
  onSelect,
  initialText = '',
  placeholder = 'A person, organization, event, place or topic',
  autoFocus = false,
}: {
  label: string;
  onSelect: (entity: Suggestion) => void;
  initialText?: string;
  placeholder?: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(initialText);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<'idle' | 'loading' | 'done' | 'error'>('idle');
  const [problem, setProblem] = useState('');
  const edited = useRef(false);

  useEffect(() => setText(initialText), [initialText]);

  useEffect(() => {
    const words = text.trim();
    if (!edited.current || words.length < 2) {
      setSuggestions([]);
      setStatus('idle');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setStatus('loading');
      request(Search, { text: words.slice(0, 200), first: 8 }, controller.signal).then(
        (data) => {
          setSuggestions(data.search);
          setActive(-1);
          setOpen(true);
          setStatus('done');
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setSuggestions([]);
          setOpen(true);
          setStatus('error');
          setProblem(error instanceof Error ? error.message : String(error));
        },
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const choose = (entity: Suggestion | undefined) => {
    if (!entity) return;
    edited.current = false;
    setText(entity.name);
    setOpen(false);
    setActive(-1);
    onSelect(entity);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const count = suggestions.length;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      if (count > 0) setActive((i) => (i + 1) % count);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      if (count > 0) setActive((i) => (i <= 0 ? count - 1 : i - 1));
    } else if (event.key === 'Enter') {
      if (open && count > 0) {
        event.preventDefault();
        choose(suggestions[active >= 0 ? active : 0]);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (text) {
        event.preventDefault();
        edited.current = false;
        setText('');
      }
    }
  };

  const expanded = open && suggestions.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div class="search-box">
      <label for={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        spellcheck={false}
        autoFocus={autoFocus}
        placeholder={placeholder}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        value={text}
        onInput={(event) => {
          edited.current = true;
          setText(event.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => suggestions.length > 0 && setOpen(true)}
      />
      <ul id={listId} role="listbox" aria-label={`Suggestions for ${label}`} hidden={!expanded}>
        {suggestions.map((entity, i) => (
          <li
            key={entity.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'option active' : 'option'}
            data-id={entity.id}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(entity)}
          >
            <span class="option-name">{entity.name}</span> <TypeBadge type={entity.__typename} />
            {entity.description && <span class="option-description">{entity.description}</span>}
          </li>
        ))}
      </ul>
      <p class="visually-hidden" role="status" aria-live="polite">
        {status === 'done' &&
          open &&
          (suggestions.length === 0
            ? 'No match.'
            : `${suggestions.length} suggestions: use the up and down arrows, Enter to choose.`)}
      </p>
      {open && status === 'done' && suggestions.length === 0 && (
        <p class="search-empty">Nothing in the graph matches “{text.trim()}”.</p>
      )}
      {open && status === 'error' && (
        <p class="search-empty" role="alert">
          Suggestions could not be loaded: {problem}
        </p>
      )}
    </div>
  );
}
