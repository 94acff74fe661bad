import { transfer } from 'comlink';
import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ml } from '../../app/ml-client';
import { noteModelUsed } from '../../app/pwa/model-used';
import { ttaOption } from '../../app/settings';
import type { CaptureEvent } from '../camera-view/camera-view.component';
import type { PhotosEvent } from '../photo-picker/photo-picker.component';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { Backbone } from './backbone';
import { renderBackbone } from './backbone-status';
import { type Card, type NewCard, releaseCard } from './card';
import { styles } from './classify-page.styles';
import { messageOf, percent } from './format';
import { ModelList } from './model-list';
import { renderModelPicker } from './model-picker';
import { cameraCard, openedByShare, photoCards, sharedCards } from './photo-input';
import { renderResultCard } from './result-card';
import { type RevealMode, reveal } from './reveal';

const TOP_K = 5;
/** Older cards are dropped (and their thumbnails freed) beyond this many. */
const MAX_CARDS = 24;

/** Classify photos from the camera, the gallery, drag and drop or paste with the ResNet50 backbone + a head. */
export class ClassifyPage extends LitElement {
  static styles = [tokens, surfaces, styles];

  @state() private cards: Card[] = [];
  @state() private announcement = '';
  /** Card id whose correction is being learnt. */
  @state() private correcting: number | null = null;
  @state() private correctionMessage = '';

  private readonly models = new ModelList(this);
  private readonly backbone = new Backbone(this);
  private nextId = 1;
  private cameraShots = 0;
  private queue: number[] = [];
  private draining = false;
  /** The card the user just added (picked, dropped, pasted, shared or shot): scrolled into view when it arrives and when it answers. */
  private revealing: { id: number; mode: RevealMode } | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    void this.models.load();
    this.backbone.prepare();
    if (openedByShare()) void this.receiveShared();
  }

  disconnectedCallback(): void {
    this.queue = [];
    for (const c of this.cards) this.forget(c);
    this.cards = [];
    super.disconnectedCallback();
  }

  // ---- models and backbone ------------------------------------------------------------------

  private chooseModel(e: Event) {
    const id = (e.target as HTMLSelectElement).value;
    if (id === this.models.chosen) return;
    this.models.choose(id);
    const current = this.cards[0];
    if (current && (current.source || current.bitmap)) {
      this.patch(current.id, { status: 'pending', result: undefined, error: undefined });
      this.enqueue(current.id);
    }
  }

  private retryBackbone() {
    this.models.reloadIfNone();
    this.backbone.prepare();
  }

  // ---- photos in ----------------------------------------------------------------------------

  /** Photos shared from another app (the service worker filed them in the share inbox). */
  private async receiveShared() {
    for (const c of await sharedCards()) this.add(c, 'card');
  }

  private photos(e: PhotosEvent) {
    for (const c of photoCards(e.detail)) this.add(c, 'card');
  }

  private async captured(e: CaptureEvent) {
    const card = await cameraCard(e.detail.bitmap, `Camera photo ${++this.cameraShots}`, () => this.isConnected);
    if (card) this.add(card, 'verdict');
  }

  private add(c: NewCard, mode: RevealMode) {
    const card: Card = { ...c, id: this.nextId++ };
    const cards = [card, ...this.cards];
    for (const old of cards.splice(MAX_CARDS)) this.forget(old);
    this.cards = cards;
    this.revealing = { id: card.id, mode };
    void this.revealNewest(card.id);
    if (card.status === 'pending') this.enqueue(card.id);
  }

  /** Once rendered, scrolls the newest card into view if it is the one the user just added. */
  private async revealNewest(id: number) {
    await this.updateComplete;
    const card = this.renderRoot.querySelector<HTMLElement>('[data-testid="classify-result"]');
    if (card && this.cards[0]?.id === id && this.revealing?.id === id) reveal(card, this.revealing.mode);
  }

  private forget(c: Card) {
    releaseCard(c);
    this.queue = this.queue.filter((id) => id !== c.id);
  }

  private clear() {
    for (const c of this.cards) this.forget(c);
    this.cards = [];
    this.announcement = '';
  }

  private retry(id: number) {
    this.models.reloadIfNone();
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
    await this.models.loaded;
    const card = this.cards.find((c) => c.id === id);
    if (!card) return;
    const modelId = this.models.chosen;
    if (!modelId) {
      this.patch(id, {
        status: 'error',
        error:
          this.models.error ||
          'No photo model is available yet. Connect to the internet once so the app can download one.',
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
    if (this.cards[0]?.id === id) {
      this.announce(change);
      // The answer makes the card taller: show it again, once (a later re-run for another model does not scroll).
      void this.revealNewest(id).then(() => {
        if (this.revealing?.id === id) this.revealing = null;
      });
    }
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
      await this.models.load();
      this.models.choose(modelId);
      this.correctionMessage = `Learnt: now using “${this.models.title(modelId)}” (${report.samples} photo${report.samples === 1 ? '' : 's'} of yours).`;
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
    else if (top)
      this.announcement = c.result!.notSure ? `Not sure, maybe ${top.label}` : `${top.label}, ${percent(top.p)}`;
  }

  // ---- view ---------------------------------------------------------------------------------

  render() {
    const cardContext = {
      models: this.models,
      backboneReady: this.backbone.ready,
      correcting: this.correcting,
      correctionMessage: this.correctionMessage,
      retry: (id: number) => this.retry(id),
      explain: (c: Card) => this.explain(c),
      correct: (c: Card, className: string) => this.correct(c, className),
    };
    return html`
      <h2>Classify a photo</h2>
      ${renderBackbone(this.backbone.progress, this.backbone.error, () => this.retryBackbone())}
      ${renderModelPicker(this.models, (e) => this.chooseModel(e))}
      <section class="inputs" aria-label="Add a photo">
        <pv-camera-view @pv-capture=${this.captured}></pv-camera-view>
        <pv-photo-picker @pv-photos=${this.photos}></pv-photo-picker>
      </section>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
      ${
        this.cards.length
          ? html`<section class="results" aria-label="Results, newest first">
            <div class="results-head">
              <h3>Results</h3>
              <button data-testid="classify-clear" @click=${this.clear}>Clear</button>
            </div>
            ${repeat(
              this.cards,
              (c) => c.id,
              (c, i) => renderResultCard(c, i, cardContext),
            )}
          </section>`
          : nothing
      }
    `;
  }
}
