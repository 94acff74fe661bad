import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { ml } from '../../app/ml-client';
import type { ClassifierOverview } from '../../contract/ml-api';
import { count, accuracy as percent } from '../shared/format';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { styles } from './teach.styles';

/** Fired with { id } to open a classifier. */
export const OPEN_EVENT = 'pv-open-classifier';

/** The user's classifiers: create one, import a file, open one. */
export class ClassifierList extends LitElement {
  static styles = [tokens, surfaces, styles];

  /** The list as the worker has it: loading, the classifiers, or why it could not be read. */
  private readonly listing = new Task(this, {
    task: () => ml().listClassifiers(),
    args: () => [],
  });
  @state() private error = '';
  @state() private notice = '';
  @state() private busy = false;
  @query('#new-name') private nameInput!: HTMLInputElement;
  @query('#new-classes') private classesInput!: HTMLTextAreaElement;
  @query('#import-file') private importInput!: HTMLInputElement;

  private open(id: string) {
    this.dispatchEvent(new CustomEvent(OPEN_EVENT, { detail: { id }, bubbles: true, composed: true }));
  }

  private async create(e: Event) {
    e.preventDefault();
    this.error = '';
    const classes = this.classesInput.value
      .split(/[\n,]/)
      .map((c) => c.trim())
      .filter(Boolean);
    if (classes.length < 2) {
      this.error = 'Name at least two classes (one per line, or separated by commas).';
      return;
    }
    try {
      const project = await ml().createClassifier(this.nameInput.value, classes);
      this.open(project.id);
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  private async importFile() {
    const file = this.importInput.files?.[0];
    this.importInput.value = '';
    if (!file) return;
    this.error = this.notice = '';
    this.busy = true;
    try {
      const imported = await ml().importClassifier(file);
      this.notice = `Imported “${imported.project.name}” (${imported.project.classes.length} classes, ${imported.samples} photos).`;
      await this.listing.run();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`
      <h2>Teach your own classifier</h2>
      <p class="muted">Name a few classes, add photos of each, train on this device. Photos never leave your phone.</p>
      <form class="card" @submit=${this.create} data-testid="new-classifier">
        <h3>New classifier</h3>
        <div class="field">
          <label for="new-name">Name</label>
          <input id="new-name" data-testid="new-name" required maxlength="60" placeholder="e.g. Leaves" />
        </div>
        <div class="field">
          <label for="new-classes">Classes (one per line)</label>
          <textarea id="new-classes" data-testid="new-classes" rows="3" placeholder=${'oak leaf\nmaple leaf'}></textarea>
        </div>
        <button class="primary" type="submit" data-testid="create-classifier">Create</button>
      </form>
      <div class="card">
        <h3>Import</h3>
        <p class="muted">Open a classifier file exported from Pocket Vision on another device.</p>
        <label class="visually-hidden" for="import-file">Classifier file to import</label>
        <input id="import-file" class="visually-hidden" tabindex="-1" type="file" accept=".zip,application/zip" data-testid="import-file" @change=${this.importFile} />
        <button ?disabled=${this.busy} @click=${() => this.importInput.click()}>${this.busy ? 'Checking the file…' : 'Import a classifier file'}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert" data-testid="teach-error">${this.error}</p>` : nothing}
      ${this.notice ? html`<p role="status" data-testid="teach-notice">${this.notice}</p>` : nothing}
      ${this.listing.render({
        // While a re-read runs (after an import) the list stays as it was.
        pending: () => (this.listing.value ? this.renderList(this.listing.value) : html`<p class="muted">Loading…</p>`),
        complete: (items) => this.renderList(items),
        error: (e) =>
          html`<p class="error" role="alert" data-testid="teach-list-error">Your classifiers could not be read: ${e instanceof Error ? e.message : String(e)}</p>`,
      })}
    `;
  }

  private renderList(items: ClassifierOverview[]) {
    if (!items.length) return html`<p class="muted">No classifiers yet.</p>`;
    return html`<h3>Your classifiers</h3>
      <ul class="plain" data-testid="classifier-list">
        ${items.map(({ project, counts, trained }) => {
          const photos = Object.values(counts).reduce((a, b) => a + b, 0);
          const acc = project.history.at(-1)?.validationAccuracy;
          return html`<li class="card">
            <a class="open" href="/teach/${project.id}" data-testid="classifier-item" data-name=${project.name} @click=${(
              e: Event,
            ) => {
              e.preventDefault();
              this.open(project.id);
            }}>
              <strong>${project.name}</strong>
              <span class="muted"
                >${count(project.classes.length, 'class', 'classes')} · ${count(photos, 'photo', 'photos')} · ${trained ? (acc != null ? `trained, ${percent(acc)} right on photos kept aside` : 'trained') : 'not trained yet'}${
                  project.stale && trained ? ' · new photos since training' : ''
                }</span
              >
            </a>
          </li>`;
        })}
      </ul>`;
  }
}
