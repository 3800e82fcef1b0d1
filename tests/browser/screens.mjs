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

