import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { User } from '../api/types';
import { useT } from '../i18n';
import { can } from '../permissions';
import { hrefFor, type Route } from '../router';
import { LanguageSwitcher } from './LanguageSwitcher';

interface Props {
  user: User;
  route: Route;
  signingOut: boolean;
  onSignOut: () => void;
  children: ComponentChildren;
}

export function Shell({ user, route, signingOut, onSignOut, children }: Props) {
  const t = useT();
  const mainRef = useRef<HTMLElement>(null);
  const onKnowledge = route.name === 'knowledge' || route.name === 'knowledgeArticle';
  const onDirectory =
    route.name === 'directory' || route.name === 'agency' || route.name === 'agencyNew' || route.name === 'agencyEdit';
  const section =
    route.name === 'log' || route.name === 'supervision' || route.name === 'stats' ? route.name : 'contacts';

  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          // Not a route: move focus to the content instead of changing the hash.
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('app.skipToMain')}
      </a>
      <header class="app-header">
        <div class="header-inner">
          <span class="brand">{t('app.name')}</span>
          <nav aria-label={t('shell.navLabel')}>
            <ul>
              {can(user, 'contact.create') && (
                <li>
                  <a href={hrefFor({ name: 'log' })} aria-current={section === 'log' ? 'page' : undefined}>
                    {t('shell.logContact')}
                  </a>
                </li>
              )}
              {can(user, 'contact.list') && (
                <li>
                  <a href={hrefFor({ name: 'contacts' })} aria-current={section === 'contacts' && !onKnowledge && !onDirectory ? 'page' : undefined}>
                    {t('shell.contacts')}
                  </a>
                </li>
              )}
              {can(user, 'knowledge.read') && (
                <li>
                  <a href={hrefFor({ name: 'knowledge' })} aria-current={onKnowledge ? 'page' : undefined}>
                    {t('knowledge.nav')}
                  </a>
                </li>
              )}
              {can(user, 'agency.read') && (
                <li>
                  <a href={hrefFor({ name: 'directory' })} aria-current={onDirectory ? 'page' : undefined}>
                    {t('directory.nav')}
                  </a>
                </li>
              )}
              {can(user, 'supervision.read') && (
                <li>
                  <a
                    href={hrefFor({ name: 'supervision' })}
                    aria-current={section === 'supervision' ? 'page' : undefined}
                  >
                    {t('lists.nav.supervision')}
                  </a>
                </li>
              )}
              {can(user, 'stats.read') && (
                <li>
                  <a href={hrefFor({ name: 'stats' })} aria-current={section === 'stats' ? 'page' : undefined}>
                    {t('lists.nav.stats')}
                  </a>
                </li>
              )}
            </ul>
          </nav>
          <div class="header-user">
            <p class="who">
              <span class="visually-hidden">{t('shell.signedInAs')} </span>
              <span class="who-name">{user.name}</span>
              <span class="who-org">{user.organisation.name}</span>
            </p>
            <LanguageSwitcher />
            <button type="button" class="secondary" onClick={onSignOut} aria-disabled={signingOut}>
              {t('shell.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} class="app-main">
        {children}
      </main>
    </>
  );
}
