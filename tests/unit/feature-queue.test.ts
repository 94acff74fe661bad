import { describe, expect, it } from 'vitest';
import { FeatureQueue } from '../../src/worker/feature-queue';

const order = (q: FeatureQueue) => q.pending().map((j) => `${j.sampleId}:${j.stage}`);

describe('the queue of Teach photos waiting for their features', () => {
  it('gives every photo its photo view before any photo its mirror and crops, oldest first', () => {
    const q = new FeatureQueue();
    for (const id of ['a', 'b', 'c']) q.add('p', id, ['first', 'crops']);
    expect(order(q)).toEqual(['a:first', 'b:first', 'c:first', 'a:crops', 'b:crops', 'c:crops']);
    const taken: string[] = [];
    for (let job = q.take(); job; job = q.take()) {
      taken.push(`${job.sampleId}:${job.stage}`);
      // A photo added while others wait for their crops still gets its first views before them.
      if (taken.length === 4) q.add('p', 'd', ['first', 'crops']);
      q.finish(job, true);
    }
    expect(taken).toEqual(['a:first', 'b:first', 'c:first', 'a:crops', 'd:first', 'b:crops', 'c:crops', 'd:crops']);
  });

  it('counts a round: photos usable (photo view) and ready (all views)', () => {
    const q = new FeatureQueue();
    for (const id of ['a', 'b']) q.add('p', id, ['first', 'crops']);
    expect(q.round('p')).toMatchObject({ total: 2, usable: 0, ready: 0, preparing: ['a', 'b'], finishing: [] });
    q.finish(q.take()!, true);
    expect(q.round('p')).toMatchObject({ total: 2, usable: 1, ready: 0, preparing: ['b'], finishing: ['a'] });
    q.finish(q.take()!, true);
    q.finish(q.take()!, true);
    expect(q.round('p')).toMatchObject({ total: 2, usable: 2, ready: 1, preparing: [], finishing: ['b'] });
    expect(q.busy('p', 'first')).toBe(false);
    q.finish(q.take()!, true);
    expect(q.round('p')).toMatchObject({ total: 0, preparing: [], finishing: [] });
    expect(q.busy('p')).toBe(false);
  });

  it('drops the queued work of a deleted photo, and does not queue a photo twice', () => {
    const q = new FeatureQueue();
    for (const id of ['a', 'b', 'c']) q.add('p', id, ['first', 'crops']);
    q.add('p', 'b', ['first', 'crops']);
    expect(order(q)).toHaveLength(6);
    q.remove(['b']);
    expect(order(q)).toEqual(['a:first', 'c:first', 'a:crops', 'c:crops']);
    expect(q.round('p').total).toBe(2);
    expect(q.has('b')).toBe(false);
  });

  it('resumes a photo that has its first views with its crops only', () => {
    const q = new FeatureQueue();
    q.add('p', 'old', ['crops']);
    q.add('p', 'new', ['first', 'crops']);
    expect(order(q)).toEqual(['new:first', 'old:crops', 'new:crops']);
    expect(q.round('p')).toMatchObject({ total: 2, usable: 1 });
  });

  it('keeps classifiers apart, and a failed photo leaves the round', () => {
    const q = new FeatureQueue();
    q.add('p', 'a', ['first', 'crops']);
    q.add('q', 'x', ['first', 'crops']);
    const job = q.take()!;
    expect(job).toEqual({ projectId: 'p', sampleId: 'a', stage: 'first' });
    q.finish(job, false);
    expect(q.busy('p')).toBe(false);
    expect(q.round('q')).toMatchObject({ total: 1, preparing: ['x'] });
    q.removeProject('q');
    expect(q.take()).toBeNull();
  });
});
