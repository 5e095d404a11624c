// Loads a client bundle in plain node with a stub `vscode` module and times require + activate(),
// as VS Code's own activation time does. Run as a child process so every run loads cold and any
// process the language client tries to start ends with this one. Prints one JSON line.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const bundle = path.resolve(process.argv[2]);
const root = path.resolve(process.argv[3] || process.cwd());

/** A stand-in for any vscode API: every property, call and construction yields another stand-in. */
function stub(name) {
  const cache = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(_target, property) {
      if (cache.has(property)) return cache.get(property);
      // Never a thenable, so `await` on a stand-in resolves instead of waiting forever.
      if (property === 'then') return undefined;
      if (property === Symbol.iterator) return function* () {};
      if (property === Symbol.toPrimitive) return () => name;
      if (property === 'prototype') return target.prototype;
      if (!cache.has(property)) cache.set(property, stub(`${name}.${String(property)}`));
      return cache.get(property);
    },
    // Writes land in the cache, so `item.name = …` on a stand-in reads back as written.
    set(_target, property, value) {
      cache.set(property, value);
      return true;
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

// esbuild's ESM interop copies the module's own keys, so the top level is a plain object that names
// every export @types/vscode declares, each a stand-in.
const declarations = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const vscode = {};
for (const match of declarations.matchAll(/export (?:namespace|class|enum|const|let|function|interface) ([A-Za-z_$][\w$]*)/g)) {
  vscode[match[1]] = stub(`vscode.${match[1]}`);
}
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : originalResolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

vscode.version = '1.100.0';
vscode.env = { ...stub('vscode.env'), language: 'en', appName: 'Visual Studio Code', uiKind: 1 };

const uri = { fsPath: root, path: root, scheme: 'file', toString: () => `file://${root}` };
const memento = { get: (_key, fallback) => fallback, update: async () => undefined, keys: () => [] };
const context = {
  subscriptions: [],
  extensionUri: uri,
  extensionPath: root,
  globalStorageUri: uri,
  storageUri: uri,
  logUri: uri,
  workspaceState: memento,
  globalState: memento,
  asAbsolutePath: (relative) => path.join(root, relative),
};

const started = process.hrtime.bigint();
const extension = require(bundle);
const loaded = process.hrtime.bigint();
let error = null;
try {
  extension.activate(context);
} catch (caught) {
  error = String(caught && caught.stack ? caught.stack.split('\n').slice(0, 3).join(' | ') : caught);
}
const activated = process.hrtime.bigint();
process.stdout.write(`${JSON.stringify({ requireMs: Number(loaded - started) / 1e6, activateMs: Number(activated - loaded) / 1e6, error })}\n`);
process.exit(0);
