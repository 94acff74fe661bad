import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ml, proxy } from '../../app/ml-client';
import type { BackboneProgress } from '../../contract/ml-api';
import { messageOf } from './format';

/** At most ~10 progress repaints a second, however fast download chunks arrive. */
const PROGRESS_MS = 100;

const ready = (): BackboneProgress => ({ phase: 'ready', loadedBytes: 0, totalBytes: 0 });

/** Remembered across visits to the section, so a warm backbone doesn't flash a progress bar. */
let backboneWasReady = false;

/** The shared ResNet50 backbone in the worker: getting it ready, and its download progress for the host. */
export class Backbone implements ReactiveController {
  progress: BackboneProgress | null = backboneWasReady ? ready() : null;
  error = '';

  private pending: BackboneProgress | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get ready() {
    return this.progress?.phase === 'ready';
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** Asks the worker to load and warm up the backbone (again, after an error). */
  prepare() {
    this.error = '';
    if (!this.ready) this.progress = null;
    this.host.requestUpdate();
    // Progress has a message channel of its own; in Firefox a late one can follow the answer.
    let settled = false;
    ml()
      .prepareBackbone(proxy((p: BackboneProgress) => settled || this.report(p)))
      .then(() => this.show(ready()))
      .finally(() => (settled = true))
      .catch((e: unknown) => {
        backboneWasReady = false;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.progress = null;
        this.error = messageOf(e);
        this.host.requestUpdate();
      });
  }

  /** Download chunks are coalesced; phase changes show at once. */
  private report(p: BackboneProgress) {
    if (p.phase !== 'download' || this.progress?.phase !== 'download') {
      this.show(p);
      return;
    }
    this.pending = p;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.pending && this.progress?.phase === 'download') {
        this.progress = this.pending;
        this.host.requestUpdate();
      }
      this.pending = null;
    }, PROGRESS_MS);
  }

  private show(p: BackboneProgress) {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
    if (this.ready && p.phase !== 'ready') return; // a late chunk after ready
    this.progress = p;
    if (p.phase === 'ready') {
      backboneWasReady = true;
      this.error = '';
    }
    this.host.requestUpdate();
  }
}
