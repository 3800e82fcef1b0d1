import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../api/types';
import { useT } from '../i18n';
import { can, type Permission } from '../permissions';
import { hrefFor, sectionOf, type Route, type Section } from '../router';
import { DisclosureButton } from './DisclosureButton';
import { LanguageSwitcher } from './LanguageSwitcher';

/** The screens in the navigation, in its order, each shown to whoever has its permission. */
const navigation: { section: Section; permission: Permission; label: string }[] = [
  { section: 'log', permission: 'contact.create', label: 'shell.logContact' },
  { section: 'contacts', permission: 'contact.list', label: 'shell.contacts' },
  { section: 'cases', permission: 'case.list', label: 'cases.nav' },
  { section: 'approvals', permission: 'case.approve', label: 'cases.approvals.nav' },
  { section: 'knowledge', permission: 'knowledge.read', label: 'knowledge.nav' },
  { section: 'directory', permission: 'agency.read', label: 'directory.nav' },
  { section: 'supervision', permission: 'supervision.read', label: 'lists.nav.supervision' },
  { section: 'stats', permission: 'stats.read', label: 'lists.nav.stats' },
  { section: 'exports', permission: 'exports.standard', label: 'exports.nav' },
  { section: 'network', permission: 'network.members_read', label: 'network.nav' },
  { section: 'networkOverview', permission: 'network.overview_read', label: 'networkOverview.nav' },
  { section: 'reports', permission: 'reports.read', label: 'reports.nav' },
  { section: 'trainings', permission: 'trainings.read', label: 'trainings.nav' },
  { section: 'referrals', permission: 'network.referrals_work', label: 'referrals.nav' },
  { section: 'usersAdmin', permission: 'users.manage', label: 'usersAdmin.nav' },
  { section: 'retention', permission: 'retention.manage', label: 'retention.nav' },
  { section: 'publicProfile', permission: 'public_profile.manage', label: 'publicProfile.nav' },
  { section: 'news', permission: 'news.manage', label: 'news.nav' },
  { section: 'sitePages', permission: 'site_pages.manage', label: 'sitePages.nav' },
];

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
          <DisclosureButton class="menu-button" controls="app-menu" open={menuOpen} setOpen={setMenuOpen}>
            {t('screens.menu')}
          </DisclosureButton>
          <div id="app-menu" class={menuOpen ? 'header-menu open' : 'header-menu'}>
            <nav aria-label={t('shell.navLabel')}>
              <ul>
                {navigation
                  .filter((entry) => can(user, entry.permission))
                  .map((entry) => (
                    <li key={entry.section}>
                      <a href={hrefFor({ name: entry.section })} aria-current={section === entry.section ? 'page' : undefined}>
                        {t(entry.label)}
                      </a>
                    </li>
                  ))}
              </ul>
            </nav>
            <div class="header-user">
              <p class="who">
                <span class="visually-hidden">{t('shell.signedInAs')} </span>
                <span class="who-name">{user.name}</span>
                <span class="who-org">{user.organisation.name}</span>
              </p>
              <a href={hrefFor({ name: 'account' })} aria-current={section === 'account' ? 'page' : undefined}>
                {t('account.nav')}
              </a>
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
