import { useEffect, useRef, useState } from 'preact/hooks';
import { runQuery, viewQuery } from '../graphql-client.ts';
import { navigate } from '../router.tsx';
import SEARCH from './search.graphql?raw';

interface Hit {
  score: number;
  node: { __typename: 'Role' | 'Skill' | 'Tool'; key: string; name: string };
}

const SUGGESTIONS = 8;
const DEBOUNCE_MS = 150;

export const entityHref = (node: Hit['node']) => `/${node.__typename.toLowerCase()}/${encodeURIComponent(node.key)}`;

/**
 * An ARIA 1.2 combobox: the input owns a listbox of suggestions from the API's `search` (prefixes, aliases,
 * small typos); ↓/↑ move through them, Enter opens one, Escape closes the list, then clears the text.
 */
export function SearchBox() {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const latest = useRef(0);

  useEffect(() => {
    const wanted = text.trim();
    const request = ++latest.current;
    if (wanted === '') {
      setHits([]);
      return;
    }
    const timer = setTimeout(() => {
      runQuery<{ search: Hit[] }>(viewQuery(SEARCH, { text: wanted, first: SUGGESTIONS })).then(
        ({ search }) => {
          if (request !== latest.current) return;
          setHits(search);
          setActive(-1);
          setOpen(true);
        },
        () => {
          if (request === latest.current) setHits([]);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const choose = (hit: Hit | undefined) => {
    if (!hit) return;
    setOpen(false);
    navigate(entityHref(hit.node));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index <= 0 ? hits.length - 1 : index - 1));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      choose(hits[Math.max(active, 0)]);
    } else if (event.key === 'Escape') {
      if (open) setOpen(false);
      else setText('');
    }
  };
  const expanded = open && hits.length > 0;
  return (
    <div class="search">
      <label for="search-input">Search roles, skills and tools</label>
      <input
        id="search-input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        placeholder="e.g. MLOps, k8s, statistics"
        aria-autocomplete="list"
        aria-controls="search-suggestions"
        aria-expanded={expanded}
        aria-activedescendant={expanded && active >= 0 ? `search-option-${active}` : undefined}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => hits.length > 0 && setOpen(true)}
      />
      <div id="search-suggestions" role="listbox" aria-label="Suggestions" hidden={!expanded}>
        {hits.map((hit, index) => (
          <div
            key={hit.node.key}
            id={`search-option-${index}`}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            class={index === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(hit);
            }}
          >
            <span class="name">{hit.node.name}</span> <span class="kind">{hit.node.__typename}</span>
          </div>
        ))}
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">
        {expanded ? `${hits.length} suggestions` : ''}
      </p>
    </div>
  );
}
