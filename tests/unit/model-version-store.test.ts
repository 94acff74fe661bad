import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { headOwner, ModelVersionStore, mlpOwner, type VersionRecord } from '../../src/worker/model-version-store';

let n = 0;
const opened: ModelVersionStore[] = [];
async function open() {
  const s = await ModelVersionStore.open(`versions-test-${n++}`);
  opened.push(s);
  return s;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const parts = (marker: number) => ({
  modelTopology: { marker },
  weightSpecs: [{ name: 'w', shape: [1], dtype: 'float32' as const }],
  weightData: new Float32Array([marker]).buffer,
});
const version = (id: string, day: number, owner = headOwner('p1')): VersionRecord => ({
  id,
  owner,
  savedAt: new Date(Date.UTC(2026, 11, day)).toISOString(),
  accuracy: day / 10,
  samples: 10 * day,
  classIds: ['a', 'b'],
});

describe('kept model versions in IndexedDB', () => {
  it('keeps the newest three per owner with their weights; the one in use stays; owners are apart', async () => {
    const s = await open();
    await s.add(version('v1', 1), parts(1), 'v1');
    await s.add(version('m1', 1, mlpOwner('mnist')), parts(9), 'm1');
    for (const [i, id] of ['v2', 'v3', 'v4'].entries()) await s.add(version(id, i + 2), parts(i + 2), 'v1');
    expect((await s.list(headOwner('p1'))).map((v) => v.id)).toEqual(['v4', 'v3', 'v1']);
    expect(await s.get('v2')).toBeNull(); // its weights went with it
    const kept = await s.get('v1');
    expect(new Float32Array(kept!.parts.weightData)[0]).toBe(1);
    expect(kept!.parts.modelTopology).toEqual({ marker: 1 });
    expect((await s.list(mlpOwner('mnist'))).map((v) => v.id)).toEqual(['m1']);
  });

  it('forgets every version of a deleted classifier, and only those', async () => {
    const s = await open();
    await s.add(version('v1', 1), parts(1), 'v1');
    await s.add(version('x1', 1, headOwner('p2')), parts(2), 'x1');
    await s.deleteOwner(headOwner('p1'));
    expect(await s.list(headOwner('p1'))).toEqual([]);
    expect(await s.get('v1')).toBeNull();
    expect((await s.list(headOwner('p2'))).map((v) => v.id)).toEqual(['x1']);
  });
});
