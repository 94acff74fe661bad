import { html, LitElement, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ml } from '../../app/ml-client';
import { noteModelUsed } from '../../app/pwa/model-used';
import type { CameraStateEvent, CameraView, CaptureEvent } from '../camera-view/camera-view.component';
import type { PhotoPicker, PhotosEvent } from '../photo-picker/photo-picker.component';
import { answerWords, spokenAnswer } from '../shared/answer-words';
import { accuracy, count } from '../shared/format';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { Backbone } from './backbone';
import { renderBackbone } from './backbone-status';
import { type Card, type NewCard, switchModel } from './card';
import { askModel, toggleSaliency } from './card-actions';
import { ClassificationQueue } from './classification-queue';
import { styles } from './classify-page.styles';
import type { CorrectEvent } from './correction-form';
import { messageOf } from './format';
import { LiveMode } from './live-mode';
import { ModelList } from './model-list';
import { renderModelPicker } from './model-picker';
import { cameraCard, openedByShare, photoCards, sharedCards } from './photo-input';
import * as store from './results-store';
import { renderLive, renderSheet } from './views';

/** Classify = the camera: a viewfinder whose shot is answered in a sheet over the frozen frame; photos from the gallery, drag and drop, paste or share alike. */
export class ClassifyPage extends LitElement {
  static styles = [tokens, surfaces, styles];

  @state() private cards = store.allCards();
  @state() private announcement = '';
  /** Card id whose correction is being learnt. */
  @state() private correcting: number | null = null;
  @state() private correctionMessage = '';
  /** The card answered in the sheet (over the frozen frame, or over the page for a photo). */
  @state() private sheetId: number | null = null;
  @query('pv-camera-view') private camera!: CameraView;
  @query('pv-photo-picker') private picker!: PhotoPicker;
  @query('.sheet') private sheet?: HTMLElement;

  private readonly models = new ModelList(this);
  private readonly backbone = new Backbone(this);
  private readonly queue = new ClassificationQueue((id) => this.classify(id), store.hasCard);
  private readonly live = new LiveMode(
    this,
    () => this.camera,
    () => this.models.chosen,
  );
  private unsubscribe = () => {};
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.sheetId !== null) this.closeSheet();
  };

  connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = store.subscribe(() => (this.cards = store.allCards()));
    this.cards = store.allCards();
    document.addEventListener('keydown', this.onKey);
    void this.models.load();
    this.backbone.prepare();
    // Photos still waiting from the last visit (their answers in flight land in the store anyway).
    for (const c of [...this.cards].reverse()) if (c.status === 'pending') this.queue.add(c.id);
    if (openedByShare()) void this.receiveShared();
  }

  disconnectedCallback(): void {
    this.unsubscribe();
    document.removeEventListener('keydown', this.onKey);
    this.queue.clear();
    super.disconnectedCallback();
  }

  // ---- models ------------------------------------------------------------------------------

  private chooseModel(e: Event) {
    const id = (e.target as HTMLSelectElement).value;
    if (id === this.models.chosen) return;
    this.models.choose(id);
    const current = this.cards.find((c) => c.id === this.sheetId) ?? this.cards[0];
    if (current && (current.source || current.bitmap)) this.switchTo(current, id);
  }

  /** Asks `modelId` about the card too: its answer joins the card's, beside the earlier models'. */
  private switchTo(card: Card, modelId: string) {
    const change = switchModel(card, modelId);
    store.patchCard(card.id, change);
    if (change.status === 'pending') this.queue.add(card.id);
  }

  // ---- photos in ----------------------------------------------------------------------------

  private async receiveShared() {
    for (const c of await sharedCards()) this.add(c);
  }

  private photos(e: PhotosEvent) {
    for (const c of photoCards(e.detail)) this.add(c);
  }

  private async captured(e: CaptureEvent) {
    const card = await cameraCard(e.detail.bitmap, store.nextShotName(), () => this.isConnected);
    if (card) this.add(card);
  }

  /** A new photo: its answer opens in the sheet, where it is seen without scrolling. */
  private add(c: NewCard) {
    const { card, dropped } = store.addCard(c);
    for (const old of dropped) this.queue.drop(old.id);
    this.openSheet(card.id);
    if (card.status === 'pending') this.queue.add(card.id);
  }

  private async openSheet(id: number) {
    const wasOpen = this.sheetId !== null;
    this.sheetId = id;
    await this.updateComplete;
    if (!wasOpen) this.sheet?.focus({ preventScroll: true });
  }

  private closeSheet() {
    this.sheetId = null;
    this.camera?.resume();
  }

  private clear() {
    this.queue.clear();
    store.clearCards();
    this.sheetId = null;
    this.announcement = '';
  }

  private retry(id: number) {
    const card = store.findCard(id);
    if (!card) return;
    this.models.reloadIfNone();
    const chosen = this.models.chosen;
    if (chosen && card.modelId && chosen !== card.modelId) return this.switchTo(card, chosen);
    store.patchCard(id, { status: 'pending', result: undefined, error: undefined });
    this.queue.add(id);
  }

  // ---- classification: one photo at a time (classification-queue.ts) ------------------------

  private async classify(id: number) {
    await this.models.loaded;
    const card = store.findCard(id);
    if (!card) return;
    const modelId = card.modelId || this.models.chosen;
    if (!modelId) {
      const error =
        this.models.error ||
        'No photo model is available yet. Connect to the internet once so the app can download one.';
      store.patchCard(id, { status: 'error', error });
      return;
    }
    const change = await askModel(card, modelId);
    // Gone, or queued again for another model meanwhile: this answer is stale.
    if (!store.hasCard(id) || this.queue.has(id) || store.findCard(id)?.modelId !== modelId) return;
    store.patchCard(id, change);
    if (store.allCards()[0]?.id === id) this.announce(change);
    if (change.status === 'done') noteModelUsed();
  }

  /**
   * "Wrong → it is X": the photo goes to the user's copy of the model, which is retrained in the
   * worker; the copy then becomes the chosen model and its answer joins the card. `className`
   * null is "Something else": the photo is kept as an example of none of the classes.
   */
  private async correct(card: Card, className: string | null) {
    if (!card.source || !card.modelId) return;
    this.correcting = card.id;
    this.correctionMessage = '';
    try {
      const { modelId, report } = await ml().correctClassification(card.source, card.modelId, className);
      await this.models.load();
      this.models.choose(modelId);
      const yours = count(report.samples, 'photo', 'photos');
      const { adopted, comparison } = report.decision;
      const title = this.models.title(modelId);
      this.correctionMessage = adopted
        ? className === null
          ? `Saved. Photos like this will now get “None of these” from “${title}” (${yours} of yours).`
          : `Learnt: now using “${title}” (${yours} of yours).`
        : `The retrained model did worse on the photos kept aside for checking (${accuracy(comparison.candidate)} vs ${accuracy(comparison.inUse ?? undefined)}), so “${title}” stays in use. Your photo is kept; you can use the new version in Teach.`;
      const now = store.findCard(card.id);
      if (now) this.switchTo(now, modelId);
    } catch (e) {
      this.correctionMessage = messageOf(e);
    } finally {
      this.correcting = null;
    }
  }

  private async explain(id: number) {
    const problem = await toggleSaliency(id);
    if (problem) this.correctionMessage = problem;
  }

  private announce(c: Partial<Card>) {
    if (c.status === 'error') this.announcement = `Could not classify the photo: ${c.error}`;
    else if (c.result?.top.length)
      this.announcement = spokenAnswer(answerWords(c.result, this.models.classes(c.result.modelId)));
  }

  // ---- view ---------------------------------------------------------------------------------

  private renderCard(c: Card) {
    return html`<pv-result-card
      .card=${c}
      ?newest=${c.id === this.cards[0]?.id}
      ?backboneReady=${this.backbone.ready}
      ?correcting=${this.correcting === c.id}
      .message=${this.correctionMessage}
      .titleOf=${(id: string | undefined) => this.models.title(id)}
      .classesOf=${(id: string) => this.models.classes(id)}
      @pv-retry=${() => this.retry(c.id)}
      @pv-explain=${() => this.explain(c.id)}
      @pv-correct=${(e: CorrectEvent) => this.correct(c, e.detail.className)}
    ></pv-result-card>`;
  }

  render() {
    const inSheet = this.cards.find((c) => c.id === this.sheetId);
    const listed = this.cards.filter((c) => c !== inSheet);
    return html`
      <h2 class="visually-hidden">Identify what is in a photo</h2>
      ${renderModelPicker(this.models, (e) => this.chooseModel(e))}
      <div class="stage">
        <pv-camera-view
          viewfinder
          @pv-capture=${this.captured}
          @pv-camera-state=${(e: CameraStateEvent) => this.live.cameraChanged(e.detail.live)}
          @pv-pick-photos=${() => this.picker.open()}
        >
          ${renderLive(this.live, (id) => this.models.classes(id))}
        </pv-camera-view>
        <div class="backbone">${renderBackbone(this.backbone.progress, this.backbone.error, () => this.retryBackbone())}</div>
      </div>
      <pv-photo-picker @pv-photos=${this.photos}></pv-photo-picker>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
      ${
        this.cards.length
          ? html`<section class="results" aria-label="Results, newest first">
            <div class="results-head">
              <h3>Results</h3>
              <button data-testid="classify-clear" @click=${this.clear}>Clear</button>
            </div>
            ${repeat(
              listed,
              (c) => c.id,
              (c) => this.renderCard(c),
            )}
          </section>`
          : nothing
      }
      ${inSheet ? renderSheet(this.renderCard(inSheet), inSheet.from === 'camera' && this.live.cameraLive, () => this.closeSheet()) : nothing}
    `;
  }

  private retryBackbone() {
    this.models.reloadIfNone();
    this.backbone.prepare();
  }
}
