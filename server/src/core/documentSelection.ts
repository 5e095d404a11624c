// Decides which workspace files are audit documents, from include and exclude globs.
import picomatch from 'picomatch';

/** Markdown files anywhere in the workspace: the documents audits are written in. */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*.md', '**/*.markdown'];

/** Folders that hold copies or dependencies, never a team's own audits. */
export const DEFAULT_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.git/**', '**/vendor/**', '**/third_party/**'];

/** Builds a predicate over workspace-relative paths; empty include lists fall back to the defaults. */
export function createDocumentMatcher(include: readonly string[] = [], exclude: readonly string[] = []): (path: string) => boolean {
  const options = { dot: true, nocase: false };
  const included = picomatch(include.length > 0 ? [...include] : [...DEFAULT_INCLUDE], options);
  const excluded = picomatch([...DEFAULT_EXCLUDE, ...exclude], options);
  return (path) => included(path) && !excluded(path);
}
