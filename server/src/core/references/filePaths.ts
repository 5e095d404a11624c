// Decides whether a token names a workspace file. Audit prose is full of dotted words that are not
// files (`models.Index`, `request.GET`, `v1.2.3`, `Node.js`), so bare words need an allowlisted
// extension; inside backticks a path with a slash and any plausible extension is enough.

import * as chars from './charClasses';

// tsx, which runs the tests, compiles every use of an import into a getter call; binding the
// character helpers once at load keeps the per-character loops fast there too.
const { isAsciiLetter, isDigit, isPathChar } = chars;

/** How much evidence a candidate needs: `strict` for bare words, `lenient` inside backticks and link targets. */
export type PathStrictness = 'strict' | 'lenient';

const KNOWN_EXTENSIONS = new Set([
  'py', 'pyi', 'ipynb', 'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'go', 'rs', 'java', 'kt',
  'kts', 'rb', 'php', 'cs', 'fs', 'vb', 'cpp', 'cc', 'cxx', 'c', 'h', 'hpp', 'hh', 'swift', 'm', 'mm',
  'scala', 'sql', 'sh', 'bash', 'zsh', 'fish', 'ps1', 'psm1', 'bat', 'cmd', 'yaml', 'yml', 'json',
  'jsonc', 'json5', 'toml', 'ini', 'cfg', 'conf', 'md', 'mdx', 'rst', 'adoc', 'txt', 'html', 'htm',
  'css', 'scss', 'sass', 'less', 'styl', 'vue', 'svelte', 'astro', 'tf', 'tfvars', 'hcl', 'proto',
  'gradle', 'xml', 'env', 'lock', 'dockerfile', 'graphql', 'gql', 'prisma', 'lua', 'dart', 'ex',
  'exs', 'erl', 'hrl', 'hs', 'clj', 'cljs', 'el', 'vim', 'zig', 'nim', 'jl', 'pl', 'pm', 'sol',
  'cmake', 'mk', 'bzl', 'nix', 'properties', 'plist', 'csproj', 'sln', 'jinja', 'j2', 'tmpl', 'tpl',
  'hbs', 'ejs', 'erb', 'haml', 'twig', 'pug', 'csv', 'tsv', 'log', 'rego', 'cue', 'ino', 'r',
]);

const EXTENSIONLESS_NAMES = new Set([
  'Dockerfile', 'Containerfile', 'Makefile', 'makefile', 'GNUmakefile', 'Procfile', 'Jenkinsfile',
  'Gemfile', 'Rakefile', 'Vagrantfile', 'Brewfile', 'Pipfile', 'Podfile', 'Justfile', 'justfile',
  'Caddyfile', 'Tiltfile', 'Snakefile', 'Earthfile', 'CODEOWNERS',
]);

const DOTFILE_NAMES = new Set([
  '.env', '.gitignore', '.gitattributes', '.gitmodules', '.dockerignore', '.editorconfig', '.eslintrc',
  '.eslintignore', '.prettierrc', '.prettierignore', '.npmrc', '.nvmrc', '.yarnrc', '.babelrc',
  '.stylelintrc', '.flake8', '.pylintrc', '.coveragerc', '.python-version', '.node-version',
  '.ruby-version', '.tool-versions', '.htaccess', '.bashrc', '.zshrc', '.envrc', '.pre-commit-config',
]);

// Dotted words of prose that happen to end in a code extension.
const PROSE_WORDS = new Set([
  'node.js', 'next.js', 'nuxt.js', 'vue.js', 'react.js', 'express.js', 'angular.js', 'ember.js',
  'backbone.js', 'three.js', 'd3.js', 'chart.js', 'moment.js', 'p5.js', 'alpine.js', 'solid.js',
  'nest.js', 'svelte.js', 'deno.js', 'ext.js', 'socket.io', 'a.m', 'p.m',
]);

// A first segment that ends in one of these is a host name, not a folder (`github.com/x/y.py`).
const HOST_SUFFIXES = new Set([
  'com', 'org', 'net', 'io', 'dev', 'co', 'ai', 'gov', 'edu', 'info', 'biz', 'me', 'us', 'uk', 'de',
  'fr', 'eu', 'cloud', 'sh', 'app', 'xyz', 'ly', 'gg',
]);

function isPlausibleExtension(ext: string): boolean {
  if (ext.length === 0 || ext.length > 10 || !isAsciiLetter(ext.charCodeAt(0))) return false;
  for (let k = 1; k < ext.length; k++) {
    const c = ext.charCodeAt(k);
    if (!isAsciiLetter(c) && !isDigit(c)) return false;
  }
  return true;
}

function hasLetterOrUnderscore(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (isAsciiLetter(c) || c === 95 || c > 127) return true;
  }
  return false;
}

function looksLikeHost(segment: string): boolean {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0) return false;
  return HOST_SUFFIXES.has(segment.slice(dot + 1).toLowerCase());
}

/** True when every `@` starts a path segment (`node_modules/@types/x.d.ts`), as in no e-mail address. */
function isAtSegmentStartsOnly(path: string, firstAt: number): boolean {
  for (let at = firstAt; at >= 0; at = path.indexOf('@', at + 1)) {
    if (at > 0 && path.charCodeAt(at - 1) !== 47) return false;
  }
  return true;
}

/** True when every character could be part of a path as the tokenizer reads it (`\` allowed). */
function hasOnlyPathChars(candidate: string, allowSpaces: boolean): boolean {
  for (let k = 0; k < candidate.length; k++) {
    const c = candidate.charCodeAt(k);
    if (isPathChar(c) || c === 92) continue;
    if (c === 58 && k === 1 && isAsciiLetter(candidate.charCodeAt(0))) continue; // drive letter
    if (allowSpaces && (c === 32 || c === 40 || c === 41 || c === 35 || c === 91 || c === 93 || c === 38 || c === 33)) continue;
    return false;
  }
  return true;
}

function basenameIsFile(base: string, hasSlash: boolean, strictness: PathStrictness): boolean {
  if (EXTENSIONLESS_NAMES.has(base)) return true;
  if (base.startsWith('Dockerfile.') || base.startsWith('Containerfile.')) return true;
  if (base.charCodeAt(0) === 46) {
    if (DOTFILE_NAMES.has(base) || base.startsWith('.env.')) return true;
    const inner = base.slice(1);
    const dot = inner.lastIndexOf('.');
    return dot > 0 && KNOWN_EXTENSIONS.has(inner.slice(dot + 1).toLowerCase());
  }
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return false;
  const stem = base.slice(0, dot);
  const ext = base.slice(dot + 1);
  if (!hasLetterOrUnderscore(stem)) return false;
  if (KNOWN_EXTENSIONS.has(ext.toLowerCase())) {
    // `e.c`, `x.h` as bare words are more often initials than files.
    return !(ext.length === 1 && stem.length === 1 && !hasSlash);
  }
  return strictness === 'lenient' && hasSlash && isPlausibleExtension(ext);
}

/**
 * True when `candidate` (already cut at its line suffix) names a file. `allowSpaces` is for the
 * whole content of a code span, the only place a file name may contain spaces.
 */
export function isFilePathCandidate(candidate: string, strictness: PathStrictness, allowSpaces = false): boolean {
  if (candidate.length === 0 || candidate.length > 1024) return false;
  if (candidate.indexOf('.') < 0 && candidate.indexOf('/') < 0 && candidate.indexOf('\\') < 0) {
    return EXTENSIONLESS_NAMES.has(candidate);
  }
  if (!hasOnlyPathChars(candidate, allowSpaces)) return false;
  const path = normalizeSeparators(candidate);
  const first = path.charCodeAt(0);
  if (first === 45 || first === 43) return false; // `-flag`, `+x`
  if (path.endsWith('/') || path.includes('//')) return false;
  const at = path.indexOf('@');
  if (at >= 0 && !isAtSegmentStartsOnly(path, at)) return false; // e-mail addresses
  const lastSlash = path.lastIndexOf('/');
  const base = path.slice(lastSlash + 1);
  if (base === '.' || base === '..') return false;
  const hasSlash = lastSlash >= 0;
  if (hasSlash && first !== 46 && looksLikeHost(path.slice(0, path.indexOf('/')))) return false;
  if (!hasSlash && base.length <= 12 && PROSE_WORDS.has(base.toLowerCase())) return false;
  if (strictness === 'lenient' && base.length > 0 && escapesToMachineFile(path)) return true;
  return basenameIsFile(base, hasSlash, strictness);
}

/**
 * Inside backticks, a path that climbs out (`../../etc/passwd`), starts at home (`~/.ssh/id_rsa`) or
 * names a system folder (`/etc/shadow`, `C:/Windows/win.ini`) is a reference even without an
 * extension: it must be reported as outside the workspace rather than silently ignored.
 */
function escapesToMachineFile(written: string): boolean {
  // `..%2F..%2Fetc%2Fpasswd` is the same traversal once a resolver or a browser decodes it.
  const path = written.includes('%') ? normalizeSeparators(percentDecoded(written)) : written;
  if (path.startsWith('../') || path.startsWith('~/')) return true;
  return /^\/(?:etc|proc|sys|dev|root|home|usr|var|tmp|boot)\/[^/]/.test(path) || /^[A-Za-z]:\/[^/]/.test(path);
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // `100%.md` means what it says
  }
}

/** Writes a path as the model wants it: forward slashes only. */
export function normalizeSeparators(path: string): string {
  return path.includes('\\') ? path.replace(/\\/g, '/') : path;
}

/** True when a string looks like a workspace file path (has a known extension or a slash and a plausible file name). */
export function looksLikeFilePath(candidate: string): boolean {
  if (typeof candidate !== 'string') return false;
  return isFilePathCandidate(candidate.trim(), 'lenient');
}
