/**
 * local/layering: which folder may import what, checked on every import form.
 *
 * The policy (which layer may reach which) lives in eslint.config.mjs; this file is only the
 * mechanism. A relative specifier is resolved against the importing file before it is judged, so
 * `../../main/app/compose` from renderer/ is caught just like a bare `main/app/compose` would be,
 * while `../main/x` inside renderer/features/ (which stays in renderer/) is not.
 *
 * Type-only means the import is erased from the emitted JavaScript: `import type ...`,
 * `export type ... from`, `import('x').T` in a type position. With verbatimModuleSyntax an
 * `import { type A } from 'x'` still leaves `import {} from 'x'` behind, so it is a runtime import.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';

const packageMatcherSchema = { type: 'array', items: { type: 'string' }, uniqueItems: true };

const layerSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // Other layers (top-level folders) this layer may import; its own folder is always allowed.
    mayImport: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    // Node built-ins (`node:fs`, `fs`, `fs/promises`, ...).
    nodeBuiltins: { type: 'boolean' },
    // true, false, or the repo-relative places allowed to use it ('dir/' prefix or exact file).
    electron: { oneOf: [{ type: 'boolean' }, { type: 'array', items: { type: 'string' } }] },
    // 'allow' | 'type-only' | 'never' for the modules listed in nativeModules.
    nativeModules: { enum: ['allow', 'type-only', 'never'] },
    // When present, the only npm packages allowed (besides electron/native, judged above).
    packages: packageMatcherSchema,
    // One line for the docs and messages: why the layer is shaped like this.
    description: { type: 'string' },
  },
};

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforce the folder layering: which layer may import which layer, Node, electron and native modules',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        required: ['root', 'layers'],
        properties: {
          root: { type: 'string' },
          layers: { type: 'object', additionalProperties: layerSchema },
          nativeModules: packageMatcherSchema,
        },
      },
    ],
    messages: {
      layer: 'Layering: {{layer}}/ may import only {{allowed}} (found {{specifier}})',
      isolatedLayer: 'Layering: {{layer}}/ may import nothing of ours outside {{layer}}/ (found {{specifier}})',
      nodeBuiltin: 'Layering: {{layer}}/ must not import Node built-in modules (found {{specifier}})',
      electron: 'Layering: {{layer}}/ must never import electron (found {{specifier}})',
      electronPlace:
        'Layering: electron may be imported in {{layer}}/ only from {{places}} (found {{specifier}} in {{file}})',
      native:
        'Layering: {{layer}}/ must not import native module {{name}}; only native/ may (found {{specifier}})',
      nativeTypeOnly:
        'Layering: {{layer}}/ may import native module {{name}} only with `import type`; runtime use belongs in native/ (found {{specifier}})',
      package: 'Layering: {{layer}}/ may import only the npm packages {{allowed}} (found {{specifier}})',
    },
  },

  create(context) {
    const options = context.options[0];
    const root = path.resolve(options.root);
    const file = toPosix(path.relative(root, path.resolve(context.cwd, context.filename)));
    if (file.startsWith('../') || path.isAbsolute(file)) return {};

    const layerName = file.split('/')[0];
    const layer = options.layers[layerName];
    if (!layer || !file.includes('/')) return {}; // tests/, scripts/, root config: unrestricted

    const ourLayers = new Set(Object.keys(options.layers));
    const nativeModules = options.nativeModules ?? [];
    const fileDir = path.dirname(path.join(root, file));

    function check(node, specifier, typeOnly) {
      if (typeof specifier !== 'string' || specifier === '') return;
      const target = classify(specifier);
      const report = (messageId, data = {}) =>
        context.report({ node, messageId, data: { layer: layerName, specifier, file, ...data } });

      switch (target.kind) {
        case 'ours': {
          const allowed = [layerName, ...(layer.mayImport ?? [])];
          if (target.layer !== null && allowed.includes(target.layer)) return;
          const others = (layer.mayImport ?? []).map((name) => `${name}/`);
          if (others.length === 0) report('isolatedLayer');
          else report('layer', { allowed: list(others) });
          return;
        }
        case 'node':
          if (!layer.nodeBuiltins) report('nodeBuiltin');
          return;
        case 'electron': {
          const rule = layer.electron ?? false;
          if (rule === true) return;
          if (rule === false) return report('electron');
          if (!rule.some((place) => matchesPlace(file, place))) report('electronPlace', { places: list(rule) });
          return;
        }
        case 'native': {
          const rule = layer.nativeModules ?? 'never';
          if (rule === 'allow' || (rule === 'type-only' && typeOnly)) return;
          report(rule === 'type-only' ? 'nativeTypeOnly' : 'native', { name: target.name });
          return;
        }
        case 'package':
          if (layer.packages && !layer.packages.includes(target.name)) report('package', { allowed: list(layer.packages) });
          return;
      }
    }

    function classify(specifier) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const resolved = path.resolve(fileDir, specifier.replace(/[?#].*$/, ''));
        return { kind: 'ours', layer: layerOf(toPosix(path.relative(root, resolved))) };
      }
      if (specifier.startsWith('node:') || isBuiltin(specifier)) return { kind: 'node' };
      const name = packageName(specifier);
      if (name === 'electron') return { kind: 'electron' };
      if (nativeModules.some((entry) => matchesPackage(name, entry))) return { kind: 'native', name };
      // A bare `main/app/compose` (baseUrl or bundler alias) is still our code.
      if (ourLayers.has(specifier.split('/')[0])) return { kind: 'ours', layer: layerOf(specifier) };
      return { kind: 'package', name };
    }

    /** The layer a repo-relative path falls in; null for the repo root, tests/, or outside the repo. */
    function layerOf(repoPath) {
      if (repoPath === '' || repoPath.startsWith('..') || path.isAbsolute(repoPath)) return null;
      const first = repoPath.split('/')[0];
      return ourLayers.has(first) ? first : null;
    }

    const literal = (node) => (node && node.type === 'Literal' ? node.value : undefined);
    const staticString = (node) => {
      if (!node) return undefined;
      if (node.type === 'Literal') return node.value;
      if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
      return undefined;
    };

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node.source, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => check(node.source, staticString(node.source), false),
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type !== 'TSExternalModuleReference') return;
        check(node.moduleReference, literal(node.moduleReference.expression), node.importKind === 'type');
      },
      TSImportType: (node) => {
        const source = node.source ?? node.argument?.literal;
        check(source ?? node, literal(source), true);
      },
      CallExpression: (node) => {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'require' || node.arguments.length !== 1) return;
        check(node.arguments[0], staticString(node.arguments[0]), false);
      },
    };
  },
};

function toPosix(p) {
  return p.split(path.sep).join('/');
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** `name` matches exactly; `@scope/*` matches every package of the scope. */
function matchesPackage(name, entry) {
  return entry.endsWith('/*') ? name.startsWith(entry.slice(0, -1)) : name === entry;
}

/** `dir/` matches everything under dir; anything else must be the exact file. */
function matchesPlace(file, place) {
  return place.endsWith('/') ? file.startsWith(place) : file === place;
}

function list(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
