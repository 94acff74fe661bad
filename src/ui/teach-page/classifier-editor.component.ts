import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ml, proxy, transfer } from '../../app/ml-client';
import type { ClassifierDetail, SampleSummary } from '../../contract/ml-api';
import type { CaptureEvent } from '../camera-view/camera-view.component';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { storageSummary } from './storage-summary';
import { styles } from './teach.styles';
import { ThumbnailUrls } from './thumbnail-urls';

/** Fired when the user leaves the classifier (back to the list). */
export const CLOSE_EVENT = 'pv-close-classifier';

/**
 * One classifier: its classes with their photos (gallery, drop, camera with hold-to-burst),
 * renaming and deleting, then training (pv-classifier-trainer) and export.
 */
export class ClassifierEditor extends LitElement {
  static styles = [tokens, surfaces, styles];

  @property() classifierId = '';
  @state() private detail: ClassifierDetail | null = null;
  @state() private error = '';
  @state() private adding: { done: number; total: number; className: string } | null = null;
  /** Batches of photos queued or being added. */
  @state() private waiting = 0;
  @state() private cameraClass = '';
  @state() private dropOver = '';
  @state() private confirmDelete: 'classifier' | string | null = null;
  @state() private storage = '';
  @state() private exporting = false;

  /** Shared with the trainer, whose confusion cells show the same thumbnails. */
  private urls = new ThumbnailUrls();
  /** Photos are added one batch at a time, in the order they were taken or chosen. */
  private queue: Promise<void> = Promise.resolve();

  connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  disconnectedCallback(): void {
    this.urls.clear();
    super.disconnectedCallback();
  }

  /** Re-reads everything from the worker (after any change), and the storage figures. */
  async reload(): Promise<void> {
    try {
      const detail = await ml().classifier(this.classifierId);
      this.urls.keep(new Set(detail.samples.map((s) => s.id)));
      this.detail = detail;
      if (!this.cameraClass || !detail.project.classes.some((c) => c.id === this.cameraClass))
        this.cameraClass = detail.project.classes[0]?.id ?? '';
      this.storage = await storageSummary();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  private add(classId: string, images: (File | ImageBitmap)[]) {
    const className = this.detail?.project.classes.find((c) => c.id === classId)?.name ?? '';
    const files = images.filter((f) => !(f instanceof File) || f.type.startsWith('image/') || f.type === '');
    this.waiting++; // counted at once, so "Adding…" stays up until the last queued shot is stored
    this.queue = this.queue.then(async () => {
      this.error = '';
      this.adding = { done: 0, total: files.length, className };
      // Progress travels on its own message channel: in Firefox its last message can arrive after
      // the call's answer, and must not bring "Adding…" back once the batch is done.
      let finished = false;
      const progress = (done: number, total: number) => {
        if (!finished) this.adding = { done, total, className };
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
        this.adding = null;
        await this.reload();
        this.waiting--;
      }
    });
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
    if (this.cameraClass) this.add(this.cameraClass, [e.detail.bitmap]);
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
      const { blob, fileName } = await ml().exportClassifier(this.classifierId, includeSamples);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.exporting = false;
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
        <button class="primary" data-testid="confirm-delete" @click=${this.removeConfirmed}>Delete</button>
        <button data-testid="confirm-keep" @click=${() => (this.confirmDelete = null)}>Keep</button>
      </div>
    </div>`;
  }

  private classCard(c: { id: string; name: string }, index: number, samples: SampleSummary[]) {
    const inputId = `add-${c.id}`;
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
        <span class="muted" data-testid="class-count">${samples.length} photo${samples.length === 1 ? '' : 's'}</span>
      </div>
      <div class="thumbs">
        ${repeat(
          samples,
          (s) => s.id, // keyed: removing one photo moves the others' <img>, it does not reload them all
          (s) => html`<div class="thumb">
            <img src=${this.urls.url(s)} alt=${`${c.name} sample`} decoding="async" />
            <button aria-label="Remove this photo" @click=${() => this.change(() => ml().deleteSamples(this.classifierId, [s.id]))}>×</button>
          </div>`,
        )}
      </div>
      <div class="row">
        <input id=${inputId} class="visually-hidden" tabindex="-1" type="file" accept="image/*" multiple data-testid="add-photos-${index}" aria-label=${`Add photos of ${c.name}`} @change=${(e: Event) => this.chosen(c.id, e)} />
        <button @click=${() => (this.renderRoot.querySelector(`#${CSS.escape(inputId)}`) as HTMLInputElement).click()} aria-label=${`Add photos of ${c.name}`}>Add photos</button>
        <button @click=${() => (this.cameraClass = c.id)} aria-pressed=${this.cameraClass === c.id ? 'true' : 'false'}>Camera adds here</button>
        <button @click=${() => (this.confirmDelete = c.id)} aria-label=${`Delete class ${c.name}`}>Delete class</button>
      </div>
    </section>`;
  }

  render() {
    const d = this.detail;
    if (!d)
      return this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="muted">Loading…</p>`;
    const p = d.project;
    const byClass = (id: string) => d.samples.filter((s) => s.classId === id);
    const cameraName = p.classes.find((c) => c.id === this.cameraClass)?.name ?? '';
    return html`
      <p><a href="/teach" @click=${(e: Event) => {
        e.preventDefault();
        this.close();
      }}>← All classifiers</a></p>
      <h2 class="visually-hidden">${p.name}</h2>
      <div class="row">
        <label class="visually-hidden" for="classifier-name">Classifier name</label>
        <!-- Not inside the <h2>: a heading holding only a text box has no name for screen readers. -->
        <input id="classifier-name" class="title" .value=${p.name} maxlength="60" data-testid="classifier-name" @change=${(e: Event) => this.rename('classifier', e.target as HTMLInputElement)} />
      </div>
      <p class="muted" data-testid="storage-used">${this.storage}</p>
      ${this.confirmBox()}
      ${this.error ? html`<p class="error pre" role="alert" data-testid="editor-error">${this.error}</p>` : nothing}
      ${
        this.adding || this.waiting
          ? html`<div role="status" data-testid="adding">
            ${this.adding ? `Adding photos of “${this.adding.className}”: ${this.adding.done} of ${this.adding.total}…` : 'Adding photos…'}
            <progress max=${this.adding?.total || 1} value=${this.adding?.done ?? 0}></progress>
          </div>`
          : nothing
      }
      ${d.warnings.map((w) => html`<p class="warning" data-testid="class-warning">${w.message}</p>`)}
      ${p.classes.map((c, i) => this.classCard(c, i, byClass(c.id)))}
      <form class="card row" @submit=${this.addClass}>
        <label for="add-class">New class</label>
        <input id="add-class" maxlength="60" required />
        <button type="submit">Add class</button>
      </form>
      <div class="card">
        <h3>Camera</h3>
        <p class="muted">Photos go to <strong>${cameraName}</strong>. Hold the shutter for a burst.</p>
        <pv-camera-view burst @pv-capture=${this.captured}></pv-camera-view>
        <label class="row"><input type="checkbox" .checked=${p.keepOriginals} @change=${(e: Event) => this.change(() => ml().updateClassifier(this.classifierId, { keepOriginals: (e.target as HTMLInputElement).checked }))} /> Also keep the original photos (uses more space)</label>
      </div>
      <pv-classifier-trainer .classifierId=${this.classifierId} .detail=${d} .urls=${this.urls} @pv-trained=${() => this.reload()}></pv-classifier-trainer>
      <div class="card">
        <h3>Share or back up</h3>
        <div class="row">
          <button data-testid="export" ?disabled=${!d.trained || this.exporting} @click=${() => this.exportFile(false)}>Export model</button>
          <button data-testid="export-with-photos" ?disabled=${!d.trained || this.exporting} @click=${() => this.exportFile(true)}>Export with photos</button>
        </div>
        ${d.trained ? nothing : html`<p class="muted">Train the classifier first: the file carries the trained model.</p>`}
      </div>
      <button class="danger" data-testid="delete-classifier" @click=${() => (this.confirmDelete = 'classifier')}>Delete this classifier</button>
    `;
  }
}
