// Turns a path as an audit document wrote it into clean segments before any lookup. Documents wrap
// paths in quotes and backticks, follow them with punctuation, percent-encode them in links and
// mix Windows and POSIX separators; the resolver must see past all of that, and must see through
// encodings that hide a traversal (`..%2F..%2Fetc%2Fpasswd`).
// Everything here is a hand-written scanner: input can be adversarial, so no regex backtracks.

/** A path as written, cleaned and classified: the only shapes the resolver has to handle. */
export type WrittenPath =
  /** Relative: `ups` leading `..` that survived lexical normalization, then plain segments. */
  | { kind: 'relative'; ups: number; segments: string[] }
  /** Absolute on some machine; `drive` is the lower-cased Windows drive letter, `//` for UNC, `null` for POSIX. */
  | { kind: 'absolute'; drive: string | null; segments: string[] }
  /** Under someone's home directory (`~/.ssh/id_rsa`, `$HOME/x`): never inside a workspace. */
  | { kind: 'home' }
  /** Nothing usable was left (empty, control characters, absurdly long). */
  | { kind: 'empty' };

/** Longer "paths" are prose or attacks; no file system accepts them anyway. */
const MAX_PATH_CHARS = 4096;

// Paired by position: `<` closes with `>`, `“` with `”`; `*` is markdown emphasis around a path.
const OPENING_WRAPPERS = '"\'`<*“‘([';
const CLOSING_WRAPPERS = '"\'`>*”’)]';
const LONE_WRAPPERS = '"\'`“”‘’';
const TRAILING_PUNCTUATION = '.,;:!?';
const HOME_PREFIXES = ['$home/', '${home}/', '%userprofile%/', '%homepath%/'];

/** Cleans and classifies a path as written; never throws. */
export function parseWrittenPath(raw: string): WrittenPath {
  if (raw.length > MAX_PATH_CHARS) return { kind: 'empty' };
  let text = stripDecorations(raw);
  text = stripFileScheme(text);
  text = stripFragment(text);
  text = percentDecode(text);
  if (text.length === 0 || hasControlCharacter(text)) return { kind: 'empty' };
  text = text.replaceAll('\\', '/');
  if (isUnderHome(text)) return { kind: 'home' };
  const absolute = parseAbsoluteLocation(text);
  if (absolute) return absolute;
  const { ups, segments } = normalizeSegments(text.split('/'));
  if (ups === 0 && segments.length === 0) return { kind: 'empty' };
  return { kind: 'relative', ups, segments };
}

/**
 * Reads an absolute location (`/a/b`, `C:\a\b`, `\\server\share\a`) into drive and segments, with
 * `.` and `..` applied lexically (`..` stops at the top, as the OS does); `undefined` when relative.
 */
export function parseAbsoluteLocation(text: string): WrittenPath & { kind: 'absolute' } | undefined {
  let rest = text.replaceAll('\\', '/');
  // `file:///C:/x` leaves `/C:/x` behind: the drive wins over the slash.
  if (rest.startsWith('/') && isDriveAt(rest, 1)) rest = rest.slice(1);
  let drive: string | null;
  if (isDriveAt(rest, 0)) {
    drive = rest.charAt(0).toLowerCase();
    rest = rest.slice(2);
  } else if (rest.startsWith('//')) {
    drive = '//';
  } else if (rest.startsWith('/')) {
    drive = null;
  } else {
    return undefined;
  }
  const segments: string[] = [];
  for (const segment of rest.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return { kind: 'absolute', drive, segments };
}

/** Applies `.`, `..` and empty segments lexically; `..` that climbs past the start is counted in `ups`. */
export function normalizeSegments(parts: readonly string[]): { ups: number; segments: string[] } {
  const segments: string[] = [];
  let ups = 0;
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part !== '..') segments.push(part);
    else if (segments.length > 0) segments.pop();
    else ups++;
  }
  return { ups, segments };
}

/** The folder segments of a workspace-relative path (`docs/a/audit.md` → `['docs', 'a']`); escapes collapse to the root. */
export function folderSegmentsOf(workspacePath: string): string[] {
  const { ups, segments } = normalizeSegments(workspacePath.replaceAll('\\', '/').split('/'));
  if (ups > 0) return [];
  return segments.slice(0, -1);
}

/** The segments of a workspace-relative folder (`backend/` → `['backend']`); escapes collapse to the root. */
export function workspaceFolderSegments(folder: string): string[] {
  const { ups, segments } = normalizeSegments(folder.replaceAll('\\', '/').split('/'));
  return ups > 0 ? [] : segments;
}

function stripDecorations(raw: string): string {
  let text = raw.trim();
  // Each pass peels one layer (`` (`a.py`), `` needs several); every pass shortens the text.
  for (;;) {
    const before = text.length;
    text = stripTrailingPunctuation(text);
    text = stripWrapperPair(text);
    text = stripUnbalancedBracket(text);
    text = text.trim();
    if (text.length === before) return text;
  }
}

function stripTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0) {
    const char = text.charAt(end - 1);
    if (!TRAILING_PUNCTUATION.includes(char)) break;
    if (char !== '.') {
      end--;
      continue;
    }
    let runStart = end - 1;
    while (runStart > 0 && text.charAt(runStart - 1) === '.') runStart--;
    const before = text.charAt(runStart - 1);
    // A segment of dots alone (`..`, `a/..`) is the path itself, not a full stop.
    if (runStart === 0 || before === '/' || before === '\\') break;
    end = runStart;
  }
  return text.slice(0, end);
}

function stripWrapperPair(text: string): string {
  const first = text.charAt(0);
  const last = text.charAt(text.length - 1);
  const pairIndex = OPENING_WRAPPERS.indexOf(first);
  if (text.length >= 2 && pairIndex >= 0 && CLOSING_WRAPPERS.charAt(pairIndex) === last) return text.slice(1, -1);
  // Extraction sometimes cuts a quote pair in half; a lone quote or backtick is never part of a path.
  if (LONE_WRAPPERS.includes(first)) return text.slice(1);
  if (LONE_WRAPPERS.includes(last)) return text.slice(0, -1);
  return text;
}

function stripUnbalancedBracket(text: string): string {
  let balance = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '(' || char === '[') balance++;
    else if (char === ')' || char === ']') balance--;
  }
  const last = text.charAt(text.length - 1);
  if (balance < 0 && (last === ')' || last === ']')) return text.slice(0, -1);
  const first = text.charAt(0);
  if (balance > 0 && (first === '(' || first === '[')) return text.slice(1);
  return text;
}

function stripFileScheme(text: string): string {
  return text.slice(0, 7).toLowerCase() === 'file://' ? text.slice(7) : text;
}

/**
 * Drops a link fragment: `#L10-L20` always, and `#section` when it cannot be part of a name
 * (no dot, no slash after the `#`, so `notes#1.md` and `C#/x.cs` survive).
 */
function stripFragment(text: string): string {
  const hash = text.indexOf('#');
  if (hash < 0) return text;
  const fragment = text.slice(hash + 1);
  if (fragment.includes('/') || fragment.includes('\\')) return text;
  const isLineFragment = fragment.charAt(0) === 'L' && isDigit(fragment.charCodeAt(1));
  if (isLineFragment || !fragment.includes('.')) return text.slice(0, hash);
  return text;
}

function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // Not valid percent-encoding (`100%.md`, `%USERPROFILE%`): the text means what it says.
    return text;
  }
}

function isUnderHome(text: string): boolean {
  if (text.charAt(0) === '~') {
    // `~`, `~/x` and `~user/x` are homes; `~$draft.docx` is an ordinary (if odd) name.
    const slash = text.indexOf('/');
    const user = slash < 0 ? text.slice(1) : text.slice(1, slash);
    return user === '' ? true : slash > 0 && isUserName(user);
  }
  const lower = text.slice(0, 16).toLowerCase();
  return HOME_PREFIXES.some((prefix) => lower.startsWith(prefix) || lower === prefix.slice(0, -1));
}

function isUserName(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const ok = isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || text.charAt(index) === '.' || text.charAt(index) === '_' || text.charAt(index) === '-';
    if (!ok) return false;
  }
  return true;
}

function isDriveAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  const isLetter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (!isLetter || text.charAt(index + 1) !== ':') return false;
  const after = text.charAt(index + 2);
  return after === '' || after === '/';
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function isAllDots(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charAt(index) !== '.') return false;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
