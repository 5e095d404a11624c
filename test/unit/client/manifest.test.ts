// The extension manifest agrees with the code: every command the client registers is
// contributed, menus name real commands, and the settings' defaults are what the server assumes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, Views } from '../../../client/src/model/commandIds';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/lsp/settings';

const REPO_ROOT = path.resolve(__dirname, '../../..');

interface Manifest {
  main: string;
  icon: string;
  activationEvents: string[];
  extensionKind: string[];
  capabilities: { untrustedWorkspaces: { supported: string }; virtualWorkspaces: { supported: boolean } };
  contributes: {
    commands: Array<{ command: string; title: string; category: string; icon?: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    views: Record<string, Array<{ id: string }>>;
    viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
    viewsWelcome: Array<{ view: string; when: string; contents: string }>;
    configuration: { properties: Record<string, { default: unknown; markdownDescription?: string; scope?: string }> };
    grammars: Array<{ scopeName: string; path: string; injectTo: string[] }>;
  };
}

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

describe('client manifest', () => {
  it('contributes exactly the commands the client registers, each in the Audit Lens category', () => {
    const contributed = manifest.contributes.commands.map((command) => command.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Audit Lens', command.command);
      assert.ok(command.title.length > 0, command.command);
    }
  });

  it('names only contributed commands in menus, and only known context keys in view conditions', () => {
    const known = new Set<string>(Object.values(Commands));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(known.has(entry.command), `${menu}: ${entry.command}`);
    }
    const keys = new Set<string>(Object.values(ContextKeys));
    const conditions = [...Object.values(manifest.contributes.menus).flat().map((entry) => entry.when ?? ''), ...manifest.contributes.viewsWelcome.map((entry) => entry.when)];
    for (const condition of conditions) {
      for (const key of condition.match(/auditLens\.[A-Za-z]+(?=\s|$|\)|=|!|>|<)/g) ?? []) {
        if (!key.startsWith('auditLens.issues') && !key.startsWith('auditLens.stale')) assert.ok(keys.has(key), `${key} in "${condition}"`);
      }
    }
  });

  it('declares the views and their container with the icons in media/', () => {
    assert.deepEqual(manifest.contributes.views[Views.container]?.map((view) => view.id), [Views.issues, Views.stale]);
    const container = manifest.contributes.viewsContainers.activitybar[0];
    assert.equal(container?.id, Views.container);
    assert.ok(existsSync(path.join(REPO_ROOT, container?.icon ?? '')));
    assert.ok(existsSync(path.join(REPO_ROOT, manifest.icon)));
    for (const level of ['critical', 'high', 'medium', 'low', 'info']) assert.ok(existsSync(path.join(REPO_ROOT, `media/gutter-${level}.svg`)), level);
  });

  it('injects the grammar into markdown', () => {
    const [grammar] = manifest.contributes.grammars;
    assert.equal(grammar?.injectTo[0], 'text.html.markdown');
    const file = JSON.parse(readFileSync(path.join(REPO_ROOT, grammar?.path ?? ''), 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(file.scopeName, grammar?.scopeName);
    assert.match(file.injectionSelector, /^L:text\.html\.markdown /);
  });

  it('defaults every setting to what the server assumes when the client sends nothing', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), [
      'auditLens.codeLens.enabled',
      'auditLens.codeLens.showResolved',
      'auditLens.decorations.enabled',
      'auditLens.diagnostics.severity',
      'auditLens.exclude',
      'auditLens.git.base',
      'auditLens.git.enabled',
      'auditLens.include',
      'auditLens.inlayHints.enabled',
      'auditLens.trace.server',
    ]);
    const nested: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(properties)) {
      assert.ok(property.markdownDescription && property.markdownDescription.length > 20, key);
      const parts = key.split('.').slice(1);
      let target = nested;
      for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
      target[parts[parts.length - 1] as string] = property.default;
    }
    assert.deepEqual(normalizeSettings(nested), DEFAULT_SETTINGS);
  });

  it('runs the bundle, stays on the workspace side, and is limited in untrusted workspaces', () => {
    assert.equal(manifest.main, './dist/client.js');
    assert.deepEqual(manifest.activationEvents, ['workspaceContains:**/*.md', 'onLanguage:markdown']);
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
  });

  it('packages only the bundles, grammar, media and documents', () => {
    const ignore = readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^\*\*$/m);
    for (const kept of ['!dist/*.js', '!syntaxes/**', '!media/*.png', '!media/*.svg', '!README.md', '!LICENSE', '!CHANGELOG.md', '!package.json']) assert.ok(ignore.split('\n').includes(kept), kept);
    // A `!` pattern always wins in vsce, so one reaching into media/screenshots would ship them.
    assert.ok(!ignore.split('\n').some((line) => line.startsWith('!media/') && line.includes('**')), 'the README screenshots stay out of the VSIX');
    assert.ok(existsSync(path.join(REPO_ROOT, 'LICENSE')));
    assert.ok(existsSync(path.join(REPO_ROOT, 'CHANGELOG.md')));
  });
});
