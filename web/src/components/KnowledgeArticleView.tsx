import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { getKnowledgeArticle, type KnowledgeArticle } from '../knowledge/api';
import { markdownToSafeHtml } from '../knowledge/markdown';
import { codeLabel } from '../codes/labels';
import { failureText, useRecord } from './useRecord';

interface Props {
  api: ApiClient;
  id: string;
  /** 2 on the knowledge page, 3 inside the look-up panel. */
  headingLevel: 2 | 3;
  onEdit?: ((article: KnowledgeArticle) => void) | undefined;
  onBack?: (() => void) | undefined;
}

type State =
  | { phase: 'loading' }
  | { phase: 'failed'; text: string }
  | { phase: 'ready'; article: KnowledgeArticle; html: string | null };

export function KnowledgeArticleView({ api, id, headingLevel, onEdit, onBack }: Props) {
  const t = useT();
  const [state, setState] = useState<State>({ phase: 'loading' });

  useRecord(() => getKnowledgeArticle(api, id), id, {
    starting: () => setState({ phase: 'loading' }),
    loaded: (article, isLive) => {
      setState({ phase: 'ready', article, html: null });
      markdownToSafeHtml(article.body).then(
        (html) => isLive() && setState({ phase: 'ready', article, html }),
        () => isLive() && setState({ phase: 'failed', text: t('knowledge.renderFailed') }),
      );
    },
    failed: (error) => setState({ phase: 'failed', text: failureText(t, error, t('knowledge.notFound')) }),
    reportSignedOut: true,
  });

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="knowledge-article" aria-busy={state.phase === 'loading'}>
      {onBack && (
        <button type="button" class="link-button" onClick={onBack}>
          {t('knowledge.back')}
        </button>
      )}
      {state.phase === 'loading' && <p class="muted">{t('app.loading')}</p>}
      {state.phase === 'failed' && (
        <p class="notice notice-error" role="alert">
          {state.text}
        </p>
      )}
      {state.phase === 'ready' && (
        <>
          <Heading class="knowledge-article-title">{state.article.title}</Heading>
          <p class="knowledge-result-meta">
            {t(`knowledge.kind.${state.article.kind}`)}
            {state.article.country !== '' && ` · ${codeLabel(null, 'country', state.article.country)}`}
            {` · ${codeLabel(null, 'language', state.article.language)}`}
            {` · ${t('knowledge.updated', { when: formatDateTime(state.article.updated_at) })}`}
          </p>
          {onEdit && (
            <button type="button" class="secondary" onClick={() => onEdit(state.article)}>
              {t('knowledge.edit')}
            </button>
          )}
          {state.html === null ? (
            <p class="muted">{t('app.loading')}</p>
          ) : (
            // Sanitised by DOMPurify after marked rendered it with raw HTML escaped.
            <div class="markdown" dangerouslySetInnerHTML={{ __html: state.html }} />
          )}
        </>
      )}
    </article>
  );
}
