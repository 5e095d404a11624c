import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAC_ROMAN_HIGH, WINDOWS_1252_C1 } from '../../server/src/core/charsets';
import { decodeDocument, repairMojibake } from '../../server/src/core/encoding';

// The corruption is simulated here, independently of the implementation's tables: UTF-8 bytes read
// back through a code page, as the broken tools did. Mac Roman comes from the platform decoder.
// Node's 'windows-1252' decoder is really Latin-1, so Windows-1252's 0x80–0x9F are written out by
// hand; its five undefined bytes stay as C1 controls, as sloppy decoders leave them.
type CodePage = 'mac-roman' | 'windows-1252' | 'latin-1';

const CP1252_80_TO_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function corrupt(text: string, codePage: CodePage): string {
  const bytes = utf8(text);
  if (codePage === 'mac-roman') return new TextDecoder('macintosh').decode(bytes);
  let result = '';
  for (const byte of bytes) {
    const high = codePage === 'windows-1252' && byte >= 0x80 && byte <= 0x9f;
    result += high ? CP1252_80_TO_9F.charAt(byte - 0x80) : String.fromCharCode(byte);
  }
  return result;
}

/** Windows-1252 as decoders that drop the five undefined bytes instead of keeping them as C1 controls. */
function corruptDroppingUndefined(text: string): string {
  return corrupt(text, 'windows-1252').replace(/[\u0081\u008d\u008f\u0090\u009d]/g, '');
}

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

function bytesOf(...parts: Array<string | number[]>): Uint8Array {
  const chunks = parts.map((part) => (typeof part === 'string' ? Array.from(utf8(part)) : part));
  return Uint8Array.from(chunks.flat());
}

const APPLE_LOGO = '\uf8ff'; // Mac Roman 0xF0: the lead byte of every 4-byte emoji, invisible in most fonts

const SAMPLE = [
  '# Audit — Payments Service',
  '## 🔴 P0 - CRITICAL',
  '**Severity:** 🔴 Critical → 🟠 High → 🟡 Medium → 🟢 Low',
  '**Status:** ✅ RESOLVED ⏳ pending ❌ failed ⚠️ warning 🕵️‍♂️ reviewer ⭐⭐⭐',
  'Café, naïve, Größe, Señor, Šťastný, Łódź, Ελληνικά α≥β, Русский, 漢字かな, 한국어',
  '│ ├── src/app.ts  └── « guillemets » “quotes” ‘single’ … • © ® ™ ° ± × ÷ ≤ ≥ ≠ ∞',
  'Plain ASCII line with `server/app/views.py:144`.',
].join('\n');

describe('charsets', () => {
  it('agrees with the platform Mac Roman decoder on every high byte', () => {
    const decoder = new TextDecoder('macintosh');
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const expected = decoder.decode(Uint8Array.of(byte)).codePointAt(0);
      assert.equal(MAC_ROMAN_HIGH[byte - 0x80], expected, `byte 0x${byte.toString(16)}`);
    }
  });

  it('agrees with the Windows-1252 table written out in this test', () => {
    assert.equal(CP1252_80_TO_9F.length, 32);
    assert.deepEqual(WINDOWS_1252_C1, Array.from(CP1252_80_TO_9F, (char) => char.codePointAt(0)));
  });
});

describe('repairMojibake', () => {
  it('repairs hand-verified Mac Roman and Windows-1252 sequences', () => {
    const cases: Array<[string, string, string]> = [
      [`${APPLE_LOGO}üî¥`, '🔴', 'mac-roman'],
      ['‚úÖ', '✅', 'mac-roman'],
      ['‚Üí', '→', 'mac-roman'],
      [`${APPLE_LOGO}üü°`, '🟡', 'mac-roman'],
      ['ðŸ”´', '🔴', 'windows-1252'],
      ['âœ…', '✅', 'windows-1252'],
      ['ðŸŸ¡', '🟡', 'windows-1252'],
      ['â€”', '—', 'windows-1252'],
    ];
    for (const [mojibake, expected, source] of cases) {
      const result = repairMojibake(`**Status:** ${mojibake} done`);
      assert.deepEqual(result, { text: `**Status:** ${expected} done`, repairCount: 1, source, firstLine: 0 }, mojibake);
    }
  });

  it('our simulated corruption matches the hand-verified literals', () => {
    assert.equal(corrupt('🔴', 'mac-roman'), `${APPLE_LOGO}üî¥`);
    assert.equal(corrupt('✅', 'mac-roman'), '‚úÖ');
    assert.equal(corrupt('→', 'mac-roman'), '‚Üí');
    assert.equal(corrupt('🟡', 'windows-1252'), 'ðŸŸ¡');
    assert.equal(corrupt('🔴', 'windows-1252'), 'ðŸ”´');
    assert.equal(corrupt('✅', 'windows-1252'), 'âœ…');
  });

  for (const codePage of ['mac-roman', 'windows-1252', 'latin-1'] as const) {
    it(`round-trips a multilingual sample corrupted through ${codePage}`, () => {
      const corrupted = corrupt(SAMPLE, codePage);
      assert.notEqual(corrupted, SAMPLE);
      const result = repairMojibake(corrupted);
      assert.equal(result.text, SAMPLE);
      // Latin-1 mojibake is Windows-1252 mojibake with C1 controls where 1252 has punctuation.
      assert.equal(result.source, codePage === 'mac-roman' ? 'mac-roman' : 'windows-1252');
      assert.equal(result.firstLine, 0);
      assert.equal(lineCount(result.text), lineCount(corrupted));
    });
  }

  it('keeps the ASCII skeleton of every line in place', () => {
    const corrupted = corrupt(SAMPLE, 'mac-roman');
    const ascii = (text: string) => text.split('\n').map((line) => line.replace(/[^\x00-\x7f]/g, ''));
    assert.deepEqual(ascii(repairMojibake(corrupted).text), ascii(corrupted));
  });

  it('leaves clean text untouched', () => {
    const clean = [
      SAMPLE,
      'é',
      'Ü',
      '“École” et «\u00a0École\u00a0» — l’été, d’être, qu’à',
      'CAFÉ’S “CAFÉ” CAFÉ… CAFÉ—OK',
      'groß—klein, Maß’, 5×² ±5 µs Δ 90°',
      '« Viens là\u00a0», «\u00a0Un café…\u00a0», “Un café…”, c’est là\u00a0— ici',
      '→ ← ↑ ↓ ⇒ ✓ ✔ ✗ 🔴🟠🟡🟢 ✅❌⚠️ 🚧',
      '┌──┬──┐\n│a │b │\n└──┴──┘',
      '中文 日本語 한국어 العربية עברית',
      'Σ = ∑ ∏ ∫ √ ∞ ≈ ≠ ≤ ≥',
      '',
      'plain ascii\r\nwith crlf\r\n',
    ];
    for (const text of clean) {
      assert.deepEqual(repairMojibake(text), { text, repairCount: 0, source: null, firstLine: null }, text);
    }
  });

  it('repairs a single accented letter only when it is plausible', () => {
    assert.equal(repairMojibake('caf√© ouvert').text, 'café ouvert'); // Mac Roman é
    assert.equal(repairMojibake('cafÃ© ouvert').text, 'café ouvert'); // Windows-1252 é
    assert.equal(repairMojibake('Größe: Gr√∂√üe').text, 'Größe: Größe');
    // `’é` is valid UTF-8 through Mac Roman (U+054E, Armenian), but it is a French elision.
    assert.equal(repairMojibake('l’école').repairCount, 0);
    // Greek alone is not believed…
    assert.equal(repairMojibake('Î± = 0.05').repairCount, 0);
    // …but is once the document proves Windows-1252 mojibake elsewhere.
    assert.equal(repairMojibake('Î± = 0.05\nâœ… done').text, 'α = 0.05\n✅ done');
    // A lone box-drawing corner reads like French punctuation (`â””`), so it needs the same proof.
    assert.equal(repairMojibake('â”” leaf').repairCount, 0);
    assert.equal(repairMojibake('â”” leaf\nâœ… done').text, '└ leaf\n✅ done');
  });

  it('repairs mojibake next to real characters in the same run', () => {
    assert.equal(repairMojibake('✅‚úÖ').text, '✅✅');
    assert.equal(repairMojibake('é‚úÖ done').text, 'é✅ done');
    assert.equal(repairMojibake('🔴âœ…').text, '🔴✅');
  });

  it('restores pictographs whose 1252 sequence lost an undefined byte', () => {
    const original = '⏳ pending\n❌ failed\n✅ done';
    const corrupted = corruptDroppingUndefined(original);
    assert.equal(corrupted, 'â³ pending\nâŒ failed\nâœ… done');
    const result = repairMojibake(corrupted);
    assert.deepEqual(result, { text: original, repairCount: 3, source: 'windows-1252', firstLine: 0 });
  });

  it('marks a dropped-byte sequence with several pictographic readings as U+FFFD', () => {
    // 📝 is F0 9F 93 9D; without the 9D it could be 📁 📍 📏 📐 or 📝.
    const corrupted = corruptDroppingUndefined('📝 notes ✅');
    assert.equal(corrupted, 'ðŸ“ notes âœ…');
    assert.equal(repairMojibake(corrupted).text, '\ufffd notes ✅');
  });

  it('guesses dropped bytes only when the document proves Windows-1252 mojibake', () => {
    assert.equal(repairMojibake('â³ pending').repairCount, 0);
  });

  it('never produces line separators or controls', () => {
    const separator = corrupt('\u2028', 'windows-1252'); // â€¨
    const control = corrupt('\u0085', 'windows-1252'); // Â + U+0085
    const text = `a${separator}b ${control} âœ…`;
    assert.equal(repairMojibake(text).text, `a${separator}b ${control} ✅`);
  });

  it('drops a BOM that went through the corruption at the very start', () => {
    const corrupted = corrupt('\ufeff# Title\n✅', 'windows-1252');
    assert.equal(corrupted.slice(0, 3), 'ï»¿');
    assert.equal(repairMojibake(corrupted).text, '# Title\n✅');
  });

  it('reports the code page that repaired most runs and the first repaired line', () => {
    const text = 'clean\r\nline\rstill clean\n‚úÖ a\nðŸ”´ b\n‚Üí c';
    const result = repairMojibake(text);
    assert.equal(result.text, 'clean\r\nline\rstill clean\n✅ a\n🔴 b\n→ c');
    assert.equal(result.repairCount, 3);
    assert.equal(result.source, 'mac-roman');
    assert.equal(result.firstLine, 3);
  });

  it('keeps lone surrogates as they were', () => {
    const text = 'broken \ud83d pair ‚úÖ';
    assert.equal(repairMojibake(text).text, 'broken \ud83d pair ✅');
  });
});

describe('decodeDocument', () => {
  it('decodes clean UTF-8 without a repaired copy', () => {
    const result = decodeDocument(utf8(SAMPLE));
    assert.deepEqual(result, {
      encoding: 'utf-8',
      text: SAMPLE,
      repairedText: null,
      binary: false,
      firstProblemLine: null,
      repairCount: 0,
      mojibakeSource: null,
      hadBom: false,
    });
  });

  it('repairs mojibake and keeps the stored text for ranges', () => {
    const stored = `# Tracker\n\n### P0-01: Debug on\n**Severity:** ${corrupt('🔴', 'mac-roman')} Critical\n`;
    const result = decodeDocument(utf8(stored));
    assert.equal(result.encoding, 'mojibake-repaired');
    assert.equal(result.text, stored);
    assert.equal(result.repairedText, '# Tracker\n\n### P0-01: Debug on\n**Severity:** 🔴 Critical\n');
    assert.equal(result.firstProblemLine, 3);
    assert.equal(result.repairCount, 1);
    assert.equal(result.mojibakeSource, 'mac-roman');
  });

  it('reports invalid UTF-8 with the line of the first bad byte', () => {
    const cases: Array<[Uint8Array, number]> = [
      [bytesOf('line 0\nline 1\nbad ', [0xff], ' here\n'), 2],
      [bytesOf('a\r\nb\r\n', [0xc0, 0xaf], '\n'), 2], // overlong
      [bytesOf('a\rb\n', [0xed, 0xa0, 0x80]), 2], // surrogate
      [bytesOf('a\n✅\nend ', [0xe2, 0x9c]), 2], // truncated at the end
      [bytesOf('caf', [0xe9], '\n'), 0], // Latin-1 é
    ];
    for (const [bytes, line] of cases) {
      const result = decodeDocument(bytes);
      assert.equal(result.encoding, 'invalid-utf-8');
      assert.equal(result.firstProblemLine, line);
      assert.ok(result.text.includes('\ufffd'));
      assert.equal(result.binary, false);
    }
  });

  it('still repairs mojibake in a document with invalid bytes', () => {
    const result = decodeDocument(bytesOf('âœ… ok\nbad ', [0xff], '\n'));
    assert.equal(result.encoding, 'invalid-utf-8');
    assert.equal(result.firstProblemLine, 1);
    assert.equal(result.repairedText, '✅ ok\nbad \ufffd\n');
  });

  it('flags NUL bytes and control-heavy bytes as binary', () => {
    assert.equal(decodeDocument(bytesOf('PK', [0x03, 0x04, 0x00, 0x00], 'rest')).binary, true);
    assert.equal(decodeDocument(Uint8Array.from({ length: 1000 }, (_, i) => (i % 2 ? 0x01 : 0x41))).binary, true);
    const nulLate = new Uint8Array(10000).fill(0x61);
    nulLate[9000] = 0;
    assert.equal(decodeDocument(nulLate).binary, false);
    assert.equal(decodeDocument(utf8('tabs\tand\fform feeds\r\n')).binary, false);
    assert.equal(decodeDocument(new Uint8Array(0)).binary, false);
  });

  it('strips and records a UTF-8 BOM, keeping a second one as text', () => {
    const result = decodeDocument(bytesOf([0xef, 0xbb, 0xbf], '# Title\n\ufeff'));
    assert.equal(result.hadBom, true);
    assert.equal(result.text, '# Title\n\ufeff');
    assert.equal(result.encoding, 'utf-8');
    assert.equal(decodeDocument(utf8('# Title')).hadBom, false);
  });

  it('decodes a 1 MB single line', () => {
    const unit = 'word ‚úÖ ';
    const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const result = decodeDocument(utf8(line));
    assert.equal(result.encoding, 'mojibake-repaired');
    assert.equal(result.repairCount, Math.ceil(1_000_000 / unit.length));
    assert.equal(result.repairedText, line.replaceAll('‚úÖ', '✅'));
    const oneRun = '‚úÖ'.repeat(350_000);
    assert.equal(repairMojibake(oneRun).text, '✅'.repeat(350_000));
    assert.equal(decodeDocument(utf8('é'.repeat(1_000_000))).repairedText, null);
  });

  it('decodes a 20 MB document', () => {
    const block = [
      '### ID-7: Session cookie lacks Secure flag',
      `**Severity:** ${corrupt('🔴', 'mac-roman')} Critical ${corrupt('—', 'mac-roman')} see \`server/app/settings.py:442\``,
      '**Status:** ‚úÖ RESOLVED — clean em dash, café, 漢字',
      '',
    ].join('\n');
    const blocks = Math.ceil(20_000_000 / utf8(block + '\n').length);
    const stored = `${block}\n`.repeat(blocks);
    const result = decodeDocument(utf8(stored));
    assert.equal(result.encoding, 'mojibake-repaired');
    assert.equal(result.mojibakeSource, 'mac-roman');
    assert.equal(result.repairCount, blocks * 3);
    assert.equal(result.firstProblemLine, 1);
    const repaired = result.repairedText ?? '';
    assert.equal(lineCount(repaired), lineCount(stored));
    const [, severity, status] = repaired.split('\n', 3);
    assert.equal(severity, '**Severity:** 🔴 Critical — see `server/app/settings.py:442`');
    assert.equal(status, '**Status:** ✅ RESOLVED — clean em dash, café, 漢字');
  });
});

describe('decodeDocument on the real seeds', () => {
  const seedDirectory = path.resolve(__dirname, '../../../shared/seeds');
  const seed = (prefix: string): Uint8Array => {
    const name = fs.readdirSync(seedDirectory).find((file) => file.startsWith(prefix));
    assert.ok(name, `seed ${prefix}`);
    return fs.readFileSync(path.join(seedDirectory, name));
  };
  const firstNonAsciiLine = (text: string): number => text.split('\n').findIndex((line) => /[^\x00-\x7f]/.test(line));

  before(function () {
    if (!fs.existsSync(seedDirectory)) {
      if (process.env.CI === 'true') throw new Error(`seeds missing at ${seedDirectory}`);
      this.skip();
    }
  });

  for (const prefix of ['000_', '004_']) {
    it(`repairs seed ${prefix} through Mac Roman`, () => {
      const result = decodeDocument(seed(prefix));
      assert.equal(result.encoding, 'mojibake-repaired');
      assert.equal(result.mojibakeSource, 'mac-roman');
      const repaired = result.repairedText ?? '';
      assert.ok(!repaired.includes('üî¥'));
      assert.ok(!repaired.includes('‚úÖ'));
      assert.equal(lineCount(repaired), lineCount(result.text));
      assert.equal(result.firstProblemLine, firstNonAsciiLine(result.text));
      // Every non-ASCII character of these seeds was mojibake, so corrupting the repair gives the file back.
      assert.equal(corrupt(repaired, 'mac-roman'), result.text);
    });
  }

  it('reads issue markers from the repaired seed 000', () => {
    const repaired = decodeDocument(seed('000_')).repairedText ?? '';
    assert.ok(repaired.includes('**Severity:** 🔴 Critical'));
    assert.ok(repaired.includes('**Status:** ✅ RESOLVED'));
  });

  it('repairs seed 001 through Windows-1252, dropped bytes included', () => {
    const result = decodeDocument(seed('001_'));
    assert.equal(result.encoding, 'mojibake-repaired');
    assert.equal(result.mojibakeSource, 'windows-1252');
    const repaired = result.repairedText ?? '';
    assert.ok(repaired.includes('✅'));
    assert.ok(repaired.includes('❌'));
    assert.ok(repaired.includes('⏳'));
    assert.ok(!repaired.includes('âœ…'));
    assert.ok(!repaired.includes('ðŸ'));
    assert.equal(lineCount(repaired), lineCount(result.text));
    assert.equal(result.firstProblemLine, firstNonAsciiLine(result.text));
  });

  for (const prefix of ['002_', '003_']) {
    it(`keeps the clean seed ${prefix} as UTF-8`, () => {
      const result = decodeDocument(seed(prefix));
      assert.equal(result.encoding, 'utf-8');
      assert.equal(result.repairedText, null);
      assert.equal(result.firstProblemLine, null);
      assert.equal(result.repairCount, 0);
      assert.ok(result.text.includes('✅'));
    });
  }
});
