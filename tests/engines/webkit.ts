/**
 * WebKit (Safari's engine): WebKitGTK's MiniBrowser under its own Xvfb, driven through
 * WebKitWebDriver (classic W3C WebDriver, npm selenium-webdriver). See ../shared/ENGINES.md.
 *
 * - Each `open()` is a new WebDriver session, i.e. a new ephemeral profile (like Private
 *   Browsing: nothing persists between sessions). One page at a time per engine.
 * - `sab: true` exports JSC_useSharedArrayBuffer so a cross-origin isolated page gets
 *   SharedArrayBuffer, as Safari on iOS 15.2+ does; WebKitGTK leaves it off by default.
 * - Classic WebDriver cannot run a script before the page's own, so the error hook is installed
 *   right after each load (errors thrown while the page starts are not seen here).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Builder, Key, Origin, type WebDriver, type WebElement } from 'selenium-webdriver';
import { strokePath } from '../browser/strokes';
import {
  BasePage,
  css,
  DOWNLOAD_HOOK,
  type Download,
  type Engine,
  type EngineName,
  type EnginePage,
  ERROR_HOOK,
  freePort,
  type Pt,
  pageScript,
  READ_HOOKED_DOWNLOAD,
  sleep,
  tempDir,
  VIEWPORT,
} from './engine';

export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const XVFB = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

/**
 * MiniBrowser's header bar (back, forward, address entry…) keeps the window at least 447 px wide;
 * GTK CSS that shrinks the browser's own chrome lets the web view be phone-narrow. Web content is
 * not styled by GTK (WebKitGTK draws its own form controls), so the page is unaffected.
 */
const TINY_CHROME_CSS =
  '* { font-size: 3px; min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; -gtk-icon-transform: scale(0.3); }\n';

function mustExist(path: string, pkg: string) {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is missing: apt-get install -y ${pkg} (the engine tests never skip a missing browser)`);
  }
}

function startXvfb(log: NodeJS.WritableStream): Promise<{ display: string; proc: ChildProcess }> {
  // -displayfd: Xvfb picks a free display number itself and writes it to fd 3 once it is ready.
  const proc = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  proc.stdout!.pipe(log, { end: false });
  proc.stderr!.pipe(log, { end: false });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('Xvfb did not report a display in 15 s')), 15_000);
    proc.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before it was ready`)));
    let buf = '';
    proc.stdio[3]!.on('data', (d: Buffer) => {
      buf += String(d);
      if (buf.includes('\n')) {
        clearTimeout(timer);
        ok({ display: `:${buf.trim()}`, proc });
      }
    });
  });
}

async function waitForDriver(url: string, proc: ChildProcess) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`WebKitWebDriver exited (${proc.exitCode})`);
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('WebKitWebDriver did not answer /status in 15 s');
}

/** Rejects when `promise` has not settled within `ms` (a WebDriver command the driver never answers). */
/** `promise`, or a rejection after `ms` or as soon as `failed()` says the browser died. */
function within<T>(promise: Promise<T>, ms: number, what: string, failed: () => boolean = () => false): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`WebKitWebDriver did not answer ${what} in ${ms / 1000} s`)), ms);
    poll = setInterval(() => failed() && reject(new Error(`MiniBrowser crashed while starting ${what}`)), 200);
  });
  promise.catch(() => undefined); // an abandoned attempt may still fail later
  return Promise.race([promise, late]).finally(() => {
    clearTimeout(timer);
    clearInterval(poll);
  });
}

/** Processes a process started (WebKitWebDriver → MiniBrowser). */
function childrenOf(pid: number | undefined): number[] {
  if (!pid) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Every process our spawned processes started, deepest first (MiniBrowser's web and network processes). */
function descendantsOf(pid: number | undefined): number[] {
  return childrenOf(pid).flatMap((c) => [...descendantsOf(c), c]);
}

function killAll(pids: number[]) {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function webkit({ sab = false }: { sab?: boolean } = {}): Engine {
  const name: EngineName = sab ? 'webkit-sab' : 'webkit';
  let xvfb: ChildProcess | null = null;
  let display = '';
  let driverProc: ChildProcess | null = null;
  let driverURL = '';
  let wrapper = '';
  let deadProxy = 0;
  let current: WebKitPage | null = null;
  let started: Promise<void> | null = null;
  let log: NodeJS.WritableStream | null = null;
  let logPath = '';
  /** What the wrapper said about crashed browser starts, for an error message. */
  const crashCount = () => {
    try {
      return readFileSync(logPath, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('[pv] MiniBrowser')).length;
    } catch {
      return 0;
    }
  };
  const crashes = () => {
    try {
      return readFileSync(logPath, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('[pv] MiniBrowser'))
        .slice(-3)
        .join('; ');
    } catch {
      return '';
    }
  };
  /** If the test process dies, the browser it started goes with it. */
  const onExit = () =>
    killAll([...descendantsOf(driverProc?.pid), ...[driverProc?.pid, xvfb?.pid].filter((p): p is number => !!p)]);

  async function startDriver() {
    const port = await freePort();
    driverProc = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--replace-on-new-session'], {
      env: { ...process.env, DISPLAY: display },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    driverProc.stdout!.pipe(log!, { end: false });
    driverProc.stderr!.pipe(log!, { end: false });
    driverURL = `http://127.0.0.1:${port}`;
    await waitForDriver(driverURL, driverProc);
  }

  function stopDriver() {
    killAll([...descendantsOf(driverProc?.pid), ...(driverProc?.pid ? [driverProc.pid] : [])]);
    driverProc = null;
  }

  async function start() {
    mustExist(XVFB, 'xvfb');
    mustExist(WEBKIT_DRIVER, 'webkit2gtk-driver');
    mustExist(MINIBROWSER, 'webkit2gtk-driver');
    const dir = tempDir(name);
    logPath = join(dir, 'browser.log');
    log = createWriteStream(logPath);
    mkdirSync(join(dir, 'config/gtk-3.0'), { recursive: true });
    writeFileSync(join(dir, 'config/gtk-3.0/gtk.css'), TINY_CHROME_CSS);
    wrapper = join(dir, 'minibrowser.sh');
    writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        // With LANG=C, navigator.language is "C", which Intl rejects.
        'export LANG=en_US.UTF-8',
        `export XDG_CONFIG_HOME='${dir}/config' XDG_CACHE_HOME='${dir}/cache' XDG_DATA_HOME='${dir}/data'`,
        // No on-disk shader cache carried from one session to the next: each starts like a new profile.
        'export MESA_SHADER_CACHE_DISABLE=true',
        sab ? 'export JSC_useSharedArrayBuffer=true' : '',
        process.env.PV_WEBKIT_CORES ? `ulimit -c unlimited; cd '${process.env.PV_WEBKIT_CORES}'` : '',
        // Not exec: the exit status goes to browser.log, so a crashed start is visible there.
        `'${MINIBROWSER}' "$@"; code=$?; [ $code -eq 0 ] || echo "[pv] MiniBrowser exited with status $code" >&2; exit $code`,
        '',
      ].join('\n'),
    );
    chmodSync(wrapper, 0o755);
    process.on('exit', onExit);
    const x = await startXvfb(log);
    xvfb = x.proc;
    display = x.display;
    deadProxy = await freePort();
    await startDriver();
  }

  async function newSession(): Promise<WebDriver> {
    return new Builder()
      .usingServer(driverURL)
      .withCapabilities({
        browserName: 'MiniBrowser',
        // Nothing but 127.0.0.1 is reached: every other host goes to a proxy port nobody listens on.
        // (MiniBrowser's own options: the WebDriver `proxy` capability with `noProxy` crashes
        // WebKitGTK 2.50 at random in webkit_network_proxy_settings_new — a segfault in g_strdupv.)
        'webkitgtk:browserOptions': {
          binary: wrapper,
          args: [
            '--automation',
            `--proxy=http://127.0.0.1:${deadProxy}`,
            '--ignore-host=127.0.0.1',
            '--ignore-host=localhost',
            // WebKit's mock camera: the camera flows run here too.
            '--enable-media-stream=true',
            '--enable-mock-capture-devices=true',
          ],
        },
      })
      .build();
  }

  /**
   * Ends the current session and waits until every process of its browser (MiniBrowser, its web
   * and network processes) has exited, so one session's browser never overlaps the next.
   */
  async function endSession() {
    const pids = descendantsOf(driverProc?.pid);
    await current?.close();
    current = null;
    const alive = () =>
      pids.filter((pid) => {
        try {
          return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
        } catch {
          return false; // gone between the listing and the read
        }
      });
    const deadline = Date.now() + 10_000;
    while (alive().length && Date.now() < deadline) await sleep(50);
    killAll(alive());
  }

  return {
    name,
    async open(baseURL: string): Promise<EnginePage> {
      await (started ??= start());
      await endSession(); // one session at a time (--replace-on-new-session)
      // A MiniBrowser that crashes as it starts leaves WebKitWebDriver waiting forever. (The crashes
      // seen here, status 139 in one start of four, came from the WebDriver `proxy` capability: a
      // segfault in webkit_network_proxy_settings_new; the proxy is now MiniBrowser's own option.)
      // As a guard, a crash line in the log ends the attempt at once and a fresh driver tries
      // again, up to four times.
      let driver: WebDriver | null = null;
      const failures: string[] = [];
      for (let attempt = 1; !driver; attempt++) {
        const before = crashCount();
        try {
          driver = await within(newSession(), 60_000, 'a new session', () => crashCount() > before);
        } catch (e) {
          const why = `${e instanceof Error ? e.message : e}${crashes() ? ` (${crashes()})` : ''}`;
          failures.push(why);
          if (attempt >= 4) throw new Error(`${failures.join(' / ')}; log: ${logPath}`);
          log?.write(`[pv-driver] ${why}: restarting WebKitWebDriver\n`);
          process.stdout.write(`[${name}] ${why}: restarting WebKitWebDriver\n`);
          await endSession(); // the crashed browser's leftover processes go before the next start
          stopDriver();
          await startDriver();
        }
      }
      current = new WebKitPage(name, driver, baseURL);
      await current.setup();
      return current;
    },
    async close() {
      await endSession();
      stopDriver();
      xvfb?.kill();
      xvfb = null;
      started = null;
      process.off('exit', onExit);
    },
  };
}

class WebKitPage extends BasePage {
  private closed = false;

  constructor(
    readonly engine: EngineName,
    private readonly driver: WebDriver,
    baseURL: string,
  ) {
    super(baseURL);
  }

  /** Every WebDriver command is bounded: a browser that died mid-command must fail the flow, not stall it. */
  private cmd<T>(promise: Promise<T>, what: string, ms = 150_000): Promise<T> {
    return within(promise, ms, what);
  }

  async setup() {
    await this.cmd(this.driver.manage().setTimeouts({ script: 300_000, pageLoad: 120_000 }), 'setTimeouts');
    // The window holds a (shrunk) header bar whose height settles late: size the window, measure the
    // web view, and correct by the difference until the web view itself is phone-sized.
    const win = this.driver.manage().window();
    await this.cmd(win.setRect({ x: 0, y: 0, width: VIEWPORT.width, height: VIEWPORT.height }), 'setRect');
    for (let attempt = 0; attempt < 8; attempt++) {
      const view = await this.viewport();
      if (view.width === VIEWPORT.width && view.height === VIEWPORT.height) return;
      const rect = await this.cmd(win.getRect(), 'getRect');
      await this.cmd(
        win.setRect({
          width: rect.width + VIEWPORT.width - view.width,
          height: rect.height + VIEWPORT.height - view.height,
        }),
        'setRect',
      );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async evaluate<T>(fn: string | ((...args: never[]) => T | Promise<T>), ...args: unknown[]): Promise<T> {
    return (await this.cmd(this.driver.executeScript(pageScript(fn), ...args), 'executeScript', 330_000)) as T;
  }

  protected async navigate(url: string) {
    await this.cmd(this.driver.get(url), `get ${url}`);
  }

  protected async doReload() {
    await this.cmd(this.driver.navigate().refresh(), 'refresh');
  }

  protected async afterLoad() {
    await this.evaluate(ERROR_HOOK);
  }

  /** The element behind a target, waited for like a user would (up to 30 s). */
  private element(target: string, timeoutMs = 30_000): Promise<WebElement> {
    return this.waitFor(
      () => this.evaluate<WebElement | null>('return __pvDeep(arguments[0]);', css(target)),
      timeoutMs,
      `${target} to exist`,
    );
  }

  async click(target: string) {
    const el = await this.element(target);
    await this.cmd(
      this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" });', el),
      'scrollIntoView',
    );
    await this.cmd(el.click(), `click ${target}`);
  }

  async type(target: string, text: string) {
    // WebKitWebDriver drops a typed "\n": a newline is the Enter key.
    await this.cmd((await this.element(target)).sendKeys(text.replaceAll('\n', Key.ENTER)), `type into ${target}`);
  }

  async select(target: string, value: string) {
    const option = await this.element(`${css(target)} option[value="${value}"]`);
    await this.cmd(option.click(), `select ${value}`); // WebDriver's click on an <option> selects it and fires input + change
  }

  async setFiles(target: string, paths: string[]) {
    // Classic WebDriver: "send keys" to a file input sets its files (one absolute path a line).
    await this.cmd(
      (await this.element(target)).sendKeys(paths.map((p) => resolve(p)).join('\n')),
      `files into ${target}`,
    );
  }

  async draw(target: string, strokes: Pt[][]) {
    const el = await this.element(target);
    await this.cmd(
      this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" });', el),
      'scrollIntoView',
    );
    const box = (await this.cmd(
      this.driver.executeScript(
        'var r = arguments[0].getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height };',
        el,
      ),
      'box',
    )) as { x: number; y: number; width: number; height: number };
    const at = ([x, y]: Pt) => ({
      origin: Origin.VIEWPORT,
      x: Math.round(box.x + x * box.width),
      y: Math.round(box.y + y * box.height),
    });
    for (const stroke of strokes) {
      const [first, ...rest] = strokePath(stroke);
      let actions = this.driver
        .actions({ async: true })
        .move({ ...at(first), duration: 0 })
        .press();
      for (const p of rest) actions = actions.move({ ...at(p), duration: 16 });
      await this.cmd(actions.release().perform(), 'pointer actions');
    }
  }

  async download(target: string, timeoutMs = 120_000): Promise<Download> {
    // WebKitWebDriver has no download support: keep the Blob the page hands to <a download>.
    await this.evaluate(DOWNLOAD_HOOK);
    await this.click(target);
    const got = await this.waitFor(
      () => this.evaluate<{ name: string; base64: string } | null>(READ_HOOKED_DOWNLOAD),
      timeoutMs,
      `a download from ${target}`,
    );
    return { name: got.name, bytes: Buffer.from(got.base64, 'base64') };
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.cmd(this.driver.quit(), 'quit', 30_000).catch(() => undefined);
  }
}
