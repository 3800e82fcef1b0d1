// Trainings in a real browser (issue 11, section 3; docs/trainings.md): a supervisor records a
// held training (25 police officers, a topic) through the Trainings screen, sees it in the year's
// list and in the figures per year (chart and table), and then in the member's yearly report that
// the data officer computes: participants counted, the single course suppressed as every small
// count of a report. axe finds no serious violation on the screen or the form.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const supervisor = { email: 'trainings.sup@example.org', password: 'amber quarry lantern 6', name: 'Tia Sup' };
const dataOfficer = { email: 'trainings.data@example.org', password: 'amber quarry lantern 7', name: 'Ted Data' };

const { server, open } = setUpServerAndBrowser({
  users: [
    { ...supervisor, role: 'supervisor' },
    { ...dataOfficer, role: 'data_officer' },
  ],
});

describe('trainings', () => {
  test('a supervisor records a training and sees it in the figures and in the report', async (t) => {
    await open(t, async (page) => {
      await signIn(page, supervisor);
      await page.locator('header').waitFor();
      await page.getByRole('link', { name: 'Trainings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trainings given' }).waitFor();
      await checkA11y(page, 'trainings');

      await page.getByRole('button', { name: 'Record a training' }).click();
      await page.getByRole('heading', { level: 2, name: 'Record a training' }).waitFor();
      await page.getByLabel('First day').fill('2024-03-12');
      await page.getByLabel('Place', { exact: true }).fill('Police academy');
      await page.getByLabel('Police', { exact: true }).fill('25');
      await page.getByLabel('Identification of victims').check();
      await page.getByLabel('Trainers from outside').fill('Dr. Ilse Expert');
      await page.getByLabel('Average evaluation score (1 to 5)').fill('4.5');
      await checkA11y(page, 'training form');
      await page.getByRole('button', { name: 'Save the training' }).click();
      await page.getByText('The training is saved.').waitFor();

      // The list of 2024 (the screen moves to the training's year) and the figures.
      await page.getByRole('heading', { level: 2, name: 'Trainings in 2024' }).waitFor();
      const row = page.getByRole('row', { name: /2024-03-12/ });
      assert.match(await row.innerText(), /Police academy/);
      assert.match(await row.innerText(), /25/);
      const courses = page.getByRole('table', { name: 'Courses and participants per year' });
      assert.match(await courses.getByRole('row', { name: /^2024/ }).innerText(), /2024\s+1\s+25/);
      const byAudience = page.locator('#trainings-by-audience-table');
      assert.match(await byAudience.getByRole('row', { name: /^Police/ }).innerText(), /0\s+0\s+25/);
      await checkA11y(page, 'trainings with figures');

      // The member's report for 2024, computed by the data officer, reviewed by the supervisor.
      const officer = await apiSession(server.baseUrl, dataOfficer);
      const report = await officer('POST', '/api/v1/reports', { period: 'year', start: '2024-01-01' });
      assert.equal(report.status, 201, JSON.stringify(report.body));
      await page.goto(`${server.baseUrl}/#/reports/${report.body.id}`);
      await page.getByRole('heading', { level: 1, name: 'Report 2024, revision 1' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Trainings given' }).waitFor();
      const total = page.getByRole('table', { name: 'Trainings given', exact: true });
      assert.match(await total.getByRole('row', { name: /Participants/ }).innerText(), /25/);
      assert.match(await total.getByRole('row', { name: /Courses/ }).innerText(), /suppressed/);
      const audiences = page.locator('#report-trainings_by_audience-table');
      assert.match(await audiences.getByRole('row', { name: /Police/ }).innerText(), /25/);
      await checkA11y(page, 'report with trainings');
    });
  });
});
