// The API's TypeScript types (src/api/schema.d.ts) are what openapi-typescript makes of the
// current docs/openapi.yaml: change the contract, then run `npm run gen:api` and commit both.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const webDir = join(import.meta.dirname, '..');

describe('src/api/schema.d.ts', () => {
  it('is what openapi-typescript generates from docs/openapi.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strada-schema-'));
    try {
      const fresh = join(dir, 'schema.d.ts');
      const cli = join(webDir, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
      execFileSync(process.execPath, [cli, join(webDir, '..', 'docs', 'openapi.yaml'), '-o', fresh], {
        stdio: 'ignore',
      });
      const committed = readFileSync(join(webDir, 'src', 'api', 'schema.d.ts'), 'utf8');
      expect(committed, 'run `npm run gen:api` in web/ and commit src/api/schema.d.ts').toBe(
        readFileSync(fresh, 'utf8'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
