import assert from 'node:assert/strict';
import { FileIndex, MAX_CANDIDATES, type PathResolution, type ResolutionContext } from '../../server/src/core/pathResolver';

const ROOT = '/home/dev/uptime-monitor';

const WORKSPACE_FILES = [
  'manage.py',
  'backend/app/settings.py',
  'backend/app/settings_production.py',
  'backend/api/views.py',
  'backend/api/serializers.py',
  'backend/api/health.py',
  'backend/monitors/views.py',
  'backend/monitors/serializers.py',
  'backend/monitors/models.py',
  'gateway/api/views.py',
  'upstream/api/views.py',
  'intelliwiz_config/settings/database.py',
  'intelliwiz_config/settings/production.py',
  'frontend/src/lib/logger.ts',
  'frontend/src/pages/Dashboard.tsx',
  'docs/README.md',
  'docs/audits/SECURITY_AUDIT.md',
  'docs/audits/notes/followups.md',
  'etc/nginx/nginx.conf',
  'tools/Logger.ts',
  'lib/logger.ts',
  '08_EXECUTIVE_SUMMARY.md',
];

const index = new FileIndex(WORKSPACE_FILES, ROOT);
const atRoot: ResolutionContext = { documentPath: 'TECH_DEBT.md' };
const inAudits: ResolutionContext = { documentPath: 'docs/audits/SECURITY_AUDIT.md' };

function found(path: string): PathResolution {
  return { kind: 'found', path, candidates: [path] };
}

function ambiguous(...candidates: string[]): PathResolution {
  return { kind: 'ambiguous', path: candidates[0] as string, candidates };
}

const MISSING: PathResolution = { kind: 'missing' };
const OUTSIDE: PathResolution = { kind: 'outside-workspace' };

describe('FileIndex', () => {
  describe('indexing', () => {
    it('normalizes, deduplicates and counts the files', () => {
      const small = new FileIndex(['a\\b.py', './a/b.py', 'a//c.py', '../escape.py', ''], ROOT);
      assert.equal(small.size, 2);
      assert.equal(small.has('a/b.py'), true);
      assert.equal(small.has('a\\c.py'), true);
      assert.equal(small.has('A/b.py'), false);
      assert.equal(small.has('../escape.py'), false);
    });

    it('lists files by whole-segment suffix', () => {
      assert.deepEqual(index.filesEndingWith('api/views.py').sort(), ['backend/api/views.py', 'gateway/api/views.py', 'upstream/api/views.py']);
      assert.deepEqual(index.filesEndingWith('i/views.py'), []);
      assert.deepEqual(index.filesEndingWith(''), []);
    });
  });

  describe('normalization of the path as written', () => {
    const cases: [string, string][] = [
      ['`backend/api/views.py`', 'plain backticks'],
      ['"backend\\api\\views.py",', 'Windows separators, quotes and a comma'],
      ['./backend/api/views.py', 'leading ./'],
      ['.\\backend\\api\\views.py', 'leading .\\'],
      ['backend/api/views.py#L144-L160', 'a line fragment'],
      ['backend/api/views.py).', 'closing parenthesis and full stop'],
      ['(backend/api/views.py)', 'parentheses'],
      ['backend/api/views.py:', 'a trailing colon'],
      ['backend/api/views.py;', 'a trailing semicolon'],
      ['**`backend/api/views.py`**', 'bold code'],
      ['<backend/api/views.py>', 'angle brackets of a link destination'],
      ['backend%2Fapi%2Fviews.py', 'percent-encoded slashes'],
      ['backend//api/./views.py', 'empty and dot segments'],
      ['backend/monitors/../api/views.py', 'an inner ..'],
      ['  backend/api/views.py  ', 'surrounding spaces'],
    ];
    for (const [written, what] of cases) {
      it(`sees through ${what}: ${written}`, () => {
        assert.deepEqual(index.resolve(written, atRoot), found('backend/api/views.py'));
      });
    }

    it('keeps dots that belong to the name', () => {
      assert.deepEqual(index.resolve('docs/README.md...', atRoot), found('docs/README.md'));
    });

    it('keeps a literal percent sign that is not an encoding', () => {
      const withPercent = new FileIndex(['reports/100%.md'], ROOT);
      assert.deepEqual(withPercent.resolve('reports/100%.md', atRoot), found('reports/100%.md'));
    });

    it('answers missing for empty, control-character and absurd input', () => {
      assert.deepEqual(index.resolve('', atRoot), MISSING);
      assert.deepEqual(index.resolve('``', atRoot), MISSING);
      assert.deepEqual(index.resolve('backend/api/views.py\u0000', atRoot), MISSING);
      assert.deepEqual(index.resolve('a/'.repeat(100_000), atRoot), MISSING);
      assert.deepEqual(index.resolve('views.py%00', atRoot), MISSING);
    });
  });

  describe('escapes from the workspace', () => {
    it('reports a relative path that climbs above the root', () => {
      assert.deepEqual(index.resolve('../../etc/passwd', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('../../../etc/passwd', inAudits), OUTSIDE);
      assert.deepEqual(index.resolve('backend/../../secrets.env', atRoot), OUTSIDE);
    });

    it('does not call a climb outside when it stays inside from the document folder', () => {
      // docs/audits/ + ../../ lands on the root, which has no etc/passwd.
      assert.deepEqual(index.resolve('../../etc/passwd', inAudits), MISSING);
      assert.deepEqual(index.resolve('../README.md', inAudits), found('docs/README.md'));
    });

    it('decodes a percent-encoded traversal before judging it', () => {
      assert.deepEqual(index.resolve('..%2F..%2Fetc%2Fpasswd', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('..%5C..%5C..%5Cwindows%5Cwin.ini', inAudits), OUTSIDE);
      assert.deepEqual(index.resolve('%2Fetc%2Fshadow', atRoot), OUTSIDE);
    });

    it('reports home-directory paths', () => {
      assert.deepEqual(index.resolve('~/.ssh/id_rsa', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('`~/.aws/credentials`', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('~deploy/.bashrc', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('$HOME/.netrc', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('%USERPROFILE%\\.ssh\\id_rsa', atRoot), OUTSIDE);
    });

    it('reports absolute system paths even when the workspace holds the same tail', () => {
      assert.deepEqual(index.resolve('/etc/shadow', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('/etc/nginx/nginx.conf', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('C:\\Windows\\win.ini', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('/proc/self/environ', atRoot), OUTSIDE);
    });

    it('reports an absolute path on another machine with no tail in the workspace', () => {
      assert.deepEqual(index.resolve('/Users/someone/code/other/thing.py', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('D:\\builds\\release\\setup.exe', atRoot), OUTSIDE);
      assert.deepEqual(index.resolve('\\\\fileserver\\share\\budget.xlsx', atRoot), OUTSIDE);
    });
  });

  describe('absolute machine paths', () => {
    it('takes the part below the workspace root', () => {
      assert.deepEqual(index.resolve(`${ROOT}/backend/api/views.py`, atRoot), found('backend/api/views.py'));
      assert.deepEqual(index.resolve(`file://${ROOT}/manage.py`, atRoot), found('manage.py'));
      assert.deepEqual(index.resolve(`${ROOT}/backend/api/removed.py`, atRoot), MISSING);
      assert.deepEqual(index.resolve(ROOT, atRoot), MISSING);
    });

    it('compares a Windows root without case', () => {
      const windows = new FileIndex(WORKSPACE_FILES, 'G:\\proj\\uptime');
      assert.deepEqual(windows.resolve('g:/PROJ/Uptime/backend/api/views.py', atRoot), found('backend/api/views.py'));
      assert.deepEqual(windows.resolve('file:///G:/proj/uptime/manage.py', atRoot), found('manage.py'));
    });

    it('finds the longest tail that exists when the root differs', () => {
      assert.deepEqual(index.resolve('/var/www/uptime/backend/api/views.py', atRoot), found('backend/api/views.py'));
      assert.deepEqual(index.resolve('G:\\proj\\backend\\monitors\\models.py', atRoot), found('backend/monitors/models.py'));
      assert.deepEqual(index.resolve('/home/u/proj/manage.py', atRoot), found('manage.py'));
      assert.deepEqual(index.resolve('/srv/app/Backend/App/Settings.py', atRoot), found('backend/app/settings.py'));
    });

    it('reads a leading slash as the workspace root when it names a top-level entry', () => {
      assert.deepEqual(index.resolve('/08_EXECUTIVE_SUMMARY.md', atRoot), found('08_EXECUTIVE_SUMMARY.md'));
      assert.deepEqual(index.resolve('/docs/README.md', atRoot), found('docs/README.md'));
      assert.deepEqual(index.resolve('/docs/ARCHITECTURE.md', atRoot), MISSING);
      assert.deepEqual(index.resolve('/CHANGELOG.md', atRoot), MISSING);
    });
  });

  describe('relative paths', () => {
    it('prefers the workspace-relative path', () => {
      assert.deepEqual(index.resolve('manage.py', inAudits), found('manage.py'));
    });

    it('resolves against the document folder', () => {
      assert.deepEqual(index.resolve('notes/followups.md', inAudits), found('docs/audits/notes/followups.md'));
      assert.deepEqual(index.resolve('./SECURITY_AUDIT.md', inAudits), found('docs/audits/SECURITY_AUDIT.md'));
    });

    it('resolves against sub-project roots', () => {
      const inBackend: ResolutionContext = { documentPath: 'TECH_DEBT.md', subprojectRoots: ['backend/'] };
      assert.deepEqual(index.resolve('api/views.py', inBackend), found('backend/api/views.py'));
      assert.deepEqual(index.resolve('../frontend/src/lib/logger.ts', inBackend), found('frontend/src/lib/logger.ts'));
      assert.deepEqual(index.resolve('../frontend/src/lib/logger.ts', atRoot), OUTSIDE);
    });

    it('falls back to a suffix match for a relative path that lands nowhere', () => {
      assert.deepEqual(index.resolve('../../backend/app/settings.py', { documentPath: 'docs/audits/2025/q3.md' }), found('backend/app/settings.py'));
    });
  });

  describe('suffix and basename matches', () => {
    it('matches whole trailing segments only', () => {
      assert.deepEqual(index.resolve('settings/database.py', atRoot), found('intelliwiz_config/settings/database.py'));
      assert.deepEqual(index.resolve('tings/database.py', atRoot), MISSING);
      assert.deepEqual(index.resolve('app/settings_production.py', atRoot), found('backend/app/settings_production.py'));
    });

    it('matches a bare basename', () => {
      assert.deepEqual(index.resolve('health.py', atRoot), found('backend/api/health.py'));
      assert.deepEqual(index.resolve('Dashboard.tsx', atRoot), found('frontend/src/pages/Dashboard.tsx'));
      assert.deepEqual(index.resolve('nothing_like_it.py', atRoot), MISSING);
    });

    it('ranks an ambiguous name by shortness, then alphabet, when nothing else tells', () => {
      assert.deepEqual(
        index.resolve('views.py', atRoot),
        ambiguous('backend/api/views.py', 'gateway/api/views.py', 'upstream/api/views.py', 'backend/monitors/views.py'),
      );
    });

    it('ranks first the candidate that shares the longest folder with the issue’s other references', () => {
      const context: ResolutionContext = { documentPath: 'TECH_DEBT.md', siblingPaths: ['backend/monitors/models.py', 'frontend/src/lib/logger.ts'] };
      assert.deepEqual(
        index.resolve('views.py', context),
        ambiguous('backend/monitors/views.py', 'backend/api/views.py', 'gateway/api/views.py', 'upstream/api/views.py'),
      );
      const viaGateway: ResolutionContext = { documentPath: 'TECH_DEBT.md', siblingPaths: ['gateway/api/urls.py'] };
      assert.deepEqual(index.resolve('api/views.py', viaGateway), ambiguous('gateway/api/views.py', 'backend/api/views.py', 'upstream/api/views.py'));
    });

    it('takes the file next to the document before any suffix match', () => {
      assert.deepEqual(index.resolve('views.py', { documentPath: 'backend/monitors/AUDIT.md' }), found('backend/monitors/views.py'));
    });

    it('ranks by nearness to the document after sibling affinity', () => {
      const inMonitors: ResolutionContext = { documentPath: 'backend/monitors/docs/AUDIT.md' };
      assert.deepEqual(
        index.resolve('views.py', inMonitors),
        ambiguous('backend/monitors/views.py', 'backend/api/views.py', 'gateway/api/views.py', 'upstream/api/views.py'),
      );
      const inApi: ResolutionContext = { documentPath: 'upstream/api/REVIEW.md', siblingPaths: [] };
      assert.deepEqual(index.resolve('serializers.py', inApi), ambiguous('backend/api/serializers.py', 'backend/monitors/serializers.py'));
    });

    it('caps the candidate list', () => {
      const many = Array.from({ length: 80 }, (_, n) => `services/svc${String(n).padStart(2, '0')}/__init__.py`);
      const result = new FileIndex(many, ROOT).resolve('__init__.py', atRoot);
      assert.equal(result.kind, 'ambiguous');
      assert.equal(result.kind === 'ambiguous' && result.candidates.length, MAX_CANDIDATES);
      assert.equal(result.kind === 'ambiguous' && result.path, 'services/svc00/__init__.py');
    });
  });

  describe('letter case', () => {
    it('accepts a unique case-insensitive match', () => {
      assert.deepEqual(index.resolve('BACKEND/app/SETTINGS.py', atRoot), found('backend/app/settings.py'));
      assert.deepEqual(index.resolve('dashboard.tsx', atRoot), found('frontend/src/pages/Dashboard.tsx'));
      assert.deepEqual(index.resolve('Settings/Database.py', atRoot), found('intelliwiz_config/settings/database.py'));
    });

    it('prefers the exact case over case-insensitive matches', () => {
      assert.deepEqual(index.resolve('logger.ts', atRoot), ambiguous('lib/logger.ts', 'frontend/src/lib/logger.ts'));
      assert.deepEqual(index.resolve('Logger.ts', atRoot), found('tools/Logger.ts'));
      // No exact-case file ends with lib/Logger.ts, so the case-insensitive workspace path wins.
      assert.deepEqual(index.resolve('lib/Logger.ts', atRoot), found('lib/logger.ts'));
    });

    it('reports several case-insensitive matches as ambiguous', () => {
      assert.deepEqual(index.resolve('LOGGER.TS', atRoot), ambiguous('lib/logger.ts', 'tools/Logger.ts', 'frontend/src/lib/logger.ts'));
    });
  });

  describe('at scale', () => {
    it('indexes 20,000 files and answers 100,000 lookups correctly', () => {
      const files: string[] = [];
      for (let app = 0; app < 200; app++) {
        for (let module = 0; module < 20; module++) {
          for (let file = 0; file < 5; file++) files.push(`apps/app${app}/mod${module}/file${app}_${module}_${file}.py`);
        }
      }
      const big = new FileIndex(files, ROOT);
      assert.equal(big.size, 20_000);
      let foundCount = 0;
      let ambiguousCount = 0;
      let missingCount = 0;
      for (let lookup = 0; lookup < 100_000; lookup++) {
        const app = lookup % 200;
        const module = lookup % 20;
        const file = lookup % 5;
        const expected = `apps/app${app}/mod${module}/file${app}_${module}_${file}.py`;
        let result: PathResolution;
        switch (lookup % 4) {
          case 0:
            result = big.resolve(expected, atRoot);
            break;
          case 1:
            result = big.resolve(`file${app}_${module}_${file}.py`, atRoot);
            break;
          case 2:
            result = big.resolve(`mod${module}/file${app}_${module}_${file}.py:`, atRoot);
            break;
          default:
            result = big.resolve(`mod${module}/file${app}_${module}_${file}.pyx`, atRoot);
        }
        if (result.kind === 'found') {
          assert.equal(result.path, expected);
          foundCount++;
        } else if (result.kind === 'missing') missingCount++;
        else ambiguousCount++;
      }
      assert.deepEqual({ foundCount, ambiguousCount, missingCount }, { foundCount: 75_000, ambiguousCount: 0, missingCount: 25_000 });
      const shared = big.resolve('mod3/file7_3_1.py', atRoot);
      assert.deepEqual(shared, found('apps/app7/mod3/file7_3_1.py'));
    });
  });
});
