import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from '../../src/ml/core/split';
import { parseCifarBatch } from '../../src/ml/photos/cifar';

describe('CIFAR batches', () => {
  it('interleaves the R, G and B planes into RGB pixels', () => {
    const record = new Uint8Array(3073);
    record[0] = 7;
    record[1] = 10; // R of pixel 0
    record[1 + 1024] = 20; // G of pixel 0
    record[1 + 2048] = 30; // B of pixel 0
    record[1 + 1023] = 40; // R of the last pixel
    const set = parseCifarBatch(record);
    expect(set.count).toBe(1);
    expect(set.labels[0]).toBe(7);
    expect(Array.from(set.pixels.subarray(0, 3))).toEqual([10, 20, 30]);
    expect(set.pixels[1023 * 3]).toBe(40);
  });

  it('reads the shared data set: 10,000 balanced records per batch', () => {
    const set = parseCifarBatch(new Uint8Array(readFileSync('../shared/data/cifar10/data_batch_1.bin')));
    expect(set.count).toBe(10_000);
    const perClass = Array.from({ length: 10 }, (_, c) => set.labels.filter((l) => l === c).length);
    expect(perClass).toEqual(new Array(10).fill(1000));
  });

  it('rejects a truncated batch and bad labels with clear errors', () => {
    expect(() => parseCifarBatch(new Uint8Array(3072), 'b.bin')).toThrow(/b\.bin is not a valid data file: its size/);
    const bad = new Uint8Array(3073);
    bad[0] = 12;
    expect(() => parseCifarBatch(bad, 'b.bin')).toThrow(/label 12/);
  });
});

describe('stratified split', () => {
  const labels = Uint8Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : 1));

  it('keeps class proportions in every part and uses each sample once', () => {
    const [train, val, held] = stratifiedSplit(labels, [0.1, 0.2], 3);
    const ones = (part: number[]) => part.filter((i) => labels[i] === 1).length;
    expect([val.length, held.length, train.length]).toEqual([10, 20, 70]);
    expect([ones(val), ones(held), ones(train)]).toEqual([2, 4, 14]);
    expect(new Set([...train, ...val, ...held]).size).toBe(100);
  });

  it('is reproducible from its seed and changes with it', () => {
    expect(stratifiedSplit(labels, [0.2], 1)).toEqual(stratifiedSplit(labels, [0.2], 1));
    expect(stratifiedSplit(labels, [0.2], 1)[1]).not.toEqual(stratifiedSplit(labels, [0.2], 2)[1]);
  });
});
