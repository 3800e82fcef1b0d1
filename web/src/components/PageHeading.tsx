import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { hrefFor, type Route } from '../router';

// The page's h1 takes focus when the page opens, so keyboard and screen-reader users start
// at the top of the new content instead of somewhere in the old one.
export function PageHeading({ title, children }: { title: string; children?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${title} – Strada`;
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}

/** The link back to where the page was opened from, above its heading. */
export function BackLink({ to, label, noPrint = false }: { to: Route; label: string; noPrint?: boolean }) {
  return (
    <p class={noPrint ? 'back no-print' : 'back'}>
      <a href={hrefFor(to)}>← {label}</a>
    </p>
  );
}
