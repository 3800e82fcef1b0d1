// The screens the demo roles reach and the data they show, shared by the browser tests that walk
// every screen (screens.test.mjs in English, languages.test.mjs in every UI language).
import assert from 'node:assert/strict';
import { apiSession, consultant, signIn } from './support.mjs';

export const supervisor = { email: 'screens-sup@example.org', password: 'amber lantern 42 quietly', name: 'Test Supervisor' };
export const dataOfficer = { email: 'screens-do@example.org', password: 'amber lantern 43 quietly', name: 'Test Data Officer' };

export const seeded = {};

/** Seeds contacts, a safety plan, a caller flag, an agency and an article through the API. */
export async function seed(server) {
  const asConsultant = await apiSession(server.baseUrl, consultant);
  const now = Date.now();
  const post = async (call, path, body, status = 201) => {
    const r = await call('POST', path, body);
    assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const base = {
    status: 'final',
    kind: 'data',
    channel: 'messaging_app',
    duration_s: 300,
    caller_type: 'professional_international_org',
    anonymous: true,
    language: 'ab',
    destination_country: 'DE',
  };
  seeded.crisis = (
    await post(asConsultant, '/api/v1/contacts', {
      ...base,
      category: 'crisis',
      started_at: new Date(now - 3600_000).toISOString(),
      summary: 'The caller is afraid to go home.',
      caller_identifier: '+31 6 5555 0101',
      follow_up_needed: true,
      follow_up_due: new Date(now + 86400_000).toISOString(),
    })
  ).id;
  seeded.tip = (await post(asConsultant, '/api/v1/contacts', { ...base, category: 'tip', started_at: new Date(now - 7200_000).toISOString() })).id;
  seeded.tipStartedAt = new Date(now - 7200_000);
  await post(asConsultant, '/api/v1/contacts', { status: 'draft', kind: 'data', channel: 'phone', started_at: new Date(now).toISOString(), duration_s: 0 });
  await post(asConsultant, `/api/v1/contacts/${seeded.crisis}/safety-plan`, { risks: 'Her employer keeps her passport.' });
  const asSupervisor = await apiSession(server.baseUrl, supervisor);
  await post(asSupervisor, '/api/v1/callers/flags', {
    caller_identifier: '+31 6 5555 0101',
    flag: 'at_risk',
    expires_at: new Date(now + 30 * 86400_000).toISOString(),
  }, 200);
  seeded.agency = (
    await post(asSupervisor, '/api/v1/agencies', { name: 'Shelter North', type: 'shelter', country: 'NL', city: 'Groningen', phone: '+31 50 555 0142', languages: ['nl', 'en'], services: ['shelter'], address_confidential: false })
  ).id;
  const asDataOfficer = await apiSession(server.baseUrl, dataOfficer);
  seeded.article = (
    await post(asDataOfficer, '/api/v1/knowledge', {
      kind: 'country_sheet',
      country: 'DE',
      language: 'en',
      title: 'Germany',
      body: '## Emergency\n\nCall **110** for the police, or see [the federal police](https://www.bundespolizei.de).',
    })
  ).id;
}

/** Opens `hash` in the signed-in app and waits until its h1 is `heading` and nothing is loading. */
export async function show(page, hash, heading) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForFunction(() => !document.querySelector('main')?.innerText.includes('Loading…'));
  await page.waitForTimeout(300); // debounced searches, lazily loaded charts
}

export async function signInAs(page, who) {
  await signIn(page, who);
  await page.locator('header').getByText(who.name).waitFor({ state: 'attached' });
}

/** The screens `role` reaches: [hash, English h1] pairs. */
export function screensOf(role) {
  const common = [
    ['#/contacts', 'Contacts'],
    [`#/contacts/${seeded.crisis}`, 'Contact details'],
    ['#/knowledge', 'Knowledge base'],
    [`#/knowledge/${seeded.article}`, 'Knowledge base'],
    ['#/directory', 'Directory of partner agencies'],
    [`#/directory/${seeded.agency}`, 'Shelter North'],
  ];
  const logs = [['#/log', 'Log a contact']]; // the form, My drafts, the look-up panel
  const plan = [[`#/contacts/${seeded.crisis}/safety-plan`, 'Safety plan']];
  const oversight = [
    ['#/supervision', 'Supervision'], // with the flagged callers for supervisors
    ['#/stats', 'Statistics'],
    ['#/trainings', 'Trainings given'], // trainings.read: supervisors and data officers here
  ];
  if (role === 'consultant') return [...logs, ...common, ...plan];
  if (role === 'supervisor') return [...logs, ...common, ...plan, ...oversight];
  return [...common, ...oversight];
}


// The other roles whose screens the walk in every language visits.
export const orgAdmin = { email: 'screens-admin@example.org', password: 'amber lantern 44 quietly', name: 'Test Admin' };
export const coordinator = { email: 'screens-coord@example.org', password: 'amber lantern 45 quietly', name: 'Test Coordinator' };
export const partner = { email: 'screens-partner@example.org', password: 'amber lantern 46 quietly', name: 'Test Partner' };

/** What the public pages show once seedPublic has run: the hotline's number, a secret address. */
export const publicSeed = { number: '0800 1234567', secretAddress: 'Hidden Refuge Lane 17', slugs: {} };

/**
 * As the organisation's administrator `admin`: the public profile (a hotline with its number,
 * hours, languages and channels; the address kept off the public pages), a published news item
 * in English and one in Romanian, a draft, a published page and case study (English), and two
 * held trainings (the figures).
 */
export async function seedPublic(server, admin) {
  const call = await apiSession(server.baseUrl, admin);
  const now = await call('GET', '/api/v1/public-profile');
  assert.equal(now.status, 200, JSON.stringify(now.body));
  const saved = await call('PUT', '/api/v1/public-profile', {
    hotlines: [
      {
        name: 'Trafficking helpline',
        numbers: [publicSeed.number],
        hours: '24/7',
        free_of_charge: true,
        languages: ['nl', 'en', 'ar'],
        channels: [{ kind: 'email', value: 'help@example.org' }],
      },
    ],
    address: publicSeed.secretAddress,
    address_public: false,
    version: now.body.version,
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const write = async (key, body) => {
    const made = await call('POST', '/api/v1/news', body);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    publicSeed.slugs[key] = made.body.slug;
  };
  await write('en', { title: 'Longer hotline hours', summary: 'We answer every day now.', body: 'We answer **every** day.', language: 'en', status: 'published' });
  await write('ro', { title: 'Program extins', summary: 'Răspundem în fiecare zi.', body: 'Răspundem **în fiecare** zi.', language: 'ro', status: 'published' });
  await write('draft', { title: 'Draft not for the public', body: 'Not yet.', language: 'en' });
  for (const page of [
    { kind: 'page', slug: 'about', language: 'en', title: 'About the hotline', body: 'We **listen**, and we help.' },
    { kind: 'case_study', slug: 'a-way-home', language: 'en', title: 'A way home', summary: 'An invented story.', body: 'She came home safely.' },
  ]) {
    const made = await call('POST', '/api/v1/site-pages', { ...page, status: 'published' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
  for (const [date, audience, participants] of [['2025-03-12', 'police', 25], ['2025-10-02', 'social_workers', 14]]) {
    const made = await call('POST', '/api/v1/trainings', {
      date,
      status: 'held',
      place: 'Training centre',
      audiences: [{ audience, participants }],
      topics: ['identification'],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
}

/**
 * What the screens beyond the contacts need (after seed): a client and a case (the supervisor),
 * a yearly report (the data officer), the public profile, news and trainings (the administrator).
 */
export async function seedEveryScreen(server) {
  const asSupervisor = await apiSession(server.baseUrl, supervisor);
  const client = await asSupervisor('POST', '/api/v1/clients', { person: { full_name: 'Ion Screens' }, coded: { gender: 'Masculine' } });
  assert.equal(client.status, 201, JSON.stringify(client.body));
  const opened = await asSupervisor('POST', '/api/v1/cases', { client_id: client.body.id, referral: { source_type: 'ngo', referred_on: '2026-12-01' } });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  seeded.case = opened.body.id;
  await seedPublic(server, orgAdmin);
  const asDataOfficer = await apiSession(server.baseUrl, dataOfficer);
  const report = await asDataOfficer('POST', '/api/v1/reports', { period: 'year', start: '2025-01-01' });
  assert.equal(report.status, 201, JSON.stringify(report.body));
  seeded.report = report.body.id;
}

/** Every staff screen, by the role that reaches it: { role: [hash, ...] } (after seedEveryScreen). */
export function everyScreen() {
  return {
    supervisor: [
      ...screensOf('supervisor').map(([hash]) => hash),
      `#/contacts/${seeded.crisis}/correct`,
      `#/contacts/${seeded.tip}/link-case`,
      '#/directory/new',
      `#/directory/${seeded.agency}/edit`,
      '#/cases',
      '#/cases/new',
      `#/cases/${seeded.case}`,
      '#/approvals',
      '#/exports',
      '#/reports',
      `#/reports/${seeded.report}`,
      '#/referrals',
      '#/account',
    ],
    orgAdmin: ['#/admin/users', '#/admin/retention', '#/admin/public-profile', '#/news', '#/site-pages'],
    coordinator: ['#/network', '#/network/overview'],
    partner: ['#/log'], // the intake form and the partner's own referrals
  };
}
