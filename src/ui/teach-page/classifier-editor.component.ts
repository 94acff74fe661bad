import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ml, proxy, transfer } from '../../app/ml-client';
import type { ClassifierDetail, FeatureProgress, SampleSummary } from '../../contract/ml-api';
import type { CaptureEvent } from '../camera-view/camera-view.component';
import { count } from '../shared/format';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { type ArrivingPhoto, arrivingPhoto, release } from './arriving-photo';
import { PhotoRemoval } from './photo-removal';
import { preparingText } from './preparing-text';
import { storageSummary } from './storage-summary';
import { styles } from './teach.styles';
import { ThumbnailUrls } from './thumbnail-urls';

/** Fired when the user leaves the classifier (back to the list). */
export const CLOSE_EVENT = 'pv-close-classifier';

/** How often the background preparation is asked about while it runs: under a backbone pass, so each photo's mark changes as it becomes usable (a message, no work). */
const PROGRESS_MS = 150;

const CAMERA_ICON =
  'M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4zM9 2 7.17 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-3.17L15 2H9z';
const PHOTOS_ICON =
  'M21 19V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2zM8.5 13.5l2.5 3 3.5-4.5 4.5 6H5l3.5-4.5z';

/**
 * One classifier: its classes, each with its own Camera (a full-screen capture sheet, tap or hold
 * for a burst) and Photos (gallery, many at once; or drop them on the card). A photo shows in its
 * class at once, marked while its features are prepared in the worker's background queue. Then
 * training (pv-classifier-trainer, with Try it / Use in Classify) and export.
 */
export class ClassifierEditor extends LitElement {
  static styles = [tokens, surfaces, styles];

  @property() classifierId = '';
  @state() private detail: ClassifierDetail | null = null;
  @state() private error = '';
  /** The batch being stored: its class, and how far. */
  @state() private adding: { done: number; total: number; classId: string } | null = null;
  /** Batches of photos queued or being added. */
  @state() private waiting = 0;
  /** Photos chosen or taken, shown from the page's copy until the worker has stored them. */
  @state() private arriving: ArrivingPhoto[] = [];
  /** The class whose capture sheet (camera) is open. */
  @state() private sheetClass = '';
  @state() private progress: FeatureProgress | null = null;
  /** Export waits for photos still being prepared: how many. */
  @state() private exportWaiting = 0;
  @state() private dropOver = '';
  @state() private confirmDelete: 'classifier' | string | null = null;
  @state() private storage = '';
  @state() private exporting = false;

  /** Shared with the trainer, whose confusion cells show the same thumbnails. */
  private urls = new ThumbnailUrls();
  /** Photos are added one batch at a time, in the order they were taken or chosen. */
  private queue: Promise<void> = Promise.resolve();
  private polling: ReturnType<typeof setTimeout> | null = null;
  /** Reads of the classifier started, so only the newest one's answer is shown. */
  private reloads = 0;
  private readonly removal = new PhotoRemoval(this, (ids) =>
    this.change(() => ml().deleteSamples(this.classifierId, ids)),
  );

  connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  disconnectedCallback(): void {
    this.arriving.forEach(release);
    if (this.polling) clearTimeout(this.polling);
    this.polling = null;
    this.urls.clear();
    super.disconnectedCallback();
  }

  /** Re-reads everything from the worker (after any change), and the storage figures. */
  async reload(): Promise<void> {
    const asked = ++this.reloads;
    try {
      const detail = await ml().classifier(this.classifierId);
      if (asked !== this.reloads) return; // a later read (after a delete, say) is on its way: this one is stale
      this.urls.keep(new Set(detail.samples.map((s) => s.id)));
      this.detail = detail;
      if (this.sheetClass && !detail.project.classes.some((c) => c.id === this.sheetClass)) this.sheetClass = '';
      void this.watchProgress();
      this.storage = await storageSummary();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  private add(classId: string, images: (File | ImageBitmap)[]) {
    const files = images.filter((f) => !(f instanceof File) || f.type.startsWith('image/') || f.type === '');
    this.waiting++; // counted at once, so "Adding…" stays up until the last queued shot is stored
    // Shown now, whatever the worker is doing; each is replaced by the stored photo as it comes.
    const batch = files.map((f) => arrivingPhoto(classId, f));
    this.arriving = [...this.arriving, ...batch];
    const settle = (photos: ArrivingPhoto[]) => {
      photos.forEach(release);
      this.arriving = this.arriving.filter((a) => !photos.includes(a));
    };
    this.queue = this.queue.then(async () => {
      this.error = '';
      this.adding = { done: 0, total: files.length, classId };
      // Progress travels on its own message channel: in Firefox its last message can arrive after
      // the call's answer, and must not bring "Adding…" back once the batch is done.
      let finished = false;
      const progress = (done: number, total: number, added?: SampleSummary) => {
        if (added) this.show(added);
        settle(batch.slice(done - 1, done));
        if (!finished) this.adding = { done, total, classId };
      };
      try {
        const bitmaps = files.filter((f): f is ImageBitmap => f instanceof ImageBitmap);
        const payload = bitmaps.length ? transfer(files, bitmaps) : files;
        const result = await ml().addSamples(this.classifierId, classId, payload, proxy(progress));
        if (result.failed.length) this.error = result.failed.map((f) => `${f.name}: ${f.message}`).join('\n');
      } catch (e) {
        this.error = e instanceof Error ? e.message : String(e);
      } finally {
        finished = true;
        settle(batch);
        this.adding = null;
        this.waiting--;
        // One full read when the last batch is in (counts, warnings); each photo already shows.
        if (!this.waiting) await this.reload();
        else void this.watchProgress();
      }
    });
  }

  /** A stored photo, shown in its class straight away (its features follow). */
  private show(sample: SampleSummary) {
    const d = this.detail;
    if (!d || d.samples.some((s) => s.id === sample.id)) return;
    this.detail = { ...d, samples: [...d.samples, sample], project: { ...d.project, stale: true } };
    const preparing = this.progress?.preparing ?? [];
    const round = this.progress ?? { total: 0, usable: 0, ready: 0, preparing: [], finishing: [] };
    this.progress = { ...round, total: round.total + 1, preparing: [...preparing, sample.id] };
    void this.watchProgress();
  }

  /** Asks the worker how far the photos are, every PROGRESS_MS while it works; reloads once it is done. */
  private async watchProgress() {
    if (this.polling) return;
    let p: FeatureProgress;
    try {
      p = await ml().featureProgress(this.classifierId);
    } catch {
      return;
    }
    if (!this.isConnected) return;
    const wasWorking = !!this.progress?.total;
    this.progress = p;
    if (p.total)
      this.polling = setTimeout(() => {
        this.polling = null;
        void this.watchProgress();
      }, PROGRESS_MS);
    else if (wasWorking && !this.waiting) await this.reload(); // the photos' views, as stored
  }

  private chosen(classId: string, e: Event) {
    const input = e.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) this.add(classId, files);
  }

  private dropped(classId: string, e: DragEvent) {
    e.preventDefault();
    this.dropOver = '';
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) this.add(classId, files);
  }

  private captured(e: CaptureEvent) {
    if (this.sheetClass) this.add(this.sheetClass, [e.detail.bitmap]);
    else e.detail.bitmap.close();
  }

  private async change(run: () => Promise<unknown>) {
    this.error = '';
    try {
      await run();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
    await this.reload();
  }

  private rename(kind: 'classifier' | string, input: HTMLInputElement) {
    const name = input.value;
    void this.change(() =>
      kind === 'classifier'
        ? ml().updateClassifier(this.classifierId, { name })
        : ml().updateClassifier(this.classifierId, { renameClass: { id: kind, name } }),
    );
  }

  private addClass(e: Event) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    const name = input.value;
    void this.change(async () => {
      await ml().updateClassifier(this.classifierId, { addClass: name });
      input.value = '';
    });
  }

  private async removeConfirmed() {
    const what = this.confirmDelete;
    this.confirmDelete = null;
    if (what === 'classifier') {
      await ml().deleteClassifier(this.classifierId);
      this.close();
    } else if (what) await this.change(() => ml().deleteClass(this.classifierId, what));
  }

  private close() {
    this.dispatchEvent(new CustomEvent(CLOSE_EVENT, { bubbles: true, composed: true }));
  }

  private async exportFile(includeSamples: boolean) {
    this.exporting = true;
    this.error = '';
    try {
      await this.removal.flush(); // a removed photo never travels, even while its Undo offer is open
      const { blob, fileName } = await ml().exportClassifier(
        this.classifierId,
        includeSamples,
        proxy((photos: number) => (this.exportWaiting = photos)),
      );
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.exporting = false;
      this.exportWaiting = 0;
    }
  }

  protected updated(changed: PropertyValues<this>): void {
    // The question takes the keyboard focus (on the safe answer), as a dialog would.
    if (changed.has('confirmDelete' as keyof ClassifierEditor) && this.confirmDelete)
      this.renderRoot.querySelector<HTMLElement>('[data-testid=confirm-keep]')?.focus();
  }

  private confirmBox() {
    const what = this.confirmDelete;
    if (!what || !this.detail) return nothing;
    const label =
      what === 'classifier'
        ? `the classifier “${this.detail.project.name}” with all its photos`
        : `the class “${this.detail.project.classes.find((c) => c.id === what)?.name}” and its photos`;
    return html`<div class="card warning" role="alertdialog" aria-label="Confirm delete">
      <p>Delete ${label}? This cannot be undone.</p>
      <div class="row">
        <button class="danger primary" data-testid="confirm-delete" @click=${this.removeConfirmed}>Delete</button>
        <button data-testid="confirm-keep" @click=${() => (this.confirmDelete = null)}>Keep</button>
      </div>
    </div>`;
  }

  /** For tests and the bench: preparing (no features yet), finishing (the photo view only), ready. */
  private sampleState(s: SampleSummary): 'preparing' | 'finishing' | 'ready' {
    if (this.isPreparing(s)) return 'preparing';
    // Until the worker has said what its queue holds, a photo is not claimed to have all its views.
    if (!this.progress) return 'finishing';
    return this.progress.finishing.includes(s.id) ? 'finishing' : 'ready';
  }

  private isPreparing(s: SampleSummary): boolean {
    return this.progress ? this.progress.preparing.includes(s.id) : s.views === 0; // its own view is enough to train
  }

  private classCard(c: { id: string; name: string }, index: number, samples: SampleSummary[]) {
    const arriving = this.arriving.filter((a) => a.classId === c.id);
    const inputId = `add-${c.id}`;
    const adding = this.adding?.classId === c.id ? this.adding : null;
    const preparing = samples.filter((s) => this.isPreparing(s)).length + arriving.length;
    const finishing = samples.some((s) => this.progress?.finishing.includes(s.id));
    const icon = (d: string) => html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${d}></path></svg>`;
    return html`<section
      class="card drop ${this.dropOver === c.id ? 'over' : ''}"
      data-testid="class-card"
      data-class=${c.name}
      aria-label=${`Class ${c.name}`}
      @dragover=${(e: DragEvent) => {
        e.preventDefault();
        this.dropOver = c.id;
      }}
      @dragleave=${() => (this.dropOver = '')}
      @drop=${(e: DragEvent) => this.dropped(c.id, e)}
    >
      <div class="row">
        <label class="visually-hidden" for="name-${c.id}">Class name</label>
        <input id="name-${c.id}" .value=${c.name} maxlength="60" @change=${(e: Event) => this.rename(c.id, e.target as HTMLInputElement)} />
        <span class="muted" data-testid="class-count">${count(samples.length + arriving.length, 'photo', 'photos')}</span>
      </div>
      <div class="adders">
        <button class="big primary" data-testid="class-camera-${index}" aria-label=${`Camera: take photos of ${c.name}`} @click=${() => (this.sheetClass = c.id)}>
          ${icon(CAMERA_ICON)}Camera
        </button>
        <input id=${inputId} class="visually-hidden" tabindex="-1" type="file" accept="image/*" multiple data-testid="add-photos-${index}" aria-label=${`Add photos of ${c.name}`} @change=${(e: Event) => this.chosen(c.id, e)} />
        <button class="big" data-testid="class-photos-${index}" aria-label=${`Photos: add photos of ${c.name} from the gallery`} @click=${() => (this.renderRoot.querySelector(`#${CSS.escape(inputId)}`) as HTMLInputElement).click()}>
          ${icon(PHOTOS_ICON)}Photos
        </button>
      </div>
      ${
        adding
          ? html`<p role="status" data-testid="adding">Adding ${count(adding.total, 'photo', 'photos')}: ${adding.done} of ${adding.total}</p>`
          : nothing
      }
      ${
        preparing || finishing
          ? html`<p class="muted" role="status" data-testid="preparing" data-phase=${preparing ? 'first' : 'crops'}>
            ${preparingText(this.progress, preparing, this.arriving.length)}
          </p>`
          : nothing
      }
      <div class="thumbs">
        ${repeat(
          samples,
          (s) => s.id, // keyed: removing one photo moves the others' <img>, it does not reload them all
          (
            s,
          ) => html`<div class="thumb ${this.isPreparing(s) ? 'preparing' : ''}" data-testid="sample" data-id=${s.id} data-state=${this.sampleState(s)}>
            <img src=${this.urls.url(s)} alt=${this.isPreparing(s) ? `${c.name} photo, being prepared` : `${c.name} photo`} decoding="async" />
            <button class="remove" aria-label="Remove this photo" data-testid="remove-photo" @click=${() => this.removal.remove(s.id)}><span aria-hidden="true">×</span></button>
          </div>`,
        )}
        ${repeat(
          arriving,
          (a) => a.key,
          (a) => html`<div class="thumb preparing" data-testid="sample" data-state="preparing">
            <img src=${a.url} alt=${`${c.name} photo, being stored`} />
          </div>`,
        )}
      </div>
      <div class="row">
        <button class="danger" @click=${() => (this.confirmDelete = c.id)} aria-label=${`Delete class ${c.name}`}>Delete class</button>
      </div>
    </section>`;
  }

  render() {
    const d = this.detail;
    if (!d)
      return this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="muted">Loading…</p>`;
    const p = d.project;
    const byClass = (id: string) => d.samples.filter((s) => s.classId === id && !this.removal.hidden(s.id));
    const sheet = p.classes.find((c) => c.id === this.sheetClass);
    return html`
      <p><a class="back" href="/teach" @click=${(e: Event) => {
        e.preventDefault();
        this.close();
      }}>← All classifiers</a></p>
      <h2 class="visually-hidden">${p.name}</h2>
      <div class="row">
        <label class="visually-hidden" for="classifier-name">Classifier name</label>
        <!-- Not inside the <h2>: a heading holding only a text box has no name for screen readers. -->
        <input id="classifier-name" class="title" .value=${p.name} maxlength="60" data-testid="classifier-name" @change=${(e: Event) => this.rename('classifier', e.target as HTMLInputElement)} />
      </div>
      ${this.confirmBox()}
      ${this.error ? html`<p class="error pre" role="alert" data-testid="editor-error">${this.error}</p>` : nothing}
      ${d.warnings.map((w) => html`<p class="warning" data-testid="class-warning">${w.message}</p>`)}
      ${p.classes.map((c, i) => this.classCard(c, i, byClass(c.id)))}
      <form class="card row" @submit=${this.addClass}>
        <label for="add-class">New class</label>
        <input id="add-class" maxlength="60" required />
        <button type="submit">Add class</button>
      </form>
      <pv-classifier-trainer .classifierId=${this.classifierId} .beforeTrain=${() => this.removal.flush()} .detail=${d} .urls=${this.urls} .progress=${this.progress} @pv-trained=${() => this.reload()}></pv-classifier-trainer>
      <div class="card">
        <h3>Share or back up</h3>
        <div class="row">
          <button data-testid="export" ?disabled=${!d.trained || this.exporting} @click=${() => this.exportFile(false)}>Export model</button>
          <button data-testid="export-with-photos" ?disabled=${!d.trained || this.exporting} @click=${() => this.exportFile(true)}>Export with photos</button>
        </div>
        ${d.trained ? nothing : html`<p class="muted">Train the classifier first: the file carries the trained model.</p>`}
        ${
          this.exportWaiting
            ? html`<p role="status" data-testid="export-waiting">Waiting for ${count(this.exportWaiting, 'photo', 'photos')} to be prepared, so the file holds everything…</p>`
            : nothing
        }
      </div>
      <div class="card">
        <h3>Storage</h3>
        <p class="muted" data-testid="storage-used">${this.storage}</p>
        <label class="row"><input type="checkbox" .checked=${p.keepOriginals} @change=${(e: Event) => this.change(() => ml().updateClassifier(this.classifierId, { keepOriginals: (e.target as HTMLInputElement).checked }))} /> Also keep the original photos (uses more space)</label>
      </div>
      <button class="danger" data-testid="delete-classifier" @click=${() => (this.confirmDelete = 'classifier')}>Delete this classifier</button>
      ${
        this.removal.count
          ? html`<div class="undo-bar" role="status" data-testid="undo-bar">
            <span>${count(this.removal.count, 'photo', 'photos')} removed</span>
            <button data-testid="undo-remove" @click=${() => this.removal.undo()}>Undo</button>
          </div>`
          : nothing
      }
      <pv-capture-sheet
        ?open=${!!sheet}
        .className=${sheet?.name ?? ''}
        .photos=${sheet ? byClass(sheet.id).length + this.arriving.filter((a) => a.classId === sheet.id).length : 0}
        @pv-capture=${this.captured}
        @pv-sheet-close=${() => (this.sheetClass = '')}
      ></pv-capture-sheet>
    `;
  }
}
