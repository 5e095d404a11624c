// Where git may not run (an untrusted workspace) or cannot (no git, no repository, a bad base),
// references whose code git would have checked are `unverified`: hovers and the tree say why,
// and no diagnostic is raised for it.
import type { ResolvedReference } from '../model';
import type { ReferenceRefiner } from './stalenessChecker';

/**
 * A refiner that marks every line reference that looks fine as `unverified`, with the reason. An
 * `ok` reference that already carries a reason was confirmed by other evidence (the code its issue
 * quotes, see quoteRefiner) and stays `ok`.
 */
export function unverifiedRefiner(reason: string): ReferenceRefiner {
  return {
    async refine(_document, references) {
      const unchecked = (reference: ResolvedReference): boolean => reference.state === 'ok' && reference.reason === null && reference.startLine !== null && !reference.inCode;
      return references.map((reference): ResolvedReference => (unchecked(reference) ? { ...reference, state: 'unverified', reason } : reference));
    },
  };
}
