// Turns a heading's or item's text into the clean title people read in the tree and the lens:
// no markdown, no strikethrough, no status emoji and no trailing status words.
import { memoizeString } from '../memo';
import { statusFromField } from './markers';

/** Emoji and symbols that mark status or severity and never belong in a title. */
// The look-alikes the nesting guard substitutes for excess delimiters (∗＿∼［］) go too.
const MARKER_CHARACTERS = /[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}\u{200D}✓✔☑∗＿∼［］]/gu;

/** Longest title text read for markers and IDs; longer text is prose, not a title. */
export const MAX_TITLE_CHARS = 400;

/** A clean title, and the effort estimate it carried (`[3-5 days]`), if any. */
export interface CleanTitle {
  title: string;
  effort: string | null;
}

/** Removes markers, trailing status words and effort brackets from a title (memoized: the result is shared, never mutate it). */
export const cleanTitle: (raw: string) => Readonly<CleanTitle> = memoizeString(cleanTitleUncached);

function cleanTitleUncached(raw: string): CleanTitle {
  let title = raw.slice(0, MAX_TITLE_CHARS).replace(/\s+/g, ' ');
  // Text after a status checkmark is a status note ("Title ✅ RESOLVED (HIGH-13)").
  const checkmark = title.search(/[✅❌]/u);
  if (checkmark > 0 && /[A-Za-z]/.test(title.slice(0, checkmark))) title = title.slice(0, checkmark);
  title = title.replace(MARKER_CHARACTERS, ' ');
  let effort: string | null = null;
  for (;;) {
    const trailing = /\s*[([]([^()[\]]*)[)\]]\s*$/.exec(title);
    if (!trailing || trailing.index === 0) break;
    const inner = trailing[1] ?? '';
    if (/\d\s*(?:days?|weeks?|hours?|hrs?|h|d|sprints?|minutes?|mins?)\b/i.test(inner)) {
      effort = inner.trim();
    } else if (!statusFromField(inner) && !/^(?:urgent|blocker|critical|high|medium|low)\b/i.test(inner.trim()) && !/\bP[0-4]\b/.test(inner)) {
      break;
    }
    title = title.slice(0, trailing.index);
  }
  // A leading severity tag ("[CRITICAL] Missing backups") is a marker, not part of the title.
  title = title.replace(/^\s*\[(?:critical|high|medium|low|info|P[0-4])\]\s*/i, '');
  // Trailing upper-case status words ("Health Endpoint Crash - FIXED", "RESOLVED").
  title = title.replace(/[\s:–—-]+(?:RESOLVED|FIXED|COMPLETED?|DONE|IMPROVED|OPEN|IN PROGRESS|NOT FIXED(?: YET)?|NEEDS FIX)\s*$/, '');
  title = title.replace(/^[\s:–—\-|*_~]+/, '').replace(/[\s:–—\-|*_~]+$/, '');
  return { title: title.replace(/\s+/g, ' ').trim(), effort };
}
