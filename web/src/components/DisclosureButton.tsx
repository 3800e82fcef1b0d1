// A button that shows or hides another part of the page (the menu on a phone, the filters), and
// says which part and whether it is shown (aria-controls, aria-expanded).
import type { ComponentChildren } from 'preact';

interface DisclosureButtonProps {
  class: string;
  /** The id of the part it shows or hides. */
  controls: string;
  open: boolean;
  setOpen: (update: (open: boolean) => boolean) => void;
  children: ComponentChildren;
}

export function DisclosureButton({ class: className, controls, open, setOpen, children }: DisclosureButtonProps) {
  return (
    <button type="button" class={className} aria-expanded={open} aria-controls={controls} onClick={() => setOpen((shown) => !shown)}>
      {children}
    </button>
  );
}
