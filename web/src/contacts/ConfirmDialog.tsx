// A modal question before the form does something the consultant may not expect (replacing a
// filled form, discarding a draft). A native <dialog>: the browser keeps the focus inside it,
// Escape cancels, and the focus returns to where it was.
import { useRef, useState } from 'preact/hooks';

export interface Question {
  title: string;
  text: string;
  /** The answer that goes ahead. */
  confirm: string;
  cancel: string;
  /** The confirming button looks dangerous and the focus starts on Cancel. */
  destructive?: boolean;
}

interface Asked extends Question {
  answer: (confirmed: boolean) => void;
}

/** `ask(question)` resolves true when the consultant confirms; `dialog` is to be rendered. */
export function useConfirm() {
  const [asked, setAsked] = useState<Asked | null>(null);
  const ask = (question: Question) =>
    new Promise<boolean>((resolve) => {
      const returnTo = document.activeElement;
      setAsked({
        ...question,
        answer: (confirmed) => {
          setAsked(null);
          if (returnTo instanceof HTMLElement) returnTo.focus();
          resolve(confirmed);
        },
      });
    });
  return { ask, dialog: asked === null ? null : <ConfirmDialog asked={asked} /> };
}

function ConfirmDialog({ asked }: { asked: Asked }) {
  const opened = useRef(false);
  const open = (element: HTMLDialogElement | null) => {
    if (element === null || opened.current) return;
    opened.current = true;
    if (typeof element.showModal === 'function' && !element.open) element.showModal();
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  };
  return (
    <dialog
      ref={open}
      class="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      onCancel={(e) => {
        e.preventDefault();
        asked.answer(false);
      }}
    >
      <h2 id="confirm-title">{asked.title}</h2>
      <p id="confirm-text">{asked.text}</p>
      <div class="actions">
        <button
          type="button"
          class={asked.destructive ? 'danger' : 'primary'}
          data-autofocus={asked.destructive ? undefined : true}
          onClick={() => asked.answer(true)}
        >
          {asked.confirm}
        </button>
        <button
          type="button"
          class="secondary"
          data-autofocus={asked.destructive ? true : undefined}
          onClick={() => asked.answer(false)}
        >
          {asked.cancel}
        </button>
      </div>
    </dialog>
  );
}
