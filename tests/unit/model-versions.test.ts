import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/ml/core/errors';
import {
  addVersion,
  compareWithInUse,
  FEW_TEST_PHOTOS,
  replacesInUse,
  type VersionMeta,
  versionToRestore,
} from '../../src/ml/core/model-versions';

const v = (id: string, day: number, accuracy = 0.9): VersionMeta => ({
  id,
  savedAt: new Date(Date.UTC(2026, 11, day)).toISOString(),
  accuracy,
  samples: 40,
});

describe('keep or replace the model in use', () => {
  it('a worse retrain does not replace the one in use; a better or equal one does', () => {
    const worse = compareWithInUse(0.75, 1, 4);
    expect(worse.verdict).toBe('worse');
    expect(replacesInUse(worse)).toBe(false);
    const better = compareWithInUse(0.975, 0.95, 40);
    expect(better.verdict).toBe('better');
    expect(replacesInUse(better)).toBe(true);
    const same = compareWithInUse(0.95, 0.95, 40);
    expect(same.verdict).toBe('same');
    expect(replacesInUse(same)).toBe(true);
  });

  it('the first model is always used', () => {
    const first = compareWithInUse(0.6, null, 40);
    expect(first.verdict).toBe('first');
    expect(replacesInUse(first)).toBe(true);
  });

  it('float noise below half a test photo is "the same", one photo is a difference', () => {
    expect(compareWithInUse(0.9903 + 1e-7, 0.9903, 10_000).verdict).toBe('same');
    expect(compareWithInUse(0.9902, 0.9903, 10_000).verdict).toBe('worse');
  });

  it('flags few test photos: the difference may be luck', () => {
    expect(compareWithInUse(1, 0.75, 4).fewPhotos).toBe(true);
    expect(compareWithInUse(1, 0.75, FEW_TEST_PHOTOS).fewPhotos).toBe(false);
  });
});

describe('the version list', () => {
  it('keeps the newest N, newest first, and says which fell off', () => {
    let list: VersionMeta[] = [];
    let dropped: string[] = [];
    for (const [i, id] of ['a', 'b', 'c', 'd', 'e'].entries())
      ({ kept: list, dropped } = addVersion(list, v(id, i + 1), id, 3));
    expect(list.map((x) => x.id)).toEqual(['e', 'd', 'c']);
    expect(dropped).toEqual(['b']);
  });

  it('never drops the one in use, however old', () => {
    let list: VersionMeta[] = [v('old', 1, 1)];
    for (const [i, id] of ['w1', 'w2', 'w3', 'w4'].entries()) list = addVersion(list, v(id, i + 2, 0.5), 'old', 3).kept;
    expect(list.map((x) => x.id)).toEqual(['w4', 'w3', 'old']);
  });

  it('adding the same id again replaces it rather than listing it twice', () => {
    const { kept } = addVersion([v('a', 1), v('b', 2)], { ...v('a', 1), accuracy: 0.1 }, 'a', 3);
    expect(kept.map((x) => x.id)).toEqual(['b', 'a']);
    expect(kept.find((x) => x.id === 'a')?.accuracy).toBe(0.1);
  });

  it('restores a kept version and refuses one that is gone, in plain words', () => {
    const list = [v('a', 1), v('b', 2)];
    expect(versionToRestore(list, 'a').id).toBe('a');
    expect(() => versionToRestore(list, 'zzz')).toThrow(UserError);
    expect(() => versionToRestore(list, 'zzz')).toThrow(/no longer kept/);
  });
});
