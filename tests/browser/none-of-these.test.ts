/**
 * Honest answers (issue 15) on a phone: a flower photo through Cats vs dogs is "none of these"
 * (the worker's verdict, read through the page's ?test hooks; the result card says not sure),
 * Flowers and CIFAR-10 turn away each other's pictures, and "Something else" on a photo makes the
 * next identical photo come back as "none of these".
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ImageClassification } from '../../src/contract/ml-api';
import { waitForBackend } from './browser';
import { openIdentify, pickPhoto } from './classify-with';
import { usePhone } from './fixture';
import { heldOutPhotos } from './held-out';
import { catPhoto, dogPhoto, flowerPhotos } from './photos';

type Hooks = {
  pvClassify: (bytes: number[], modelId: string) => Promise<ImageClassification>;
  pvCorrect: (bytes: number[], modelId: string, className: string | null) => Promise<{ modelId: string }>;
};
const bytesOf = (path: string) => Array.from(readFileSync(path));
const classify = (page: Page, path: string, modelId: string) =>
  page.evaluate(([b, m]) => (window as unknown as Hooks).pvClassify(Uint8Array.from(b) as unknown as number[], m), [
    bytesOf(path),
    modelId,
  ] as const);

/** A stored Teach photo, read or rewritten in the page's IndexedDB (the worker keeps its own connection). */
type StoredPhoto = { id: string; projectId: string; views: number; seenAs?: number; features: number[] };
const photosOf = (page: Page, projectId: string) =>
  page.evaluate(
    (pid) =>
      new Promise<StoredPhoto[]>((resolve, reject) => {
        const open = indexedDB.open('pv-classifiers');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('samples').objectStore('samples').index('byProject').getAll(pid);
          get.onsuccess = () => {
            open.result.close();
            resolve(
              get.result.map((r) => ({
                id: r.id,
                projectId: r.projectId,
                views: r.views,
                seenAs: r.seenAs,
                features: Array.from(new Float32Array(r.features)),
              })),
            );
          };
        };
      }),
    projectId,
  );
/** Rewrites a photo as a release before thumbnail-seeing copies left it: its views made another way, no `seenAs`. */
const makeOld = (page: Page, id: string) =>
  page.evaluate(
    (sid) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('pv-classifiers');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('samples', 'readwrite');
          const samples = tx.objectStore('samples');
          const get = samples.get(sid);
          get.onsuccess = () => {
            const { seenAs: _, ...old } = get.result;
            samples.put({ ...old, features: new Float32Array(old.features.byteLength / 4).fill(0.5).buffer });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    id,
  );
const cosine = (a: number[], b: number[]) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    ab += x * b[i];
    aa += x * x;
    bb += b[i] * b[i];
  });
  return ab / Math.sqrt(aa * bb);
};
const DIM = 2048;

describe('"None of these" on a phone', () => {
  const phones = usePhone();

  it('a sunflower through Cats vs dogs is "none of these"; a cat is a sure cat', async () => {
    const { page, errors } = await phones.open();
    await page.goto('/classify?test');
    await waitForBackend(page);
    const flower = await classify(page, flowerPhotos('sunflower')[0], 'cats-dogs');
    expect(flower.verdict).toBe('none');
    expect(flower.notSure).toBe(true);
    expect(flower.top).toHaveLength(2); // the closest class stays as a hint
    const cat = await classify(page, catPhoto(3), 'cats-dogs');
    expect(cat.verdict).toBe('sure');
    expect(cat.top[0].label).toBe('cat');
    expect(errors).toEqual([]);
  }, 600_000);

  it('Flowers turns away CIFAR pictures and CIFAR-10 turns away flowers; photos of their own classes are answered', async () => {
    const { page, errors } = await phones.open();
    await page.goto('/classify?test');
    await waitForBackend(page);
    // Held-out photos (never trained on): one of each CIFAR class, two of each flower.
    const cifar = await heldOutPhotos('cifar10', 1);
    const flowers = await heldOutPhotos('flowers5', 2);
    const verdicts = async (photos: { path: string }[], modelId: string) => {
      const out = [];
      for (const p of photos) out.push((await classify(page, p.path, modelId)).verdict);
      return out;
    };
    const none = (vs: (string | undefined)[]) => vs.filter((v) => v === 'none').length;
    // Flowers reads the backbone's earlier (stage-3) look too: the worker asks the backbone for it.
    expect(none(await verdicts(cifar, 'flowers5'))).toBeGreaterThanOrEqual(9);
    expect(none(await verdicts(flowers, 'flowers5'))).toBeLessThanOrEqual(1);
    expect(none(await verdicts(flowers, 'cifar10'))).toBeGreaterThanOrEqual(9);
    expect(none(await verdicts(cifar, 'cifar10'))).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
  }, 600_000);

  it('CIFAR-10 sees a phone photo as the 32 px thumbnails it learned from: cats and dogs are answered, not "none of these"', async () => {
    const { page, errors } = await phones.open();
    await page.goto('/classify?test');
    await waitForBackend(page);
    // Sharp photos are far from every blurry CIFAR picture: before this, each came back "none of these".
    const numbers = [1, 2, 4, 5, 6, 7, 8, 9];
    const photos = [...numbers.map((n) => catPhoto(n)), ...numbers.map((n) => dogPhoto(n))];
    const truth = [...numbers.map(() => 'cat'), ...numbers.map(() => 'dog')];
    const answers = [];
    for (const photo of photos) answers.push(await classify(page, photo, 'cifar10'));
    console.log(`cifar10 on phone photos: ${answers.map((a) => `${a.top[0].label} (${a.verdict})`).join(', ')}`);
    // In Node the same 16 give 14 right and 2 "none of these", both cats it would have called dogs
    // (npm run classify -- --model cifar10): turned away, a wrong answer becomes an honest one.
    expect(answers.filter((a) => a.verdict === 'none').length).toBeLessThanOrEqual(3);
    expect(answers.filter((a, i) => a.verdict === 'none' && a.top[0].label === truth[i]).length).toBeLessThanOrEqual(1);
    expect(answers.filter((a, i) => a.top[0].label === truth[i]).length).toBeGreaterThanOrEqual(12);
    expect(errors).toEqual([]);
  }, 600_000);

  it('a copy of CIFAR-10 made before copies saw thumbnails redoes its photos as 32 px thumbnails', async () => {
    const { page, errors } = await phones.open();
    await page.goto('/classify?test');
    await waitForBackend(page);
    const correct = (path: string, modelId: string) =>
      page.evaluate(
        ([b, m]) => (window as unknown as Hooks).pvCorrect(Uint8Array.from(b) as unknown as number[], m, 'cat'),
        [bytesOf(path), modelId] as const,
      );
    const { modelId } = await correct(catPhoto(5), 'cifar10');
    const projectId = modelId.replace(/^user:/, '');
    const finished = async () => (await photosOf(page, projectId)).filter((p) => p.views === 4 && p.seenAs === 32);
    await expect.poll(async () => (await finished()).length, { timeout: 240_000 }).toBe(1);
    const [made] = await finished();
    await makeOld(page, made.id);
    // The next time the copy trains, the old photo is redone from its stored thumbnail (its source photo is gone).
    await correct(catPhoto(7), modelId);
    await expect.poll(async () => (await finished()).length, { timeout: 240_000 }).toBe(2);
    const redone = (await photosOf(page, projectId)).find((p) => p.id === made.id)!;
    const similarity = cosine(redone.features.slice(0, DIM), made.features.slice(0, DIM));
    console.log(
      `old CIFAR-10 copy photo redone from its thumbnail: cosine to the original's 32 px view ${similarity.toFixed(4)}`,
    );
    expect(similarity).toBeGreaterThan(0.95);
    expect(errors).toEqual([]);
  }, 600_000);

  it('"Something else" on a photo: the next identical photo comes back "none of these"', async () => {
    const { page, errors } = await phones.open();
    await page.goto('/classify?test');
    await waitForBackend(page);
    const photo = catPhoto(5);
    expect((await classify(page, photo, 'cats-dogs')).verdict).not.toBe('none');
    const { modelId } = await page.evaluate(
      ([b]) => (window as unknown as Hooks).pvCorrect(Uint8Array.from(b) as unknown as number[], 'cats-dogs', null),
      [bytesOf(photo)] as const,
    );
    expect(modelId).toMatch(/^user:/);
    const again = await classify(page, photo, modelId);
    expect(again.verdict).toBe('none');
    // Other cats are still cats for the corrected copy.
    expect((await classify(page, catPhoto(7), modelId)).verdict).not.toBe('none');
    expect(errors).toEqual([]);
  }, 600_000);

  it('on the screen: the sunflower reads "None of these", and "Something else" from the sheet teaches it for a cat photo', async () => {
    const { page, errors } = await phones.open();
    await openIdentify(page, 'cats-dogs');
    const result = page.getByTestId('classify-result');
    const headline = result.getByTestId('classify-label');
    await pickPhoto(page, flowerPhotos('sunflower')[1]);
    expect(await headline.textContent()).toMatch(/None of these/);
    expect(await result.getByTestId('classify-explanation').textContent()).toMatch(/doesn.t look like a cat or a dog/);

    const photo = catPhoto(9);
    await pickPhoto(page, photo);
    expect(await headline.getAttribute('data-verdict')).not.toBe('none');
    await page.getByTestId('correct-open').click();
    await page.getByTestId('correct-class').selectOption({ label: 'Something else' });
    await page.getByTestId('correct-submit').click();
    await expect
      .poll(() => page.getByTestId('correction-message').textContent(), { timeout: 240_000 })
      .toMatch(/None of these/);
    await page
      .getByTestId('sheet-close')
      .click()
      .catch(() => undefined);
    await pickPhoto(page, photo);
    expect(await result.getAttribute('data-model-id')).toMatch(/^user:/);
    expect(await headline.textContent()).toMatch(/None of these/);
    expect(errors).toEqual([]);
  }, 600_000);
});
