import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { appLocale } from '../../app/locale';
import { ml, proxy } from '../../app/ml-client';
import {
  type BatchReport,
  type ClassifierDetail,
  type ClassifierTrainingReport,
  type EpochReport,
  type FeatureProgress,
  type ModelVersionInfo,
  newRunToken,
  type RunToken,
} from '../../contract/ml-api';
import { loadLossChart } from '../loss-chart/load';
import type { BatchCurve } from '../loss-chart/loss-chart.component';
import { lossChartPlaceholder } from '../loss-chart/placeholder.styles';
import '../model-versions/model-versions';
import { comparisonText } from '../model-versions/version-words';
import { count, accuracy as percent, seconds } from '../shared/format';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { styles } from './teach.styles';
import { ThumbnailUrls } from './thumbnail-urls';

/** Fired (bubbles) after a training run was saved. */
export const TRAINED_EVENT = 'pv-trained';

/** At most ~10 screen updates a second, however fast batches arrive. */
const FRAME_MS = 100;

/**
 * Trains the classifier in the worker: live curves, early stopping, then validation accuracy,
 * per-class accuracy and a confusion matrix whose cells show the photos behind them.
 */
export class ClassifierTrainer extends LitElement {
  static styles = [tokens, surfaces, styles, lossChartPlaceholder];

  @property() classifierId = '';
  @property({ attribute: false }) detail: ClassifierDetail | null = null;
  /** The editor's thumbnail URLs (it frees them); a spare set when used alone. */
  @property({ attribute: false }) urls = new ThumbnailUrls();
  /** The editor's view of photos being prepared: training waits for them. */
  @property({ attribute: false }) progress: FeatureProgress | null = null;
  /** Runs first (the editor deletes photos whose Undo offer is still open: removed means not learned from). */
  @property({ attribute: false }) beforeTrain: () => Promise<void> = async () => undefined;
  @state() private running = false;
  /** Photos training waits for (their features are being computed). */
  @state() private waitingFor = 0;
  @state() private history: EpochReport[] = [];
  @state() private curve: BatchCurve = [[], []];
  @state() private report: ClassifierTrainingReport | null = null;
  @state() private error = '';
  @state() private cell: { row: number; col: number } | null = null;
  /** Kept heads of this classifier (the one in use marked); "Use this one" puts one back. */
  @state() private versions: ModelVersionInfo[] = [];
  @state() private switching = false;
  private lastPaint = 0;
  /** Names the training in progress, for Stop. */
  private run: RunToken = '';

  connectedCallback(): void {
    super.connectedCallback();
    void loadLossChart(); // here before Train is pressed, so the curves start with the run
  }

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has('classifierId') && this.classifierId) void this.loadVersions();
  }

  private async loadVersions() {
    const id = this.classifierId;
    const versions = await ml()
      .classifierVersions(id)
      .catch(() => []);
    if (id === this.classifierId) this.versions = versions;
  }

  /** "Use this one", or "Use the new one anyway" after a retrain that was worse. */
  private async useVersion(versionId: string) {
    this.switching = true;
    this.error = '';
    try {
      await ml().useClassifierVersion(this.classifierId, versionId);
      const r = this.report;
      if (r?.decision.versionId === versionId) this.report = { ...r, decision: { ...r.decision, adopted: true } };
      await this.loadVersions();
      this.dispatchEvent(new CustomEvent(TRAINED_EVENT, { bubbles: true, composed: true }));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.switching = false;
    }
  }

  private async train() {
    this.running = true;
    this.error = '';
    this.report = null;
    this.cell = null;
    this.history = [];
    const run = (this.run = newRunToken());
    const xs: number[] = [];
    const ys: number[] = [];
    this.curve = [xs, ys];
    try {
      await this.beforeTrain();
      this.report = await ml().trainClassifier(
        this.classifierId,
        proxy({
          onBatch: (r: BatchReport) => {
            xs.push(r.epoch + (r.batch + 1) / r.batches);
            ys.push(r.loss);
            if (performance.now() - this.lastPaint > FRAME_MS) {
              this.lastPaint = performance.now();
              this.curve = [xs, ys];
            }
          },
          onEpoch: (r: EpochReport) => (this.history = [...this.history, r]),
          onWaiting: (photos: number) => (this.waitingFor = photos),
        }),
        run,
      );
      this.curve = [xs, ys];
      await this.loadVersions();
      this.dispatchEvent(new CustomEvent(TRAINED_EVENT, { bubbles: true, composed: true }));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.running = false;
      this.waitingFor = 0;
    }
  }

  private cellSamples() {
    const r = this.report;
    const c = this.cell;
    if (!r || !c || !this.detail) return nothing;
    const ids = new Set(r.cells[c.row][c.col]);
    const samples = this.detail.samples.filter((s) => ids.has(s.id));
    return html`<div data-testid="cell-samples">
      <p>${count(samples.length, 'photo', 'photos')} of <strong>${r.classes[c.row]}</strong> taken for <strong>${r.classes[c.col]}</strong>:</p>
      <div class="thumbs">${samples.map((s) => html`<img src=${this.urls.url(s)} alt=${`${r.classes[c.row]} photo`} decoding="async" />`)}</div>
    </div>`;
  }

  private results() {
    const r = this.report;
    if (!r) return nothing;
    return html`
      <p data-testid="classifier-accuracy" data-accuracy=${r.accuracy.toFixed(4)}>
        ${
          r.measuredOn === 'validation'
            ? html`Right on <strong>${percent(r.accuracy)}</strong> of ${count(
                r.confusion.flat().reduce((a, b) => a + b, 0),
                'photo',
                'photos',
              )} it did not learn from`
            : html`Right on <strong>${percent(r.accuracy)}</strong> of the photos it learned from (add 5 or more photos per class so some can be kept aside to check it honestly)`
        }
        · ${count(r.samples, 'photo', 'photos')} · ${count(r.history.length, 'round', 'rounds')} of training in ${seconds(r.seconds * 1000)}${r.warmStarted ? ' · continued from the previous training' : ''}${r.stopped ? ' · stopped early by you' : ''}
      </p>
      ${this.decision()}
      <table class="per-class">
        <caption class="visually-hidden">Accuracy per class</caption>
        <tr><th scope="col">Class</th><th scope="col">Accuracy</th></tr>
        ${r.classes.map((c, i) => html`<tr><td>${c}</td><td>${Number.isNaN(r.perClass[i]) ? '–' : percent(r.perClass[i])}</td></tr>`)}
      </table>
      <p class="muted">Tap a number to see those photos.</p>
      <pv-confusion-matrix selectable .matrix=${r.confusion} .classes=${r.classes} @pv-confusion-cell=${(e: CustomEvent<{ row: number; col: number }>) => (this.cell = e.detail)}></pv-confusion-matrix>
      ${this.cellSamples()}
    `;
  }

  /** Better or worse than the head in use on the same photos, and which one is in use now. */
  private decision() {
    const d = this.report?.decision;
    if (!d) return nothing;
    const c = d.comparison;
    return html`<div data-testid="classifier-decision" data-verdict=${c.verdict} data-adopted=${d.adopted ? 'yes' : 'no'}>
      <p>${comparisonText(c)}</p>
      ${
        d.adopted
          ? html`<p class="muted">${c.inUse === null ? 'It is in use now.' : 'It is in use now; the previous one is kept under Versions.'}</p>`
          : html`<p><strong>The one in use stays.</strong> The new one is kept under Versions.</p>
            <button data-testid="use-new-anyway" ?disabled=${this.switching || !d.versionId} @click=${() => this.useVersion(d.versionId)}>
              Use the new one anyway
            </button>`
      }
    </div>`;
  }

  private renderVersions() {
    if (this.versions.length < 2) return nothing;
    return html`<h4>Versions</h4>
      <pv-model-versions
        data-testid="classifier-versions"
        .versions=${this.versions}
        ?busy=${this.switching || this.running}
        @pv-use-version=${(e: CustomEvent<string>) => this.useVersion(e.detail)}
      ></pv-model-versions>`;
  }

  render() {
    const d = this.detail;
    const last = d?.project.history.at(-1);
    return html`<div class="card" data-testid="classifier-trainer">
      <h3>Train</h3>
      ${
        last && !this.report
          ? html`<p class="muted">
            Last trained ${new Date(last.at).toLocaleString(appLocale())} on ${count(last.samples, 'photo', 'photos')}${last.validationAccuracy != null ? `, ${percent(last.validationAccuracy)} right on photos kept aside` : ''}.
            ${d?.project.stale ? 'Photos changed since: train again to use them.' : ''}
          </p>`
          : nothing
      }
      ${
        this.progress?.preparing.length && !this.running
          ? html`<p class="muted">${count(this.progress.preparing.length, 'photo is', 'photos are')} still being prepared: training waits for them.</p>`
          : nothing
      }
      <div class="row">
        <button class="primary" data-testid="train-classifier" ?disabled=${this.running || !d} @click=${this.train}>${d?.trained ? 'Train again' : 'Train'}</button>
        ${this.running ? html`<button data-testid="stop-classifier" @click=${() => ml().cancel(this.run)}>Stop</button>` : nothing}
      </div>
      ${
        this.running
          ? html`<p role="status" data-testid="training-status">${
              this.waitingFor
                ? `Waiting for ${count(this.waitingFor, 'photo', 'photos')} to be prepared, then training starts…`
                : `Training… round ${this.history.length + 1}`
            }</p>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert" data-testid="train-error">${this.error}</p>` : nothing}
      ${this.history.length || this.running ? html`<pv-loss-chart .history=${this.history} .batches=${this.curve}></pv-loss-chart>` : nothing}
      ${this.results()} ${this.renderVersions()}
    </div>
    ${d?.trained && !this.running ? html`<pv-try-classifier .classifierId=${this.classifierId} .classes=${d.project.classes.map((c) => c.name)}></pv-try-classifier>` : nothing}`;
  }
}
