import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../api/types';
import { useT } from '../i18n';
import { can } from '../permissions';
import { hrefFor, sectionOf, type Route } from '../router';
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
  const section = sectionOf(route);
  // Narrow screens: the navigation and the account controls fold behind a menu button.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [route]);
  const current = (s: typeof section) => (section === s ? 'page' : undefined);

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
          <button
            type="button"
            class="menu-button"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('screens.menu')}
          </button>
          <div id="app-menu" class={menuOpen ? 'header-menu open' : 'header-menu'}>
            <nav aria-label={t('shell.navLabel')}>
              <ul>
                {can(user, 'contact.create') && (
                  <li>
                    <a href={hrefFor({ name: 'log' })} aria-current={current('log')}>
                      {t('shell.logContact')}
                    </a>
                  </li>
                )}
                {can(user, 'contact.list') && (
                  <li>
                    <a href={hrefFor({ name: 'contacts' })} aria-current={current('contacts')}>
                      {t('shell.contacts')}
                    </a>
                  </li>
                )}
                {can(user, 'case.list') && (
                  <li>
                    <a href={hrefFor({ name: 'cases' })} aria-current={current('cases')}>
                      {t('cases.nav')}
                    </a>
                  </li>
                )}
                {can(user, 'case.approve') && (
                  <li>
                    <a href={hrefFor({ name: 'approvals' })} aria-current={current('approvals')}>
                      {t('cases.approvals.nav')}
                    </a>
                  </li>
                )}
                {can(user, 'knowledge.read') && (
                  <li>
                    <a href={hrefFor({ name: 'knowledge' })} aria-current={current('knowledge')}>
                      {t('knowledge.nav')}
                    </a>
                  </li>
                )}
                {can(user, 'agency.read') && (
                  <li>
                    <a href={hrefFor({ name: 'directory' })} aria-current={current('directory')}>
                      {t('directory.nav')}
                    </a>
                  </li>
                )}
                {can(user, 'supervision.read') && (
                  <li>
                    <a href={hrefFor({ name: 'supervision' })} aria-current={current('supervision')}>
                      {t('lists.nav.supervision')}
                    </a>
                  </li>
                )}
                {can(user, 'stats.read') && (
                  <li>
                    <a href={hrefFor({ name: 'stats' })} aria-current={current('stats')}>
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
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} class="app-main">
        {children}
      </main>
    </>
  );
}
