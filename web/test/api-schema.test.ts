// The API's TypeScript types (generated/schema.d.ts) are what openapi-typescript makes of the
// current docs/openapi.yaml: change the contract, then run `npm run gen:api` and commit both.
// The test runs the very command of package.json's `gen:api`, writing to a temporary file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const webDir = join(import.meta.dirname, '..');
const committedPath = join('generated', 'schema.d.ts');

/** The arguments `npm run gen:api` gives openapi-typescript, the output file replaced by `out`. */
function genApiArguments(out: string): string[] {
  const pkg = JSON.parse(readFileSync(join(webDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = (pkg.scripts['gen:api'] ?? '').split(/\s+/);
  expect(command).toBe('openapi-typescript');
  const output = args.indexOf('-o') + 1;
  expect(args[output]).toBe(committedPath);
  return args.map((arg, i) => (i === output ? out : arg)); // the others are relative to web/
}

describe('generated/schema.d.ts', () => {
  it('is what openapi-typescript generates from docs/openapi.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strada-schema-'));
    try {
      const fresh = join(dir, 'schema.d.ts');
      const cli = join(webDir, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
      execFileSync(process.execPath, [cli, ...genApiArguments(fresh)], { cwd: webDir, stdio: 'ignore' });
      const committed = readFileSync(join(webDir, committedPath), 'utf8');
      expect(committed, 'run `npm run gen:api` in web/ and commit generated/schema.d.ts').toBe(
        readFileSync(fresh, 'utf8'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
