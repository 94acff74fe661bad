import { describe, expect, it } from 'vitest';
import { openIdentify } from './classify-with';
import { usePhone } from './fixture';
import { catPhoto } from './photos';

/** "0 MB of 116.9 MB is on this device." → 116.9 (the total the offline panel would download). */
const totalMb = (summary: string) => Number(/of ([\d.]+) MB/.exec(summary)?.[1]);

describe('Settings → Photo model download', () => {
  const phones = usePhone();

  it('switches to the data saver model: a smaller offline download, and photos identified with it', {
    timeout: 600_000,
  }, async () => {
    const { page, errors } = await phones.open();
    const modelUrls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/models/resnet50')) modelUrls.push(new URL(r.url()).pathname);
    });
    await page.goto('/settings');
    const select = page.getByTestId('photo-model-select');
    expect(await select.inputValue()).toBe('auto');
    const box = await select.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);

    const summary = page.getByTestId('offline-summary');
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toMatch(/of [\d.]+ MB/);
    const before = totalMb((await summary.textContent())!);
    await select.selectOption('uint8');
    expect(await page.evaluate(() => localStorage.getItem('pv.backbone'))).toBe('uint8');
    // The offline download now holds the uint8 photo model instead of the float16 one: ~23 MB less.
    await expect
      .poll(async () => before - totalMb((await summary.textContent())!), { timeout: 30_000 })
      .toBeGreaterThan(20);

    await openIdentify(page, 'cats-dogs');
    await page.getByTestId('photo-input').setInputFiles([catPhoto()]);
    const result = page.getByTestId('classify-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 300_000 }).toBe('done');
    expect(await result.getAttribute('data-label')).toBe('cat');
    // Only the data saver model's weights were fetched.
    expect(modelUrls.some((u) => u.startsWith('/models/resnet50-uint8/group1-shard'))).toBe(true);
    expect(modelUrls.some((u) => u.startsWith('/models/resnet50/group1-shard'))).toBe(false);
    expect(errors).toEqual([]);
  });
});
