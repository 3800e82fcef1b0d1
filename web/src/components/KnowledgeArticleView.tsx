import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { getKnowledgeArticle, type KnowledgeArticle } from '../knowledge/api';
import { markdownToSafeHtml } from '../knowledge/markdown';
import { codeLabel } from '../codes/labels';

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

  useEffect(() => {
    let live = true;
    setState({ phase: 'loading' });
    getKnowledgeArticle(api, id).then(
      (article) => {
        if (!live) return;
        setState({ phase: 'ready', article, html: null });
        markdownToSafeHtml(article.body).then(
          (html) => live && setState({ phase: 'ready', article, html }),
          () => live && setState({ phase: 'failed', text: t('knowledge.renderFailed') }),
        );
      },
      (error: unknown) => {
        if (!live) return;
        const text =
          error instanceof ApiError && error.status === 404 ? t('knowledge.notFound') : errorMessage(t, error);
        setState({ phase: 'failed', text });
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

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
