/**
 * Firefox (Gecko): Debian's Firefox ESR, headless, driven over WebDriver BiDi by npm puppeteer-core.
 * See ../shared/ENGINES.md.
 *
 * - One browser per engine; each `open()` is a new BiDi user context (its own cookies, storage
 *   and service workers), so pages are as fresh as a new profile.
 * - The error hook is a preload script: it runs before the app's own scripts on every document.
 * - Page and worker console output goes to browser.log in the engine's temp folder
 *   (devtools.console.stdout.content), which is where a stuck ML worker shows up.
 * - Downloads are real: Firefox saves them into the engine's download folder (prefs below).
 */
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { strokePath } from '../browser/strokes';
import {
  BasePage,
  css,
  type Download,
  type Engine,
  type EnginePage,
  ERROR_HOOK,
  freePort,
  type Pt,
  pageScript,
  tempDir,
  VIEWPORT,
} from './engine';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function firefox(): Engine {
  let browser: Browser | null = null;
  let started: Promise<Browser> | null = null;
  let downloads = '';
  const pages = new Set<FirefoxPage>();

  async function start(): Promise<Browser> {
    if (!existsSync(FIREFOX))
      throw new Error(
        `${FIREFOX} is missing: apt-get install -y firefox-esr (the engine tests never skip a missing browser)`,
      );
    const dir = tempDir('firefox');
    downloads = join(dir, 'downloads');
    const deadProxy = await freePort();
    const b = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      protocol: 'webDriverBiDi',
      defaultViewport: VIEWPORT,
      protocolTimeout: 600_000,
      extraPrefsFirefox: {
        'devtools.console.stdout.content': true,
        // A fake camera (a moving test picture) that needs no permission prompt: the camera flows run here too.
        'media.navigator.streams.fake': true,
        'media.navigator.permission.disabled': true,
        // Nothing but 127.0.0.1 is reached: every other host goes to a port nobody listens on.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': deadProxy,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': deadProxy,
        'network.proxy.share_proxy_settings': true,
        'network.proxy.no_proxies_on': '127.0.0.1,localhost',
        'network.proxy.allow_hijacking_localhost': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        // Downloads land in our folder without a dialog.
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.download.alwaysOpenPanel': false,
        'browser.helperApps.neverAsk.saveToDisk':
          'application/zip,application/octet-stream,application/x-zip-compressed',
      },
    });
    const log = createWriteStream(join(dir, 'browser.log'));
    b.process()?.stdout?.pipe(log, { end: false });
    b.process()?.stderr?.pipe(log, { end: false });
    return b;
  }

  return {
    name: 'firefox',
    async open(baseURL: string): Promise<EnginePage> {
      browser = await (started ??= start());
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(VIEWPORT);
      await page.evaluateOnNewDocument(ERROR_HOOK);
      const p = new FirefoxPage(context, page, baseURL, downloads, () => pages.delete(p));
      pages.add(p);
      return p;
    },
    async close() {
      for (const p of [...pages]) await p.close();
      await browser?.close().catch(() => undefined);
      browser = null;
      started = null;
    },
  };
}

class FirefoxPage extends BasePage {
  readonly engine = 'firefox' as const;
  private closed = false;

  constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
    baseURL: string,
    private readonly downloads: string,
    private readonly onClose: () => void,
  ) {
    super(baseURL);
  }

  async evaluate<T>(fn: string | ((...args: never[]) => T | Promise<T>), ...args: unknown[]): Promise<T> {
    return (await this.page.evaluate(`(function () { ${pageScript(fn)} }).apply(null, ${JSON.stringify(args)})`)) as T;
  }

  protected async navigate(url: string) {
    await this.page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  }

  protected async doReload() {
    await this.page.reload({ waitUntil: 'load', timeout: 120_000 });
  }

  private async element(target: string, timeoutMs = 30_000): Promise<ElementHandle<Element>> {
    const query = `(function () { ${pageScript('return __pvDeep(arguments[0]);')} }).apply(null, ${JSON.stringify([css(target)])})`;
    return this.waitFor(
      async () => (await this.page.evaluateHandle(query)).asElement() as ElementHandle<Element> | null,
      timeoutMs,
      `${target} to exist`,
    );
  }

  async click(target: string) {
    await (await this.element(target)).click();
  }

  async type(target: string, text: string) {
    await (await this.element(target)).type(text);
  }

  async select(target: string, value: string) {
    await this.element(`${css(target)} option[value="${value}"]`);
    await ((await this.element(target)) as ElementHandle<HTMLSelectElement>).select(value);
  }

  async setFiles(target: string, paths: string[]) {
    await ((await this.element(target)) as ElementHandle<HTMLInputElement>).uploadFile(...paths.map((p) => resolve(p)));
  }

  async draw(target: string, strokes: Pt[][]) {
    const el = await this.element(target);
    await el.scrollIntoView();
    const box = await el.boundingBox();
    if (!box) throw new Error(`${target} has no box`);
    const at = ([x, y]: Pt) => [box.x + x * box.width, box.y + y * box.height] as const;
    for (const stroke of strokes) {
      const [first, ...rest] = strokePath(stroke);
      await this.page.mouse.move(...at(first));
      await this.page.mouse.down();
      for (const p of rest) await this.page.mouse.move(...at(p));
      await this.page.mouse.up();
    }
  }

  async download(target: string, timeoutMs = 120_000): Promise<Download> {
    const before = new Set(existsSync(this.downloads) ? readdirSync(this.downloads) : []);
    await this.click(target);
    let size = -1;
    const name = await this.waitFor(
      async () => {
        const fresh = (existsSync(this.downloads) ? readdirSync(this.downloads) : []).filter(
          (f) => !before.has(f) && !f.endsWith('.part'),
        );
        if (fresh.length !== 1 || existsSync(join(this.downloads, `${fresh[0]}.part`))) return null;
        // Done when the size holds still between two looks.
        const now = statSync(join(this.downloads, fresh[0])).size;
        const done = now > 0 && now === size;
        size = now;
        return done ? fresh[0] : null;
      },
      timeoutMs,
      `Firefox to save the download from ${target} into ${this.downloads}`,
    );
    return { name, bytes: readFileSync(join(this.downloads, name)) };
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    await this.context.close().catch(() => undefined);
  }
}
