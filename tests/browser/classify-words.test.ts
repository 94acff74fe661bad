/**
 * Honest answers in words (issue 15): the sheet says "Cat" / "Probably a cat" / "Not sure — cat or
 * dog?" / "None of these", the percentage small underneath, and "Wrong? Teach it" offers "Something
 * else" as well as the classes.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { waitForBackend } from './browser';
import { openIdentify } from './classify-with';
import { usePhone } from './fixture';
import { catPhoto } from './photos';

const fontSize = (page: Page, testId: string) =>
  page
    .getByTestId('answer-sheet')
    .getByTestId(testId)
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));

async function scheme(page: Page, colorScheme: 'dark' | 'light') {
  await page.emulateMedia({ colorScheme });
  await page.waitForTimeout(400); // some colours change with a short transition
}

describe('answers in words', () => {
  const phones = usePhone();

  it('says the cat in words with the percentage secondary, and offers "Something else" when it is wrong', async () => {
    const { page, errors } = await phones.open();
    await openIdentify(page, 'cats-dogs');
    await page.getByTestId('photo-input').setInputFiles([catPhoto(3)]);
    const result = page.getByTestId('classify-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 240_000 }).toBe('done');

    const sheet = page.getByTestId('answer-sheet');
    const headline = (await sheet.getByTestId('classify-label').textContent())?.trim();
    expect(['Cat', 'Probably a cat']).toContain(headline);
    expect(['sure', 'unsure']).toContain(await result.getAttribute('data-verdict'));
    const odds = (await sheet.getByTestId('classify-odds').textContent()) ?? '';
    expect(odds).toMatch(/^cat \d+(\.\d)?% · Cats vs dogs$/);
    expect(await fontSize(page, 'classify-odds')).toBeLessThan(await fontSize(page, 'classify-label'));
    expect(await sheet.getByTestId('classify-explanation').count()).toBe(0);
    // Screen readers hear the same words.
    expect(await page.locator('pv-classify-page p[aria-live]').textContent()).toContain(headline);

    await sheet.getByTestId('correct-open').click();
    const choice = sheet.getByTestId('correct-class');
    const offered = (await choice.locator('option').allTextContents()).map((t) => t.trim());
    expect(offered).toEqual(headline === 'Cat' ? ['dog', 'Something else'] : ['cat', 'dog', 'Something else']);
    for (const target of [choice, sheet.getByTestId('correct-submit')]) {
      const box = await target.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(44);
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }
    expect(await axeViolations(page)).toEqual([]);
    await scheme(page, 'dark');
    expect(await axeViolations(page)).toEqual([]);
    await scheme(page, 'light');

    await choice.selectOption('Something else');
    await sheet.getByTestId('correct-submit').click();
    // Until the worker keeps negatives it says so plainly; once it does, what it means for the next photo.
    await expect
      .poll(() => sheet.getByTestId('correction-message').textContent(), { timeout: 240_000 })
      .toMatch(/not available yet|^Saved\. Photos like this will now get “None of these”/);
    await page.screenshot({ path: join(tmpdir(), 'pv-words-cat.png') });
    expect(errors).toEqual([]);
  });

  it('words for sure, unsure and none on a result card, light and dark', async () => {
    const { page, errors } = await phones.open();
    await page.goto('/classify');
    await waitForBackend(page);
    await page.waitForFunction(() => customElements.get('pv-result-card') !== undefined);
    // Cards as the worker will fill them once heads carry a verdict (its other half of issue 15).
    await page.evaluate(() => {
      const shelf = document.createElement('div');
      shelf.dataset.testid = 'word-cards';
      shelf.style.cssText =
        'position:fixed;inset:0;z-index:1000;overflow:auto;padding:8px;display:grid;gap:8px;align-content:start;background:Canvas;color-scheme:light dark';
      const cases = [
        ['sure', [0.97, 0.03], ['cat', 'dog']],
        ['unsure', [0.64, 0.36], ['cat', 'dog']],
        ['unsure', [0.53, 0.47], ['dog', 'cat']],
        ['none', [0.88, 0.12], ['cat', 'dog']],
        ['none', [0.41, 0.2], ['ship', 'truck']],
      ] as const;
      cases.forEach(([verdict, ps, labels], i) => {
        const card = document.createElement('pv-result-card') as HTMLElement & Record<string, unknown>;
        const cifar = labels[0] === 'ship';
        const modelId = cifar ? 'cifar10' : 'cats-dogs';
        card.card = {
          id: 10_000 + i,
          name: `case ${i}`,
          url: '',
          source: null,
          bitmap: null,
          status: 'done',
          modelId,
          earlier: [],
          from: 'photo',
          result: {
            top: labels.map((label, index) => ({ index, label, p: ps[index] })),
            notSure: false,
            verdict,
            ms: 1,
            modelId,
          },
        };
        card.dataset.testid = `word-case-${i}`;
        // The first "none" is the newest card, with its "Wrong? Teach it".
        if (i === 3) Object.assign(card, { newest: true, card: { ...(card.card as object), source: new Blob([]) } });
        card.titleOf = (id: string) => (id === 'cifar10' ? 'CIFAR-10' : 'Cats vs dogs');
        card.classesOf = (id: string) =>
          id === 'cifar10'
            ? ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']
            : ['cat', 'dog'];
        shelf.append(card);
      });
      document.body.append(shelf);
    });
    const said = (i: number, testId: string) => page.getByTestId(`word-case-${i}`).getByTestId(testId).textContent();
    expect(await said(0, 'classify-label')).toBe('Cat');
    expect(await said(1, 'classify-label')).toBe('Probably a cat');
    expect(await said(2, 'classify-label')).toBe('Not sure — dog or cat?');
    expect(await said(2, 'classify-odds')).toMatch(/^dog 53% · cat 47% · /);
    expect(await said(3, 'classify-label')).toBe('None of these');
    expect(await said(3, 'classify-explanation')).toBe("This doesn't look like a cat or a dog.");
    expect(await said(3, 'classify-odds')).toMatch(/^Closest: cat \(88%\) · Cats vs dogs$/);
    // After "None of these", every class is offered, and not "Something else" again.
    await page.getByTestId('word-case-3').getByTestId('correct-open').click();
    expect(
      await page.getByTestId('word-case-3').getByTestId('correct-class').locator('option').allTextContents(),
    ).toEqual(['cat', 'dog']);
    expect(await said(4, 'classify-explanation')).toBe("This doesn't look like any of the 10 things this model knows.");

    await page.getByTestId('word-cards').screenshot({ path: join(tmpdir(), 'pv-words-light.png') });
    const violations = () => axeViolations(page);
    expect(await violations()).toEqual([]);
    await scheme(page, 'dark');
    await page.getByTestId('word-cards').screenshot({ path: join(tmpdir(), 'pv-words-dark.png') });
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
