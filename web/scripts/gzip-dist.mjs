// Writes a `.gz` sibling next to every text asset in dist/ so the C++ server can hand
// precompressed files to clients that accept gzip, without compressing per request.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const root = new URL('../dist/', import.meta.url).pathname;
const compressible = /\.(js|css|html|svg|json|txt)$/;

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

let raw = 0;
let gz = 0;
for await (const path of walk(root)) {
  if (!compressible.test(path)) continue;
  const data = await readFile(path);
  const packed = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
  await writeFile(`${path}.gz`, packed);
  raw += data.length;
  gz += packed.length;
  process.stdout.write(`${relative(root, path).padEnd(40)} ${String(data.length).padStart(8)} B  gzip ${String(packed.length).padStart(7)} B\n`);
}
process.stdout.write(`total ${raw} B raw, ${gz} B gzip\n`);
