// Real code history: three published releases of the `ws` package (installed from npm under the
// aliases ws-8.21.0, ws-8.21.2 and ws-8.23.0) are committed in order, with our review of 8.21.0
// (test/fixtures/real-history) committed on top of the first. No line of that code was written for
// these tests; the drift between releases is the drift real maintainers made over six months.
// Every expected state and line below was checked by hand (and by a plain content search) against
// the released files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWithGit } from '../../../server/src/cli/gitAnalysis';
import { createNodeWorkspaceHost } from '../../../server/src/cli/nodeWorkspaceHost';
import { normalizeLine } from '../../../server/src/core/git/lineDiff';
import type { ResolvedReference } from '../../../server/src/core/model';
import { useTempRepo, type TempRepo } from '../../helpers/gitRepo';

const REVIEW = path.resolve(__dirname, '../../fixtures/real-history/WS_TRANSPORT_REVIEW.md');
const REVIEW_PATH = 'docs/WS_TRANSPORT_REVIEW.md';

/** The folder npm installed a release into. */
function releaseFolder(version: string): string {
  return path.dirname(require.resolve(`ws-${version}/package.json`));
}

/** Replaces the repository's code (everything but .git and docs/) with a release's files. */
function checkInRelease(repo: TempRepo, version: string): string {
  for (const entry of fs.readdirSync(repo.root)) {
    if (entry !== '.git' && entry !== 'docs') fs.rmSync(path.join(repo.root, entry), { recursive: true, force: true });
  }
  fs.cpSync(releaseFolder(version), repo.root, { recursive: true });
  return repo.commit(`ws ${version}`);
}

/** Where each line reference of the review stands: `state` or `state → start-end`. */
type Placement = Record<string, string>;

describe('a review of a real package, across its real releases', function () {
  this.timeout(60_000);
  const fixture = useTempRepo();

  async function review(repo: TempRepo): Promise<ResolvedReference[]> {
    const report = await analyzeWithGit(await createNodeWorkspaceHost(repo.root), {}, fixture.storage);
    const document = report.documents.find((entry) => entry.path === REVIEW_PATH);
    assert.ok(document, 'the review is indexed');
    return document.references;
  }

  function placements(references: readonly ResolvedReference[]): Placement {
    const placed: Placement = {};
    for (const reference of references) {
      if (reference.startLine === null) continue;
      const where = reference.suggestion ? ` → ${reference.suggestion.startLine}-${reference.suggestion.endLine}` : '';
      placed[`${reference.path}:${reference.startLine}-${reference.endLine}`] = `${reference.state}${where}`;
    }
    return placed;
  }

  it('keeps a current review clean, then follows six months of drift to the right lines', async () => {
    const { repo } = fixture;
    const base = checkInRelease(repo, '8.21.0');
    repo.write(REVIEW_PATH, fs.readFileSync(REVIEW, 'utf8'));
    repo.commit('review of ws 8.21.0');

    // Two months later: 8.21.2 lowered the receiver limits in place and left the rest alone.
    checkInRelease(repo, '8.21.2');
    assert.deepEqual(placements(await review(repo)), {
      'lib/websocket.js:1373-1377': 'ok',
      'lib/websocket.js:1189-1193': 'ok',
      'lib/websocket.js:455-485': 'ok',
      'lib/websocket.js:480-482': 'ok',
      'lib/websocket-server.js:72-74': 'changed',
      'lib/buffer-util.js:115-115': 'ok',
      'lib/sender.js:536-554': 'ok',
      'lib/sender.js:22-24': 'ok',
      'lib/websocket.js:285-295': 'ok',
      'lib/websocket.js:1309-1314': 'ok',
      'lib/websocket.js:671-671': 'ok',
      'lib/permessage-deflate.js:17-24': 'ok',
    });

    // 8.23.0: code inserted above most references, the mask helper rewritten around line 115.
    checkInRelease(repo, '8.23.0');
    const references = await review(repo);
    assert.deepEqual(placements(references), {
      'lib/websocket.js:1373-1377': 'moved → 1437-1441',
      'lib/websocket.js:1189-1193': 'moved → 1232-1236',
      'lib/websocket.js:455-485': 'moved → 476-506',
      'lib/websocket.js:480-482': 'moved → 501-503',
      'lib/websocket-server.js:72-74': 'changed → 74-76',
      'lib/buffer-util.js:115-115': 'changed → 126-126',
      'lib/sender.js:536-554': 'moved → 539-557',
      'lib/sender.js:22-24': 'ok',
      'lib/websocket.js:285-295': 'moved → 306-316',
      'lib/websocket.js:1309-1314': 'moved → 1373-1378',
      'lib/websocket.js:671-671': 'moved → 695-695',
      'lib/permessage-deflate.js:17-24': 'ok',
    });

    // Every suggestion of a moved reference holds exactly the code the review named.
    for (const reference of references.filter((entry) => entry.state === 'moved')) {
      const suggestion = reference.suggestion;
      assert.ok(suggestion);
      const start = reference.startLine as number;
      const then = repo.git('show', `${base}:${reference.path}`).split('\n').slice(start - 1, reference.endLine ?? start);
      const now = repo.read(suggestion.path).split('\n').slice(suggestion.startLine - 1, suggestion.endLine);
      assert.deepEqual(now.map(normalizeLine), then.map(normalizeLine), reference.text);
    }

    // The files named without lines: one exists, one the review says the package lacks.
    const fileLevel = references.filter((entry) => entry.startLine === null).map((entry) => [entry.path, entry.state]);
    assert.deepEqual(fileLevel, [
      ['lib/limiter.js', 'ok'],
      ['CONTRIBUTING.md', 'proposed'],
    ]);
  });
});
