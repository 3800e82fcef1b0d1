// Markdown to safe HTML for knowledge articles. marked and DOMPurify are loaded on first use only,
// so the main bundle stays small. Two layers, each enough on its own: marked renders raw HTML as
// text, links only with safe schemes and no images; DOMPurify then sanitises the result.
let renderer: Promise<(markdown: string) => string> | null = null;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// http(s), mailto and tel links, and links within the page; anything else (javascript:, data:,
// vbscript:, file:...) is shown as its text.
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:|tel:|#)/i.test(href.trim());
}

async function load(): Promise<(markdown: string) => string> {
  const [{ Marked }, { default: DOMPurify }] = await Promise.all([import('marked'), import('dompurify')]);
  const marked = new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      html(token) {
        return escapeHtml(token.text);
      },
      link(token) {
        const text = this.parser.parseInline(token.tokens);
        if (!isSafeHref(token.href)) return text;
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        return `<a href="${escapeHtml(token.href)}"${title} target="_blank" rel="noopener noreferrer">${text}</a>`;
      },
      image(token) {
        // No images: an external image would tell its server who reads the article and when.
        return escapeHtml(token.text);
      },
    },
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.getAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  return (markdown: string) => {
    const html = marked.parse(markdown) as string;
    if (!DOMPurify.isSupported) return escapeHtml(markdown); // an unsupported browser: text only
    return DOMPurify.sanitize(html, {
      USE_PROFILES: { html: true },
      ADD_ATTR: ['target'],
      FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'img', 'svg', 'math'],
      FORBID_ATTR: ['style'],
    });
  };
}

export function markdownToSafeHtml(markdown: string): Promise<string> {
  renderer ??= load();
  return renderer.then((render) => render(markdown));
}
