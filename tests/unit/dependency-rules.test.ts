import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves the layering policy in eslint.config.mjs (docs/architecture.md, "Layers and dependency
 * rules") against the real config: each case lints a snippet as if it lived at a path in the repo.
 * The paths are virtual; only their location decides which layer's rules apply.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RULE = 'local/layering';

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: path.join(repoRoot, 'eslint.config.mjs') });
});

async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  // A parse error or an ignored file would report nothing from the rule and look like a pass.
  expect(result.messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
  return result.messages;
}

async function layeringMessages(file: string, code: string): Promise<string[]> {
  const messages = await lint(file, code);
  return messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

async function expectViolation(file: string, code: string, ...fragments: string[]): Promise<void> {
  const messages = await layeringMessages(file, code);
  expect(messages, `${file}: ${code}`).toHaveLength(1);
  for (const fragment of fragments) expect(messages[0]).toContain(fragment);
}

async function expectAllowed(file: string, code: string): Promise<void> {
  expect(await layeringMessages(file, code), `${file}: ${code}`).toEqual([]);
}

describe('renderer/ imports only common/', () => {
  const file = 'renderer/features/x/bad.tsx';

  it('rejects a relative import that resolves into main/', async () => {
    await expectViolation(
      file,
      "import { compose } from '../../../main/app/compose';\nexport const c = compose;",
      'renderer/ may import only common/ (found ../../../main/app/compose)',
    );
  });

  it('rejects db/, native/, server/, preload/ and tests/ by resolved location', async () => {
    for (const target of ['db/schema', 'native/keychain', 'server/api', 'preload/index', 'tests/helpers']) {
      await expectViolation(file, `export * from '../../../${target}';`, `(found ../../../${target})`);
    }
  });

  it('rejects a bare specifier naming another layer', async () => {
    await expectViolation(file, "export * from 'main/app/compose';", 'renderer/ may import only common/');
  });

  it('rejects Node built-ins with and without the node: prefix', async () => {
    await expectViolation(file, "export { readFileSync } from 'node:fs';", 'renderer/ must not import Node built-in modules (found node:fs)');
    await expectViolation(file, "import * as fs from 'fs/promises';\nexport { fs };", '(found fs/promises)');
    await expectViolation(file, "export const cp = require('child_process');", '(found child_process)');
  });

  it('rejects electron, even type-only', async () => {
    await expectViolation(file, "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };", 'renderer/ must never import electron');
    await expectViolation(file, "import type { IpcRenderer } from 'electron';\nexport type R = IpcRenderer;", 'renderer/ must never import electron');
  });

  it('rejects a dynamic import into main/', async () => {
    await expectViolation(file, "export const lazy = () => import('../../../main/app/compose');", 'renderer/ may import only common/');
  });

  it('allows common/, its own folder, npm packages and JSX', async () => {
    await expectAllowed(
      file,
      [
        "import { useState } from 'react';",
        "import { METHOD_NAMES } from '../../../common/contract';",
        "import { Button } from '../../ui/button';",
        'export function Page() {',
        '  const [n] = useState(METHOD_NAMES.length);',
        '  return <Button>{n}</Button>;',
        '}',
      ].join('\n'),
    );
  });

  it('judges where a path lands, not the words in it', async () => {
    // renderer/features/main/ is still renderer/.
    await expectAllowed('renderer/features/x/page.tsx', "export * from '../main/summary';");
  });
});

describe('db/ imports only common/ and never loads native modules', () => {
  const file = 'db/repositories/patients.ts';

  it('rejects electron', async () => {
    await expectViolation(file, "import { app } from 'electron';\nexport const a = app;", 'db/ must never import electron (found electron)');
  });

  it('rejects a value import of the SQLite cipher build', async () => {
    await expectViolation(
      file,
      "import Database from 'better-sqlite3-multiple-ciphers';\nexport const D = Database;",
      'db/ may import native module better-sqlite3-multiple-ciphers only with `import type`',
    );
  });

  it('rejects an inline type specifier, which still leaves a runtime import', async () => {
    await expectViolation(
      file,
      "import { type Database } from 'better-sqlite3-multiple-ciphers';\nexport type D = Database;",
      'only with `import type`',
    );
  });

  it('allows `import type` of the native module', async () => {
    await expectAllowed(file, "import type { Database } from 'better-sqlite3-multiple-ciphers';\nexport type D = Database;");
  });

  it('rejects main/', async () => {
    await expectViolation(file, "export * from '../../main/services/users';", 'db/ may import only common/ (found ../../main/services/users)');
  });

  it('allows common/, kysely and node: built-ins', async () => {
    await expectAllowed(
      file,
      "export { AppError } from '../../common/rpc/errors';\nexport { sql } from 'kysely';\nexport { existsSync } from 'node:fs';",
    );
  });
});

describe('main/ uses electron only at its edges', () => {
  const electronImport = "import { app } from 'electron';\nexport const a = app;";

  it('rejects electron in main/services/', async () => {
    await expectViolation(
      'main/services/users/users-service.ts',
      electronImport,
      'electron may be imported in main/ only from main/app/, main/adapters/ and main/transports/electron-ipc.ts',
      'in main/services/users/users-service.ts',
    );
  });

  it('rejects electron in main/ports/ and other transports', async () => {
    await expectViolation('main/ports/key-store.ts', electronImport, 'electron may be imported in main/ only from');
    await expectViolation('main/transports/http-bridge.ts', electronImport, 'electron may be imported in main/ only from');
  });

  it('allows electron in main/app/, main/adapters/ and the electron IPC transport', async () => {
    await expectAllowed('main/app/electron-main.ts', electronImport);
    await expectAllowed('main/adapters/safe-storage-key-store.ts', electronImport);
    await expectAllowed('main/transports/electron-ipc.ts', electronImport);
  });

  it('rejects native modules, which go through native/', async () => {
    await expectViolation(
      'main/adapters/serial-transport.ts',
      "import { SerialPort } from 'serialport';\nexport const S = SerialPort;",
      'main/ must not import native module serialport; only native/ may',
    );
  });

  it('rejects renderer/ and server/', async () => {
    await expectViolation('main/app/compose.ts', "export * from '../../renderer/api';", 'main/ may import only common/, db/ and native/');
    await expectViolation('main/app/compose.ts', "export * from '../../server/api';", '(found ../../server/api)');
  });

  it('allows common/, db/, native/ and node: built-ins', async () => {
    await expectAllowed(
      'main/app/compose.ts',
      [
        "export * from '../../common/contract';",
        "export * from '../../db/open-database';",
        "export * from '../../native/sqlite-cipher';",
        "export * from '../services/users/users-service';",
        "export { join } from 'node:path';",
      ].join('\n'),
    );
  });
});

describe('common/ imports nothing of ours and runs anywhere', () => {
  const file = 'common/domain/patient.ts';

  it('rejects db/', async () => {
    await expectViolation(file, "export type { Database } from '../../db/schema';", 'common/ may import nothing of ours outside common/ (found ../../db/schema)');
  });

  it('rejects Node built-ins, electron and npm packages other than zod', async () => {
    await expectViolation(file, "export { randomUUID } from 'node:crypto';", 'common/ must not import Node built-in modules');
    await expectViolation(file, "export { app } from 'electron';", 'common/ must never import electron');
    await expectViolation(file, "export { sql } from 'kysely';", 'common/ may import only the npm packages zod (found kysely)');
  });

  it('allows zod and itself', async () => {
    await expectAllowed(file, "export { z } from 'zod';\nexport * from './ids';\nexport * from '../rpc/errors';");
  });
});

describe('server/, preload/ and native/', () => {
  it('server/ rejects main/ and electron', async () => {
    await expectViolation('server/api/sync-routes.ts', "export * from '../../main/sync/outbox';", 'server/ may import only common/ (found ../../main/sync/outbox)');
    await expectViolation('server/index.ts', "export { app } from 'electron';", 'server/ must never import electron');
  });

  it('server/ allows common/ and itself', async () => {
    await expectAllowed('server/api/sync-routes.ts', "export * from '../../common/contract';\nexport * from '../store';");
  });

  it('preload/ rejects main/ and Node built-ins', async () => {
    await expectViolation('preload/index.ts', "export * from '../main/transports/electron-ipc';", 'preload/ may import only common/ (found ../main/transports/electron-ipc)');
    await expectViolation('preload/index.ts', "export { readFileSync } from 'node:fs';", 'preload/ must not import Node built-in modules');
  });

  it('preload/ allows electron and common/', async () => {
    await expectAllowed('preload/index.ts', "export { contextBridge } from 'electron';\nexport * from '../common/rpc/client';");
  });

  it('native/ may load native modules but imports nothing else of ours', async () => {
    await expectAllowed('native/sqlite-cipher.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const D = Database;");
    await expectViolation('native/sqlite-cipher.ts', "export * from '../common/contract';", 'native/ may import nothing of ours outside native/');
  });
});

describe('tests/ and scripts/ are unrestricted', () => {
  it('lets a test import any layer, electron and native modules', async () => {
    await expectAllowed(
      'tests/unit/anything.test.ts',
      "export * from '../../main/app/compose';\nexport { app } from 'electron';\nexport { default } from 'better-sqlite3-multiple-ciphers';",
    );
  });
});

describe('the rule is wired into the lint run', () => {
  it('reports the whole set of messages, with the rule id, for a file breaking several rules', async () => {
    const messages = await lint(
      'renderer/features/x/bad.tsx',
      "import { compose } from '../../../main/app/compose';\nimport fs from 'node:fs';\nimport { ipcRenderer } from 'electron';\nexport { compose, fs, ipcRenderer };",
    );
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
      [RULE, 1],
      [RULE, 2],
      [RULE, 3],
    ]);
  });

  it('keeps fixtures out of `eslint .`', async () => {
    expect(await eslint.isPathIgnored(path.join(repoRoot, 'tests/fixtures/layering/renderer/bad.tsx'))).toBe(true);
    expect(await eslint.isPathIgnored(path.join(repoRoot, 'renderer/features/x/bad.tsx'))).toBe(false);
  });
});
