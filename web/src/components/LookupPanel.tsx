import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { useT } from '../i18n';
import { KnowledgeArticleView } from './KnowledgeArticleView';
import { KnowledgeSearch } from './KnowledgeSearch';

// The knowledge base beside the contact form: search and read without leaving the form, so
// nothing typed is lost. Collapsible; to the right on wide screens, below on narrow ones.
export function LookupPanel({ api }: { api: ApiClient }) {
  const t = useT();
  const [expanded, setExpanded] = useState(true);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <aside class="lookup-panel" aria-labelledby="lookup-heading">
      <h2 id="lookup-heading" class="lookup-heading">
        <button type="button" class="link-button" aria-expanded={expanded} aria-controls="lookup-body" onClick={() => setExpanded((x) => !x)}>
          {t('knowledge.lookup')}
        </button>
      </h2>
      <div id="lookup-body" hidden={!expanded}>
        <div hidden={openId !== null}>
          <KnowledgeSearch api={api} idPrefix="lookup" label={t('knowledge.lookup')} onOpen={(hit) => setOpenId(hit.id)} />
        </div>
        {openId !== null && (
          <KnowledgeArticleView
            key={openId}
            api={api}
            id={openId}
            headingLevel={3}
            onBack={() => {
              setOpenId(null);
              window.setTimeout(() => document.getElementById('lookup-q')?.focus(), 0);
            }}
          />
        )}
      </div>
    </aside>
  );
}
