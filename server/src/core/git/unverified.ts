// Where git may not run (an untrusted workspace), references whose code git would have checked are
// `unverified`: hovers and the tree say why, and no diagnostic is raised for it.
import type { ResolvedReference } from '../model';
import type { ReferenceRefiner } from './stalenessChecker';

/** A refiner that marks every line reference that looks fine as `unverified`, with the reason. */
export function unverifiedRefiner(reason: string): ReferenceRefiner {
  return {
    async refine(_document, references) {
      return references.map((reference): ResolvedReference => (reference.state === 'ok' && reference.startLine !== null && !reference.inCode ? { ...reference, state: 'unverified', reason } : reference));
    },
  };
}
