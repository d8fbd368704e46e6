// Bundles the main-process entries and the preload with esbuild. Native modules (and every other
// runtime dependency) stay external for main: they load from node_modules / app.asar.unpacked.
// The sandboxed preload can only require('electron'), so it is bundled whole.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      'electron-main': 'main/app/electron-main.ts',
      'headless-main': 'main/app/headless-main.ts',
      'device-cli': 'main/app/device-cli.ts',
      'fhir-cli': 'main/app/fhir-cli.ts',
    },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: { index: 'preload/index.ts' },
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
    platform: 'browser',
  }),
]);
console.log('built dist/main and dist/preload');
