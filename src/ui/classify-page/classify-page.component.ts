import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { transfer } from 'comlink';
import { ml, proxy } from '../../app/ml-client';
import type { BackboneProgress, ImageClassification, ImageModelInfo } from '../../contract/ml-api';
import type { CaptureEvent } from '../camera-view/camera-view.component';
import type { PhotosEvent } from '../photo-picker/photo-picker.component';
import { tokens } from '../shared/tokens.styles';
import { styles } from './classify-page.styles';
import { frameBlob } from './frame-blob';
import { noteModelUsed } from '../../app/pwa/model-used';
import { SHARED_PARAM, takeSharedPhotos } from '../../app/pwa/share-inbox';
import { modelOptionText, pickModel, saveModelId } from './model-choice';
import type { CorrectEvent } from './correction-form';
import { ttaOption } from '../../app/settings';

/** One photo and what the model said about it. */
interface Card {
  id: number;
  name: string;
  /** Object URL of the thumbnail ('' when there is nothing to show). */
  url: string;
  /** What to classify again when the model changes: the file, or a JPEG copy of a camera frame. */
  source: Blob | null;
  /** A camera frame not yet sent to the worker (transferred, so used once). */
  bitmap: ImageBitmap | null;
  status: 'pending' | 'working' | 'done' | 'error';
  result?: ImageClassification;
  error?: string;
  /** The model of the result or error shown. */
  modelId?: string;
  /** "Where did it look?": object URL of the Grad-CAM overlay, or 'working'. */
  saliency?: string;
}

const TOP_K = 5;
/** Older cards are dropped (and their thumbnails freed) beyond this many. */
const MAX_CARDS = 24;
/** At most ~10 progress repaints a second, however fast download chunks arrive. */
const PROGRESS_MS = 100;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)) || 'Something went wrong.';
const megabytes = (b: number) => (b / 1e6).toFixed(1);
const percent = (p: number) => `${(p * 100).toFixed(p > 0.995 ? 0 : 1)}%`;

/** Remembered across visits to the section, so a warm backbone doesn't flash a progress bar. */
let backboneWasReady = false;

/** Classify photos from the camera, the gallery, drag and drop or paste with the ResNet50 backbone + a head. */
export class ClassifyPage extends LitElement {
  static styles = [tokens, styles];

  @state() private models: ImageModelInfo[] = [];
  @state() private modelsLoading = true;
  @state() private modelsError = '';
  @state() private modelId = '';
  @state() private backbone: BackboneProgress | null = backboneWasReady ? { phase: 'ready', loadedBytes: 0, totalBytes: 0 } : null;
  @state() private backboneError = '';
  @state() private cards: Card[] = [];
  @state() private announcement = '';
  /** Card id whose correction is being learnt. */
  @state() private correcting: number | null = null;
  @state() private correctionMessage = '';

  private nextId = 1;
  private cameraShots = 0;
  private queue: number[] = [];
  private draining = false;
  private modelsLoaded: Promise<void> = Promise.resolve();
  private pendingProgress: BackboneProgress | null = null;
  private progressTimer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    super.connectedCallback();
    this.modelsLoaded = this.loadModels();
    this.prepareBackbone();
    if (new URLSearchParams(location.search).has(SHARED_PARAM)) void this.receiveShared();
  }

  /** Photos shared from another app (the service worker filed them in the share inbox). */
  private async receiveShared() {
    const url = new URL(location.href);
    url.searchParams.delete(SHARED_PARAM); // a reload must not look for them again
    history.replaceState(history.state, '', url);
    const files = await takeSharedPhotos().catch(() => []);
    if (files.length) this.photos(new CustomEvent('pv-photos', { detail: { files, source: 'gallery' } }) as PhotosEvent);
    else this.add({ name: 'Shared photo', url: '', source: null, bitmap: null, status: 'error', error: 'No photo arrived from the other app. Share it again, or choose it here.' });
  }

  disconnectedCallback(): void {
    clearTimeout(this.progressTimer);
    this.queue = [];
    for (const c of this.cards) this.forget(c);
    this.cards = [];
    super.disconnectedCallback();
  }

  private get backboneReady() {
    return this.backbone?.phase === 'ready';
  }

  // ---- models -------------------------------------------------------------------------------

  private async loadModels() {
    this.modelsLoading = true;
    this.modelsError = '';
    try {
      this.models = await ml().listImageModels();
      this.modelId = pickModel(this.models);
    } catch (e) {
      this.modelsError = `The photo models could not be listed: ${messageOf(e)}`;
    } finally {
      this.modelsLoading = false;
    }
  }

  /** After a failed or empty listing (offline at first), look again before the next try. */
  private reloadModelsIfNone() {
    if (!this.modelsLoading && this.models.length === 0) this.modelsLoaded = this.loadModels();
  }

  private chooseModel(e: Event) {
    const id = (e.target as HTMLSelectElement).value;
    if (id === this.modelId) return;
    this.modelId = id;
    saveModelId(id);
    const current = this.cards[0];
    if (current && (current.source || current.bitmap)) {
      this.patch(current.id, { status: 'pending', result: undefined, error: undefined });
      this.enqueue(current.id);
    }
  }

  private modelTitle(modelId: string | undefined) {
    return this.models.find((m) => m.id === modelId)?.title ?? modelId ?? '';
  }

  // ---- backbone -----------------------------------------------------------------------------

  private prepareBackbone() {
    this.backboneError = '';
    if (!this.backboneReady) this.backbone = null;
    // Progress has a message channel of its own; in Firefox a late one can follow the answer.
    let settled = false;
    ml()
      .prepareBackbone(proxy((p: BackboneProgress) => settled || this.progress(p)))
      .then(() => this.showProgress({ phase: 'ready', loadedBytes: 0, totalBytes: 0 }))
      .finally(() => (settled = true))
      .catch((e: unknown) => {
        backboneWasReady = false;
        clearTimeout(this.progressTimer);
        this.progressTimer = undefined;
        this.backbone = null;
        this.backboneError = messageOf(e);
      });
  }

  private retryBackbone() {
    this.reloadModelsIfNone();
    this.prepareBackbone();
  }

  /** Download chunks are coalesced; phase changes show at once. */
  private progress(p: BackboneProgress) {
    if (p.phase !== 'download' || this.backbone?.phase !== 'download') {
      this.showProgress(p);
      return;
    }
    this.pendingProgress = p;
    this.progressTimer ??= setTimeout(() => {
      this.progressTimer = undefined;
      if (this.pendingProgress && this.backbone?.phase === 'download') this.backbone = this.pendingProgress;
      this.pendingProgress = null;
    }, PROGRESS_MS);
  }

  private showProgress(p: BackboneProgress) {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.pendingProgress = null;
    if (this.backboneReady && p.phase !== 'ready') return; // a late chunk after ready
    this.backbone = p;
    if (p.phase === 'ready') {
      backboneWasReady = true;
      this.backboneError = '';
    }
  }

  // ---- photos in ----------------------------------------------------------------------------

  private photos(e: PhotosEvent) {
    for (const file of e.detail.files) {
      const notImage = file.type !== '' && !file.type.startsWith('image/');
      const name = file.name || (e.detail.source === 'paste' ? 'Pasted image' : 'Photo');
      if (notImage) {
        this.add({
          name,
          url: '',
          source: null,
          bitmap: null,
          status: 'error',
          error: `“${name}” is not a photo. Choose an image file (JPEG, PNG, WebP, HEIC…).`,
        });
      } else {
        this.add({ name, url: URL.createObjectURL(file), source: file, bitmap: null, status: 'pending' });
      }
    }
  }

  private async captured(e: CaptureEvent) {
    const { bitmap } = e.detail;
    const name = `Camera photo ${++this.cameraShots}`;
    const source = await frameBlob(bitmap).catch(() => null);
    if (!this.isConnected) {
      bitmap.close();
      return;
    }
    this.add({ name, url: source ? URL.createObjectURL(source) : '', source, bitmap, status: 'pending' });
  }

  private add(c: Omit<Card, 'id'>) {
    const card: Card = { ...c, id: this.nextId++ };
    const cards = [card, ...this.cards];
    for (const old of cards.splice(MAX_CARDS)) this.forget(old);
    this.cards = cards;
    if (card.status === 'pending') this.enqueue(card.id);
  }

  private forget(c: Card) {
    if (c.url) URL.revokeObjectURL(c.url);
    if (c.saliency && c.saliency !== 'working') URL.revokeObjectURL(c.saliency);
    c.bitmap?.close();
    this.queue = this.queue.filter((id) => id !== c.id);
  }

  private clear() {
    for (const c of this.cards) this.forget(c);
    this.cards = [];
    this.announcement = '';
  }

  private retry(id: number) {
    this.reloadModelsIfNone();
    this.patch(id, { status: 'pending', result: undefined, error: undefined });
    this.enqueue(id);
  }

  // ---- classification queue: one photo at a time, in the order they came ------------------

  private patch(id: number, change: Partial<Card>) {
    this.cards = this.cards.map((c) => (c.id === id ? { ...c, ...change } : c));
  }

  private enqueue(id: number) {
    if (!this.queue.includes(id)) this.queue.push(id);
    if (!this.draining) void this.drain();
  }

  private async drain() {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const id = this.queue.shift()!;
        if (this.cards.some((c) => c.id === id)) await this.classify(id);
      }
    } finally {
      this.draining = false;
    }
  }

  private async classify(id: number) {
    await this.modelsLoaded;
    const card = this.cards.find((c) => c.id === id);
    if (!card) return;
    const modelId = this.modelId;
    if (!modelId) {
      this.patch(id, {
        status: 'error',
        error: this.modelsError || 'No photo model is available yet. Connect to the internet once so the app can download one.',
      });
      return;
    }
    let image: Blob | ImageBitmap;
    if (card.bitmap) {
      image = transfer(card.bitmap, [card.bitmap]);
      this.patch(id, { status: 'working', bitmap: null });
    } else if (card.source) {
      image = card.source;
      this.patch(id, { status: 'working' });
    } else {
      this.patch(id, { status: 'error', error: 'This photo is no longer available. Take or choose it again.' });
      return;
    }
    let change: Partial<Card>;
    try {
      const result = await ml().classifyImage(image, modelId, TOP_K, { tta: ttaOption() });
      change = { status: 'done', result, error: undefined, modelId };
    } catch (e) {
      change = { status: 'error', result: undefined, error: messageOf(e), modelId };
    }
    // Gone, or queued again for another model meanwhile: this answer is stale.
    if (!this.cards.some((c) => c.id === id) || this.queue.includes(id)) return;
    this.patch(id, change);
    if (this.cards[0]?.id === id) this.announce(change);
    if (change.status === 'done') noteModelUsed();
  }

  /**
   * "Wrong → it is X": the photo goes to the user's copy of the model, which is retrained in the
   * worker; the copy then becomes the chosen model and the photo is classified again with it.
   */
  private async correct(card: Card, className: string) {
    if (!card.source || !card.modelId) return;
    this.correcting = card.id;
    this.correctionMessage = '';
    try {
      const { modelId, report } = await ml().correctClassification(card.source, card.modelId, className);
      await (this.modelsLoaded = this.loadModels());
      this.modelId = modelId;
      saveModelId(modelId);
      this.correctionMessage = `Learnt: now using “${this.modelTitle(modelId)}” (${report.samples} photo${report.samples === 1 ? '' : 's'} of yours).`;
      this.retry(card.id);
    } catch (e) {
      this.correctionMessage = messageOf(e);
    } finally {
      this.correcting = null;
    }
  }

  /** Toggles the Grad-CAM overlay for the top answer in place of the thumbnail. */
  private async explain(card: Card) {
    if (card.saliency) {
      if (card.saliency !== 'working') URL.revokeObjectURL(card.saliency);
      this.patch(card.id, { saliency: undefined });
      return;
    }
    const top = card.result?.top[0];
    if (!card.source || !top || !card.modelId) return;
    this.patch(card.id, { saliency: 'working' });
    try {
      const blob = await ml().explainImage(card.source, card.modelId, top.index);
      this.patch(card.id, { saliency: URL.createObjectURL(blob) });
    } catch (e) {
      this.patch(card.id, { saliency: undefined });
      this.correctionMessage = `Could not show where it looked: ${messageOf(e)}`;
    }
  }

  private announce(c: Partial<Card>) {
    const top = c.result?.top[0];
    if (c.status === 'error') this.announcement = `Could not classify the photo: ${c.error}`;
    else if (top) this.announcement = c.result!.notSure ? `Not sure, maybe ${top.label}` : `${top.label}, ${percent(top.p)}`;
  }

  // ---- view ---------------------------------------------------------------------------------

  private renderBackbone() {
    if (this.backboneError)
      return html`<div class="card status" data-testid="backbone-error">
        <p class="error" role="alert">${this.backboneError}</p>
        <p class="muted">Check the connection, then try again. Each photo can also be tried again on its own.</p>
        <button data-testid="backbone-retry" @click=${this.retryBackbone}>Try again</button>
      </div>`;
    const b = this.backbone;
    if (b?.phase === 'ready') return nothing;
    let text = 'Preparing the photo model…';
    let bar = html`<progress data-testid="backbone-progress" aria-labelledby="backbone-text"></progress>`;
    if (b?.phase === 'download') {
      text = b.totalBytes
        ? `Downloading the photo model: ${megabytes(b.loadedBytes)} of ${megabytes(b.totalBytes)} MB`
        : `Downloading the photo model: ${megabytes(b.loadedBytes)} MB`;
      if (b.totalBytes)
        bar = html`<progress
          data-testid="backbone-progress"
          aria-labelledby="backbone-text"
          max=${b.totalBytes}
          .value=${Math.min(b.loadedBytes, b.totalBytes)}
        ></progress>`;
    } else if (b?.phase === 'warmup') {
      text = 'Warming up…';
    }
    return html`<div class="card status" data-testid="backbone-status" data-phase=${b?.phase ?? 'starting'}>
      <p id="backbone-text">${text}</p>
      ${bar}
      <p class="muted">One-time download; photos you add now are classified as soon as it is ready.</p>
    </div>`;
  }

  private renderPicker() {
    return html`<div class="picker">
      <label for="model">Model</label>
      <select
        id="model"
        data-testid="model-picker"
        ?disabled=${this.modelsLoading || this.models.length === 0}
        .value=${this.modelId}
        @change=${this.chooseModel}
      >
        ${this.modelsLoading ? html`<option value="">Loading models…</option>` : nothing}
        ${!this.modelsLoading && this.models.length === 0 ? html`<option value="">No models available</option>` : nothing}
        ${this.models.map((m) => html`<option value=${m.id} ?selected=${m.id === this.modelId}>${modelOptionText(m)}</option>`)}
      </select>
    </div>
    ${this.modelsError ? html`<p class="error" role="alert" data-testid="model-error">${this.modelsError}</p>` : nothing}`;
  }

  private renderCard(c: Card, i: number) {
    const r = c.status === 'done' ? c.result : undefined;
    const top = r?.top[0];
    const busy = c.status === 'pending' || c.status === 'working';
    return html`<article
      class="card result"
      data-testid=${i === 0 ? 'classify-result' : nothing}
      data-state=${c.status}
      data-label=${top?.label ?? ''}
      data-p=${top ? top.p.toFixed(4) : nothing}
      data-not-sure=${r ? (r.notSure ? 'yes' : 'no') : nothing}
      data-model-id=${c.modelId ?? nothing}
      aria-busy=${busy ? 'true' : 'false'}
      aria-label=${c.name}
    >
      <div class="thumb">
        ${c.saliency && c.saliency !== 'working'
          ? html`<img src=${c.saliency} alt=${`Where the model looked in ${c.name}: warm colours mattered most`} data-testid="saliency" />`
          : c.url
            ? html`<img src=${c.url} alt=${c.name} decoding="async" @error=${(e: Event) => ((e.target as HTMLImageElement).hidden = true)} />`
            : nothing}
      </div>
      <div class="head">
        ${busy
          ? html`<p class="working"><span class="spinner" aria-hidden="true"></span>${this.backboneReady ? 'Classifying…' : 'Waiting for the photo model…'}</p>`
          : nothing}
        ${r && top
          ? r.notSure
            ? html`<p class="top1 unsure" data-testid="classify-label">Not sure — maybe ${top.label}?</p>`
            : html`<p class="top1" data-testid="classify-label">${top.label}</p>
                <p class="muted">${percent(top.p)} sure</p>`
          : nothing}
        ${r?.note ? html`<p class="muted" data-testid="classify-note">${r.note}</p>` : nothing}
        ${c.status === 'error'
          ? html`<p class="error" role="alert" data-testid="classify-error">${c.error}</p>
              ${c.source ? html`<button class="retry" data-testid="classify-retry" @click=${() => this.retry(c.id)}>Try again</button>` : nothing}`
          : nothing}
      </div>
      ${r
        ? html`<pv-prediction-bars class="bars" .items=${r.top}></pv-prediction-bars>
            <p class="meta" data-testid="classify-meta">${Math.round(r.ms)} ms · ${this.modelTitle(r.modelId)}</p>
            ${c.source
              ? html`<button class="bars explain" data-testid="explain" aria-pressed=${c.saliency && c.saliency !== 'working' ? 'true' : 'false'} ?disabled=${c.saliency === 'working'} @click=${() => this.explain(c)}>
                  ${c.saliency === 'working' ? 'Looking…' : c.saliency ? 'Show the photo' : 'Where did it look?'}
                </button>`
              : nothing}
            ${i === 0 && c.source && r.modelId !== 'imagenet'
              ? html`<pv-correction-form
                  class="bars"
                  .classes=${this.models.find((m) => m.id === r.modelId)?.classes ?? []}
                  .current=${top?.label ?? ''}
                  ?busy=${this.correcting === c.id}
                  @pv-correct=${(e: CorrectEvent) => this.correct(c, e.detail.className)}
                ></pv-correction-form>`
              : nothing}`
        : nothing}
      ${i === 0 && this.correctionMessage ? html`<p class="meta" role="status" data-testid="correction-message">${this.correctionMessage}</p>` : nothing}
    </article>`;
  }

  render() {
    return html`
      <h2>Classify a photo</h2>
      ${this.renderBackbone()} ${this.renderPicker()}
      <section class="inputs" aria-label="Add a photo">
        <pv-camera-view @pv-capture=${this.captured}></pv-camera-view>
        <pv-photo-picker @pv-photos=${this.photos}></pv-photo-picker>
      </section>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
      ${this.cards.length
        ? html`<section class="results" aria-label="Results, newest first">
            <div class="results-head">
              <h3>Results</h3>
              <button data-testid="classify-clear" @click=${this.clear}>Clear</button>
            </div>
            ${repeat(
              this.cards,
              (c) => c.id,
              (c, i) => this.renderCard(c, i),
            )}
          </section>`
        : nothing}
    `;
  }
}
