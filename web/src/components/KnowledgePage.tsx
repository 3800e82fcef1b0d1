import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists, User } from '../api/types';
import { useT } from '../i18n';
import { can } from '../permissions';
import type { KnowledgeArticle } from '../knowledge/api';
import { navigate } from '../router';
import { KnowledgeArticleView } from './KnowledgeArticleView';
import { KnowledgeEditor } from './KnowledgeEditor';
import { KnowledgeSearch } from './KnowledgeSearch';
import { PageHeading } from './PageHeading';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  /** The open article ("#/knowledge/ID"), or null. */
  id: string | null;
}

type Editing = { article: KnowledgeArticle | null } | null;

// The knowledge base: search on one side, the open article (or the editor) on the other.
export function KnowledgePage({ api, codes, user, id }: Props) {
  const t = useT();
  const canEdit = can(user, 'knowledge.edit');
  const [editing, setEditing] = useState<Editing>(null);
  const [reload, setReload] = useState(0);
  const open = (articleId: string) => {
    setEditing(null);
    navigate({ name: 'knowledgeArticle', id: articleId });
  };

  return (
    <section class="page knowledge-page">
      <PageHeading title={t('knowledge.title')} />
      <p class="muted">{t('knowledge.intro')}</p>
      {canEdit && editing === null && (
        <button type="button" class="secondary" onClick={() => setEditing({ article: null })}>
          {t('knowledge.new')}
        </button>
      )}
      <div class="knowledge-layout">
        <div class="knowledge-layout-search">
          <KnowledgeSearch
            key={reload}
            api={api}
            idPrefix="kb"
            label={t('knowledge.searchLabel')}
            slashFocus
            onOpen={(hit) => open(hit.id)}
          />
        </div>
        <div class="knowledge-layout-article">
          {editing !== null ? (
            <KnowledgeEditor
              key={editing.article?.id ?? 'new'}
              api={api}
              codes={codes}
              article={editing.article}
              onSaved={(saved) => {
                setReload((n) => n + 1);
                open(saved.id);
              }}
              onDeleted={() => {
                setEditing(null);
                setReload((n) => n + 1);
                navigate({ name: 'knowledge' });
              }}
              onCancel={() => setEditing(null)}
            />
          ) : id !== null ? (
            <KnowledgeArticleView
              key={`${id}-${reload}`}
              api={api}
              id={id}
              headingLevel={2}
              onEdit={canEdit ? (article) => setEditing({ article }) : undefined}
            />
          ) : (
            <p class="muted">{t('knowledge.pick')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
