// Baselines for audit lines that are not committed yet: git cannot say what the code looked like
// when they were written, so the first time Audit Lens sees such a reference it keeps the
// referenced lines, and compares against them later. Hosts keep the store outside the user's tree.

/** The referenced code as it was when an uncommitted reference was first seen. */
export interface CodeFingerprint {
  /** Workspace-relative path of the file the lines were read from. */
  path: string;
  /** 1-based first line of the reference then. */
  startLine: number;
  /** The referenced lines as they were, without line endings. */
  lines: string[];
  /** Up to three lines above them, to find where lines edited in place stand now. */
  before?: string[];
}

/** Where fingerprints are kept between runs. */
export interface FingerprintStore {
  get(key: string): CodeFingerprint | undefined;
  set(key: string, fingerprint: CodeFingerprint): void;
}

/** A store that lives as long as the process, for tests and hosts without storage. */
export class MemoryFingerprintStore implements FingerprintStore {
  readonly entries = new Map<string, CodeFingerprint>();

  /** The fingerprint kept under `key`. */
  get(key: string): CodeFingerprint | undefined {
    return this.entries.get(key);
  }

  /** Keeps a fingerprint under `key`. */
  set(key: string, fingerprint: CodeFingerprint): void {
    this.entries.set(key, fingerprint);
  }
}

/** The key of a reference's fingerprint: its document, its text as written, and its file. */
export function fingerprintKey(documentPath: string, referenceText: string, path: string): string {
  return `${documentPath}\n${referenceText}\n${path}`;
}
