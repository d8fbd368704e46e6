// Runs a main-process command-line entry for `npm run device` / `npm run fhir`: the bundle in
// dist/main when it is newer than every source it is built from, otherwise the TypeScript source
// through tsx, so the tool works on a fresh checkout and never runs stale code. stdin, stdout and
// stderr pass straight through (decode and import read what is piped into stdin).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time under the folders the bundle is built from. */
function newestSource(dirs) {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(join(root, dir))) visit(join(root, dir));
  return newest;
}

/** `name`: the entry's file name without extension (main/app/NAME.ts, dist/main/NAME.cjs). */
export function runEntry(name) {
  const bundle = join(root, `dist/main/${name}.cjs`);
  const source = join(root, `main/app/${name}.ts`);
  const upToDate = existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(['main', 'common', 'native', 'db']);
  const args = upToDate ? [bundle] : ['--import', 'tsx', source];
  const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
  // Ctrl-C reaches the child from the terminal itself; this process only waits for it to finish.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}
