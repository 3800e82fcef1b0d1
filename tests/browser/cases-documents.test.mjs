// A case's documents in a real browser: a supervisor uploads a PDF through the file input, sees
// the progress bar reach done, downloads it and gets the same bytes; a file of a type not taken
// (an executable named .pdf) is refused with a message that says what to do. Every screen passes
// axe.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { apiSession, checkA11y, setUpServerAndBrowser, signIn } from './support.mjs';

const supervisor = { email: 'documents.supervisor@example.org', password: 'granite meadow lantern 8', name: 'Sam Supervisor' };

const { server, open } = setUpServerAndBrowser({ users: [{ ...supervisor, role: 'supervisor' }] });

// A PDF header, then bytes of every value (a text path would break them), 200 KiB in all.
function pdfBytes() {
  const head = Buffer.from('%PDF-1.4\n');
  const body = Buffer.alloc(200 * 1024 - head.length);
  for (let i = 0; i < body.length; i++) body[i] = i % 256;
  return Buffer.concat([head, body]);
}

describe('documents', () => {
  test('a PDF is uploaded with a progress bar and downloaded byte for byte; a wrong type is refused', async (t) => {
    const call = await apiSession(server.baseUrl, supervisor);
    const client = await call('POST', '/api/v1/clients', { person: { full_name: 'Dora Document' }, coded: {} });
    assert.equal(client.status, 201, JSON.stringify(client.body));
    const kase = await call('POST', '/api/v1/cases', {
      client_id: client.body.id,
      referral: { source_type: 'police', referred_on: '2024-05-01' },
    });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    const bytes = pdfBytes();

    await open(t, async (page) => {
      await signIn(page, supervisor);
      await page.goto(`${server.baseUrl}/#/cases/${kase.body.id}`);
      const section = page.locator('#case-documents');
      await section.getByText('No documents yet.').waitFor();
      await section.getByLabel('File', { exact: true }).setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: bytes });
      await section.getByLabel('Title', { exact: true }).fill('Police report – scan');
      await section.getByLabel('Kind of document').selectOption({ label: 'Legal document' });
      await section.getByRole('button', { name: 'Upload the document' }).click();
      await section.getByText('Document uploaded.').waitFor();
      const progress = section.getByLabel('Upload progress');
      assert.equal(await progress.getAttribute('value'), '100');
      const link = section.getByRole('link', { name: 'Download “Police report – scan”' });
      await link.waitFor();
      await checkA11y(page, 'the documents section with an upload');

      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const saved = await readFile(await download.path());
      assert.equal(download.suggestedFilename(), 'document.pdf');
      assert.ok(saved.equals(bytes), `downloaded ${saved.length} bytes, uploaded ${bytes.length}`);

      // An executable named like a PDF: refused by its content, with what to do next.
      await section.getByLabel('File', { exact: true }).setInputFiles({
        name: 'invoice.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
      });
      await section.getByLabel('Title', { exact: true }).fill('Invoice');
      await section.getByLabel('Kind of document').selectOption({ label: 'Other' });
      await section.getByRole('button', { name: 'Upload the document' }).click();
      await section.getByText(/This kind of file is not taken\. Save it as PDF/).first().waitFor();
      assert.equal(await section.getByLabel('File', { exact: true }).getAttribute('aria-invalid'), 'true');
      await checkA11y(page, 'the documents section refusing a file');
    });
    const listed = await call('GET', `/api/v1/cases/${kase.body.id}/documents`);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.items.length, 1);
    assert.equal(listed.body.items[0].media_type, 'application/pdf');
  });
});
