import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import { useT } from '../i18n';
import { knowledgeKinds, searchKnowledge, snippetParts, stripMarkdown, type KnowledgeHit } from '../knowledge/api';
import { codeLabel } from '../codes/labels';
import { Options } from './Options';

// Search as you type: a request 150 ms after the last keystroke; answers to older requests are
// dropped. Without words it lists the articles. Keyboard: "/" focuses the box (when no other
// field has the focus), arrows move through the results, Enter opens one, Escape clears.
const debounceMs = 150;

interface Props {
  api: ApiClient;
  /** Prefix for element ids, so the panel and the page can both exist in one document. */
  idPrefix: string;
  onOpen: (hit: KnowledgeHit) => void;
  /** Whether "/" anywhere in the page focuses this box. */
  slashFocus?: boolean;
  /** Heading level of nothing: the caller labels the region. */
  label: string;
}

type Results =
  | { status: 'loading' }
  | { status: 'done'; items: KnowledgeHit[]; searched: boolean }
  | { status: 'error'; text: string };

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function KnowledgeSearch({ api, idPrefix, onOpen, slashFocus = false, label }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [kind, setKind] = useState('');
  const [results, setResults] = useState<Results>({ status: 'loading' });
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const requestNo = useRef(0);

  useEffect(() => {
    const mine = ++requestNo.current;
    const timer = window.setTimeout(() => {
      const q = text.trim() === '' ? undefined : text;
      searchKnowledge(api, { q, kind: kind || undefined, limit: q ? 20 : 50 }).then(
        (page) => {
          if (mine !== requestNo.current) return;
          setResults({ status: 'done', items: page.items, searched: q !== undefined });
          setActive(-1);
        },
        (error: unknown) => {
          if (mine !== requestNo.current) return;
          setResults({ status: 'error', text: errorMessage(t, error) });
        },
      );
    }, debounceMs);
    return () => window.clearTimeout(timer);
  }, [text, kind]);

  useEffect(() => {
    if (!slashFocus) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(e.target)) {
        e.preventDefault();
        inputRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [slashFocus]);

  const items = results.status === 'done' ? results.items : [];
  const listId = `${idPrefix}-results`;
  const optionId = (i: number) => `${idPrefix}-result-${i}`;

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' && items.length > 0) {
      e.preventDefault();
      setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (e.key === 'ArrowUp' && items.length > 0) {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault(); // never submit a surrounding form
      const hit = items[active >= 0 ? active : 0];
      if (hit) onOpen(hit);
    } else if (e.key === 'Escape' && text !== '') {
      e.preventDefault();
      setText('');
    }
  }

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <div class="knowledge-search" role="search" aria-label={label}>
      <div class="knowledge-search-row">
        <label class="visually-hidden" for={`${idPrefix}-q`}>
          {t('knowledge.searchLabel')}
        </label>
        <input
          ref={inputRef}
          id={`${idPrefix}-q`}
          type="search"
          autoComplete="off"
          spellcheck={false}
          placeholder={t('knowledge.searchPlaceholder')}
          value={text}
          aria-autocomplete="list"
          aria-controls={listId}
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${idPrefix}-hint`}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <label class="visually-hidden" for={`${idPrefix}-kind`}>
          {t('knowledge.kindLabel')}
        </label>
        <select id={`${idPrefix}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          <Options values={knowledgeKinds} label={(k) => t(`knowledge.kind.${k}`)} empty={t('knowledge.allKinds')} />
        </select>
      </div>
      <p id={`${idPrefix}-hint`} class="hint">
        {slashFocus ? t('knowledge.hintSlash') : t('knowledge.hint')}
      </p>
      <div aria-live="polite" class="visually-hidden">
        {results.status === 'done' && results.searched ? t('knowledge.resultCount', { count: items.length }) : ''}
      </div>
      {results.status === 'error' && (
        <p class="notice notice-error" role="alert">
          {results.text}
        </p>
      )}
      {results.status === 'done' && items.length === 0 && (
        <p class="muted">{results.searched ? t('knowledge.noResults') : t('knowledge.empty')}</p>
      )}
      <ul id={listId} role="listbox" class="knowledge-results" aria-label={t('knowledge.resultsLabel')}>
        {items.map((hit, i) => (
          <li
            key={hit.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onOpen(hit)}
          >
            <span class="knowledge-result-title">{hit.title}</span>
            <span class="knowledge-result-meta">
              {t(`knowledge.kind.${hit.kind}`)}
              {hit.country !== '' && ` · ${codeLabel(null, 'country', hit.country)}`}
              {` · ${codeLabel(null, 'language', hit.language)}`}
            </span>
            {hit.snippet !== undefined && hit.snippet !== '' && (
              <span class="knowledge-result-snippet">
                {snippetParts(stripMarkdown(hit.snippet)).map((p, k) => (p.mark ? <mark key={k}>{p.text}</mark> : p.text))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
