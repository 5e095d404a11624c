// Finds the folders a document works in: audits often say `cd backend` in a command block and then
// name files relative to it (`app/settings.py` meaning `backend/app/settings.py`).

/** Folders named by `cd <dir>` inside the document's fenced code, workspace-relative, in order of appearance. */
export function findSubprojectRoots(lines: readonly string[], inFence: readonly boolean[]): string[] {
  const roots: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!inFence[index]) continue;
    const line = lines[index] ?? '';
    if (!line.includes('cd ')) continue;
    const pattern = /(?:^|[;&|(]|\s)cd\s+([A-Za-z0-9_.][A-Za-z0-9_./-]{0,200})/g;
    for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
      const folder = normalizeFolder(match[1] ?? '');
      if (folder && !roots.includes(folder)) roots.push(folder);
    }
  }
  return roots;
}

function normalizeFolder(raw: string): string | undefined {
  const segments = raw.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.some((segment) => segment === '..')) return undefined;
  return segments.join('/');
}
