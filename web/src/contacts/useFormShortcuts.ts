// The hotline form's keys (see shortcuts.ts) acted upon: a choosing key sets its value and
// moves the focus on to the next part of the form, a jump key moves the focus to its part.
import { useWindowKeyDown } from './pageHooks';
import { isTextEntry, shortcutFor, type JumpTarget } from './shortcuts';
import type { FormBinding } from './formBinding';

/** The element a jump to `to` focuses (the form's parts are found by their ids). */
export function jumpTarget(to: JumpTarget, nonData: boolean): Element | null {
  const byId = (id: string) => document.getElementById(id);
  switch (to) {
    case 'category':
      return byId(nonData ? 'contact-non-data-type' : 'contact-category');
    case 'callerType':
      return byId('contact-caller-type-keys');
    case 'details':
      return document.querySelector('.category-details') ?? byId('contact-outcome');
    case 'outcome':
      return byId('contact-outcome');
    case 'summary':
      return byId('contact-summary');
  }
}

interface Commands {
  finish: () => void;
  saveDraft?: () => void;
  newContact?: () => void;
}

export function useFormShortcuts(form: FormBinding, focusOn: (find: () => Element | null) => void, commands: Commands) {
  useWindowKeyDown((e) => {
    // A question is open: its buttons and Escape are all the keys do.
    if (e.defaultPrevented || (e.target instanceof Element && e.target.closest('dialog') !== null)) return;
    const { values } = form;
    const action = shortcutFor(e, {
      inTextField: isTextEntry(e.target),
      onButton: e.target instanceof HTMLButtonElement,
      nonData: values.kind === 'non_data',
      nonDataType: values.nonDataType,
    });
    if (action === null) return;
    e.preventDefault();
    switch (action.kind) {
      case 'finish':
        return commands.finish();
      case 'saveDraft':
        return commands.saveDraft?.();
      case 'newContact':
        return commands.newContact?.();
      case 'jump':
        return focusOn(() => jumpTarget(action.to, values.kind === 'non_data'));
      case 'setKind':
        form.set('kind', action.value);
        return focusOn(() => jumpTarget('category', action.value === 'non_data'));
      case 'nonDataType':
        form.set('nonDataType', action.code);
        return focusOn(() => document.getElementById('contact-finish'));
      case 'category':
        form.set('category', action.code);
        return focusOn(() => jumpTarget('callerType', false));
      case 'callerType':
        form.set('callerType', action.code);
        return focusOn(() => jumpTarget('details', false));
    }
  });
}
