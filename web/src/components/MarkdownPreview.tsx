// A button that shows or hides `markdown` rendered and sanitised (marked with raw HTML escaped,
// then DOMPurify: knowledge/markdown.ts), so that whoever writes a news item or a page sees the
// headings, lists and links before publishing. Rendered only while shown.
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { markdownToSafeHtml } from '../knowledge/markdown';

export function MarkdownPreview({ markdown, id }: { markdown: string; id: string }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const [html, setHtml] = useState<string | null>(null);

  useEffect(() => {
    if (!shown) return;
    let live = true;
    markdownToSafeHtml(markdown).then(
      (rendered) => live && setHtml(rendered),
      () => live && setHtml(null),
    );
    return () => {
      live = false;
    };
  }, [shown, markdown]);

  return (
    <>
      <p>
        <button type="button" class="secondary" aria-expanded={shown} aria-controls={id} onClick={() => setShown((s) => !s)}>
          {shown ? t('markdownPreview.hide') : t('markdownPreview.show')}
        </button>
      </p>
      {shown && (
        <section id={id} class="news-preview knowledge-article" aria-labelledby={`${id}-title`}>
          <h3 id={`${id}-title`}>{t('markdownPreview.title')}</h3>
          {html === null ? (
            <p class="muted">{t('app.loading')}</p>
          ) : (
            // Sanitised by DOMPurify after marked rendered it with raw HTML escaped.
            <div class="markdown" dangerouslySetInnerHTML={{ __html: html }} />
          )}
        </section>
      )}
    </>
  );
}
