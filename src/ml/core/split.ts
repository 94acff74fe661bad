import { makeRng, permutation } from './random';

/**
 * Seeded, stratified split: each class contributes the same fractions, so a small class is never
 * left out of validation or the held-out set. Returns sample indices per part.
 */
export function stratifiedSplit(labels: ArrayLike<number>, fractions: number[], seed: number): number[][] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  const parts: number[][] = fractions.map(() => []);
  const rest: number[] = [];
  const rng = makeRng(seed);
  for (const [, members] of [...byClass.entries()].sort((a, b) => a[0] - b[0])) {
    const order = permutation(members.length, rng);
    let at = 0;
    fractions.forEach((f, p) => {
      const n = Math.round(members.length * f);
      for (let k = 0; k < n && at < members.length; k++) parts[p].push(members[order[at++]]);
    });
    while (at < members.length) rest.push(members[order[at++]]);
  }
  return [rest, ...parts];
}
