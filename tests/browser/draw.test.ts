import { describe, expect, it } from 'vitest';
import { waitForBackend } from './browser';
import { type Phones, usePhone } from './fixture';
import { DIGIT_STROKES, drawStrokes } from './strokes';

async function openDraw(phones: Phones) {
  const { page, errors } = await phones.open();
  await page.goto('/draw');
  await waitForBackend(page);
  return { page, errors, canvas: page.getByTestId('digit-canvas'), prediction: page.getByTestId('digit-prediction') };
}

describe('/draw on a phone', () => {
  const phones = usePhone();

  it('reads digits drawn with pointer strokes', async () => {
    const { page, errors, canvas, prediction } = await openDraw(phones);
    for (const [digit, strokes] of Object.entries(DIGIT_STROKES)) {
      await page.getByTestId('digit-clear').click();
      await expect.poll(() => prediction.getAttribute('data-label')).toBe('');
      await drawStrokes(page, canvas, strokes);
      await expect.poll(() => prediction.getAttribute('data-label'), { timeout: 30_000 }).toBe(digit);
    }
    // A fresh profile has no model of its own: the built-in one reads, and the page says so.
    expect(await prediction.getAttribute('data-model')).toBe('bundled');
    expect(await page.getByTestId('model-in-use').textContent()).toMatch(/Using: the built-in model \(99(\.0)?%\)/);
    expect(errors).toEqual([]);
  });

  it('draws with the keyboard alone: Tab to the pad, arrows move the pen, Space puts it down', async () => {
    const { page, errors, canvas, prediction } = await openDraw(phones);
    for (
      let i = 0;
      i < 30 &&
      !(await canvas.evaluate(
        (c) => c.getRootNode() instanceof ShadowRoot && (c.getRootNode() as ShadowRoot).activeElement === c,
      ));
      i++
    ) {
      await page.keyboard.press('Tab');
    }
    const pen = page.getByTestId('keyboard-pen');
    expect(await pen.getAttribute('data-down')).toBe('no');
    const keys = async (...list: string[]) => {
      for (const k of list) await page.keyboard.press(k);
    };
    const times = (n: number, key: string) => Array<string>(n).fill(key);
    // A 1: up to the top, pen down, straight down, pen up.
    await keys(...times(6, 'ArrowUp'), 'Space', ...times(12, 'ArrowDown'), 'Space');
    await expect.poll(() => prediction.getAttribute('data-label'), { timeout: 30_000 }).toBe('1');
    expect(await pen.getAttribute('data-down')).toBe('no');
    // A 7: the bar from the top left, then down and to the left in small stairs.
    await page.getByTestId('digit-clear').click();
    await canvas.focus();
    const diagonal = Array.from({ length: 12 }, (_, i) =>
      i % 5 === 1 || i % 5 === 3 ? ['ArrowDown', 'ArrowLeft'] : ['ArrowDown'],
    ).flat();
    await keys(
      ...times(4, 'ArrowLeft'),
      ...times(12, 'ArrowUp'),
      'Space',
      ...times(8, 'ArrowRight'),
      ...diagonal,
      'Space',
    );
    await expect.poll(() => prediction.getAttribute('data-label'), { timeout: 30_000 }).toBe('7');
    expect(errors).toEqual([]);
  });
});
