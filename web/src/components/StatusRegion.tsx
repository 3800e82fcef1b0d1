import type { ComponentChildren } from 'preact';

type NoticeKind = 'info' | 'success' | 'error';

export interface Notice {
  kind: NoticeKind;
  text: string;
}

// The live region is always in the page, so screen readers announce what appears in it.
export function StatusRegion({ notice, children }: { notice: Notice | null; children?: ComponentChildren }) {
  return (
    <div class="status-region" aria-live="polite" aria-atomic="true">
      {notice && (
        <p class={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : undefined}>
          {notice.text}
          {children}
        </p>
      )}
    </div>
  );
}
