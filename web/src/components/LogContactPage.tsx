// The consultant's screen: a call timer, a keyboard-first form that shows only what the chosen
// category needs, and a draft on the server that follows the typing (autosave). Single keys
// work while the focus is not in a text field; Ctrl+S saves the draft and Ctrl+Enter finishes.
import type { ApiClient } from '../api/client';
import type { CodeLists, User } from '../api/types';
import { CallBar } from '../contacts/CallBar';
import {
  continueDraft,
  discardCurrent,
  discardListed,
  finishCall,
  saveDraftNow,
  startNewContact,
} from '../contacts/callActions';
import { ContactFormBody } from '../contacts/ContactFormBody';
import { MyDrafts } from '../contacts/MyDrafts';
import { RepeatCallerPanel } from '../contacts/RepeatCallerPanel';
import { SavedNotice } from '../contacts/SavedNotice';
import { ShortcutHelp } from '../contacts/ShortcutHelp';
import { useFormShortcuts } from '../contacts/useFormShortcuts';
import { useNewContactCall } from '../contacts/useNewContactCall';
import { CorrectContactPage } from './CorrectContactPage';
import { PageHeading } from './PageHeading';

export { discardDraft } from '../contacts/useNewContactCall';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  /** The id of a finished contact to correct in this form (PUT with its version). */
  correct?: string;
}

export function LogContactPage({ api, codes, user, correct }: Props) {
  if (correct !== undefined) return <CorrectContactPage api={api} codes={codes} user={user} id={correct} />;
  return <NewContactPage api={api} codes={codes} user={user} />;
}

function NewContactPage({ api, codes, user }: Omit<Props, 'correct'>) {
  const call = useNewContactCall(api, codes);
  const { t, form, busy } = call;
  const values = form.state.values;
  const binding = { values, set: form.set, fieldError: form.state.fieldError, codes };
  useFormShortcuts(binding, call.focusOn, {
    finish: () => void finishCall(call),
    saveDraft: () => void saveDraftNow(call),
    newContact: () => void startNewContact(call),
  });
  const actions = (
    <>
      <button type="button" class="secondary" aria-disabled={busy} onClick={() => void saveDraftNow(call)}>
        {t('hotline.saveDraft')}
      </button>
      <p id="contact-shortcut" class="hint">
        {t('hotline.shortcuts')}
      </p>
      <ShortcutHelp />
    </>
  );
  return (
    <div class="log-layout">
      <section class="page">
        <PageHeading title={t('log.title')} />
        <CallBar
          timerSeconds={call.timer.shown}
          hasDraft={call.draft.id !== null}
          autosave={call.state}
          busy={busy}
          onNewContact={() => void startNewContact(call)}
          onDiscard={() => void discardCurrent(call)}
        />
        <p class="muted">{t('hotline.intro')}</p>
        <SavedNotice notice={call.status.notice} saved={call.status.saved} />
        <ContactFormBody
          form={binding}
          api={api}
          agencyNames={form.state.agencyNames}
          onAgencies={form.setAgencies}
          onCallerIdentifierDone={() => void call.repeat.check(values.callerIdentifier, call.draft.id)}
          repeatCaller={<RepeatCallerPanel api={api} codes={codes} user={user} repeat={call.repeat} onNotice={(n) => call.tell(n)} />}
          timerSeconds={call.timer.shown}
          busy={busy}
          submitLabel={t('hotline.finish')}
          onSubmit={() => void finishCall(call)}
          actions={actions}
        />
        {call.confirm.dialog}
      </section>
      <MyDrafts
        api={api}
        codes={codes}
        refresh={call.draftsVersion}
        current={call.draft.id}
        onOpen={(c) => void continueDraft(call, c)}
        onDiscard={(c) => void discardListed(call, c)}
      />
    </div>
  );
}
