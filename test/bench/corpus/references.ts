// Picks the code references the audit documents make: mostly to real lines of real files, in the
// written forms real audits use, with a few stale ones planted (missing files, lines out of
// range, ambiguous basenames), as a rotting audit has.
import type { Random } from './random';
import type { SourceFile } from './sourceTree';

/** A reference as written, with how many references the extractor should find in it. */
export interface WrittenReference {
  text: string;
  count: number;
  /** The file it names, for contextual "Lines N-M" that follow it. */
  file: SourceFile;
}

/** Draws target files and ranges; never the hot file, whose 50 references are planted apart. */
export class ReferencePicker {
  /** Paths of the files referenced so far: the history edits these. */
  readonly used = new Set<string>();

  constructor(
    private readonly random: Random,
    private readonly files: readonly SourceFile[],
  ) {}

  /** A random file other than the hot one (index 0). */
  file(): SourceFile {
    const file = this.files[this.random.int(1, this.files.length - 1)] as SourceFile;
    this.used.add(file.path);
    return file;
  }

  /** A range inside the file, `start-end` or a single line; sometimes past its end (stale). */
  range(file: SourceFile): string {
    const count = Math.max(1, file.lines.length);
    if (this.random.chance(0.03)) {
      const start = count + this.random.int(5, 400);
      return `${start}-${start + this.random.int(1, 20)}`;
    }
    const start = this.random.int(1, count);
    if (this.random.chance(0.4) || start === count) return String(start);
    return `${start}-${Math.min(count, start + this.random.int(1, 25))}`;
  }

  /** How the file is named: full path mostly, a unique-ish suffix, a bare basename, or a path that no longer exists. */
  name(file: SourceFile): string {
    const roll = this.random.next();
    if (roll < 0.03) return file.path.replace(/[^/]+$/, `old_${this.random.int(1, 999)}.py`);
    if (roll < 0.1) return file.path.split('/').slice(-2).join('/');
    if (roll < 0.13) return file.path.slice(file.path.lastIndexOf('/') + 1);
    return file.path;
  }

  /** One inline reference in one of the common written forms. */
  inline(): WrittenReference {
    const file = this.file();
    const name = this.name(file);
    switch (this.random.int(0, 6)) {
      case 0: {
        const range = this.range(file);
        return { text: `\`${name}\` ${range.includes('-') ? 'lines' : 'line'} ${range}`, count: 1, file };
      }
      case 1:
        return { text: `\`${name}:${this.range(file)}, ${this.range(file)}\``, count: 2, file };
      case 2:
        return { text: `[${this.random.pick(['code', 'here', 'the handler'])}](${file.path}#L${this.range(file).replace('-', '-L')})`, count: 1, file };
      case 3:
        return { text: `\`${file.path}\``, count: 1, file };
      default:
        return { text: `\`${name}:${this.range(file)}\``, count: 1, file };
    }
  }

  /** A `path:range` as a table's File and Lines cells. */
  tableCells(): { path: string; lines: string; file: SourceFile } {
    const file = this.file();
    return { path: this.name(file), lines: this.range(file), file };
  }

  /** A `path:range` written bare, for `**File**:` lines and `**Location:**` lists. */
  bare(): WrittenReference {
    const file = this.file();
    return { text: `${this.name(file)}:${this.range(file)}`, count: 1, file };
  }
}
