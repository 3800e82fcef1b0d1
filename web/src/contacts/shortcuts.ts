// The hotline screen's keyboard: what each key does, as data the page acts on and the on-screen
// help lists. Pure, unit-tested. Single keys work while the focus is not in a text field; the
// Ctrl and Alt combinations work everywhere on the screen.
import { callerTypeKeys, categoryKeys, codeForKey, kindKeys, nonDataKeys } from './hotline';

/** The parts of the form a jump key moves the focus to. */
export type JumpTarget = 'category' | 'callerType' | 'details' | 'outcome' | 'summary';

/** Alt + the key (by its physical position, e.code, so it also works with a Mac's Option key). */
export const jumpKeys: Record<JumpTarget, string> = {
  category: 'C',
  callerType: 'W',
  details: 'I',
  outcome: 'O',
  summary: 'M',
};

export type ShortcutAction =
  | { kind: 'finish' }
  | { kind: 'saveDraft' }
  | { kind: 'newContact' }
  | { kind: 'jump'; to: JumpTarget }
  | { kind: 'setKind'; value: 'data' | 'non_data' }
  | { kind: 'nonDataType'; code: string }
  | { kind: 'category'; code: string }
  | { kind: 'callerType'; code: string };

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface KeyContext {
  /** The focus is in a text field (where letters are typed, not shortcuts). */
  inTextField: boolean;
  /** The focus is on a button (where Enter presses that button). */
  onButton: boolean;
  nonData: boolean;
  nonDataType: string;
}

function jumpFor(code: string): JumpTarget | null {
  for (const [target, key] of Object.entries(jumpKeys)) if (code === `Key${key}`) return target as JumpTarget;
  return null;
}

/** What `press` does on the hotline screen, or null when the key is not a shortcut there. */
export function shortcutFor(press: KeyPress, context: KeyContext): ShortcutAction | null {
  const command = press.ctrlKey || press.metaKey;
  if (command && press.key === 'Enter') return { kind: 'finish' };
  if (command && !press.altKey && press.key.toLowerCase() === 's') return { kind: 'saveDraft' };
  if (press.altKey && !command && !press.shiftKey) {
    if (press.code === 'KeyN' || press.key.toLowerCase() === 'n') return { kind: 'newContact' };
    const to = jumpFor(press.code);
    return to === null ? null : { kind: 'jump', to };
  }
  if (command || press.altKey || context.inTextField) return null;
  if (press.key === 'Enter' && context.nonData && context.nonDataType !== '' && !context.onButton) {
    return { kind: 'finish' };
  }
  if (press.key.length !== 1) return null;
  const key = press.key.toLowerCase();
  if (key === kindKeys.data) return { kind: 'setKind', value: 'data' };
  if (key === kindKeys.non_data) return { kind: 'setKind', value: 'non_data' };
  if (context.nonData) {
    const code = codeForKey(nonDataKeys, key);
    return code === null ? null : { kind: 'nonDataType', code };
  }
  const category = codeForKey(categoryKeys, key);
  if (category !== null) return { kind: 'category', code: category };
  const callerType = codeForKey(callerTypeKeys, key);
  return callerType === null ? null : { kind: 'callerType', code: callerType };
}

/** Whether keys typed at `target` are text, not shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  }
  return target.isContentEditable;
}
