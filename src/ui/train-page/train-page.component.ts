import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { appLocale } from '../../app/locale';
import { ml, proxy } from '../../app/ml-client';
import { navigate } from '../../app/router';
import { DATASETS, isDatasetId, type DatasetId } from '../../ml/digits/datasets';
import type { MlpConfig } from '../../ml/digits/mlp-config';
import { recommendedMlp } from '../../ml/digits/mlp-presets';
import type {
  BatchReport,
  DatasetProgress,
  EpochReport,
  MlpCard,
  HeldOutSamples,
  TrainingOutcome,
  UserModelInfo,
} from '../../contract/ml-api';
import { newRunToken, type RunToken } from '../../contract/ml-api';
import { loadLossChart } from '../loss-chart/load';
import type { BatchCurve } from '../loss-chart/loss-chart.component';
import { lossChartPlaceholder } from '../loss-chart/placeholder.styles';
import { tokens } from '../shared/tokens.styles';
import { styles } from './train-page.styles';

/** The settings as typed: strings until valid, so a half-typed number is not lost. */
interface Form {
  hidden: string;
  dropout: string;
  optimizer: MlpConfig['optimizer'];
  learningRate: string;
  batchSize: string;
  epochs: string;
  shift: string;
  flip: boolean;
  trainLimit: string;
}
type TextKey = 'hidden' | 'dropout' | 'learningRate' | 'batchSize' | 'epochs' | 'shift';
type Errors = Partial<Record<TextKey, string>>;

const LIMITS: [string, string][] = [
  ['60000', 'All 60,000'],
  ['10000', '10,000'],
  ['5000', '5,000'],
  ['1000', '1,000'],
];
const PREVIEW_COUNT = 24;
/** At most ~10 screen updates a second, however fast batches arrive. */
const FLUSH_MS = 100;
/** Smoothing of the per-batch loss curve (exponential moving average). */
const BETA = 0.95;

function formOf(c: MlpConfig, trainLimit = '60000'): Form {
  return {
    hidden: c.hidden.join(','),
    dropout: String(c.dropout),
    optimizer: c.optimizer,
    learningRate: String(c.learningRate),
    batchSize: String(c.batchSize),
    epochs: String(c.epochs),
    shift: String(c.shift),
    flip: c.flip,
    trainLimit,
  };
}

const wholeNumber = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);
const decimal = (s: string) => (s.trim() === '' ? NaN : Number(s));
const within = (n: number, lo: number, hi: number) => Number.isFinite(n) && n >= lo && n <= hi;

/** Checks every field; the config is null while any field is invalid. */
function parse(f: Form, base: MlpConfig): { config: MlpConfig | null; errors: Errors } {
  const errors: Errors = {};
  const hidden = f.hidden.split(',').map(wholeNumber);
  if (hidden.length > 4 || !hidden.every((n) => within(n, 1, 4096)))
    errors.hidden = 'Enter 1 to 4 layer sizes, whole numbers from 1 to 4096, separated by commas (e.g. 1024,512).';
  const dropout = decimal(f.dropout);
  if (!(dropout >= 0 && dropout < 1)) errors.dropout = 'Dropout must be at least 0 and less than 1 (e.g. 0.3).';
  const learningRate = decimal(f.learningRate);
  if (!(learningRate > 0 && learningRate <= 10)) errors.learningRate = 'Learning rate must be a number above 0 (e.g. 0.001).';
  const batchSize = wholeNumber(f.batchSize);
  if (!within(batchSize, 1, 4096)) errors.batchSize = 'Batch size must be a whole number from 1 to 4096.';
  const epochs = wholeNumber(f.epochs);
  if (!within(epochs, 1, 200)) errors.epochs = 'Epochs must be a whole number from 1 to 200.';
  const shift = wholeNumber(f.shift);
  if (!within(shift, 0, 6)) errors.shift = 'Shift must be a whole number of pixels from 0 to 6.';
  if (Object.keys(errors).length) return { config: null, errors };
  const config = { ...base, hidden, dropout, optimizer: f.optimizer, learningRate, batchSize, epochs, shift, flip: f.flip };
  return { config, errors };
}

const percent = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(2)} %`);
const megabytes = (b: number) => (b / 1e6).toFixed(1);
function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(appLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Shared by all page instances: the worker trains one model at a time, and leaving /train and
 * coming back creates a new page while the old run goes on.
 */
const run = { busy: false, dataset: 'mnist' as DatasetId, token: '' as RunToken };
const pages = new Set<TrainPage>();
const refreshPages = () => pages.forEach((p) => p.requestUpdate());

/** /train: set up an MLP, train it in the worker with live curves, inspect it, save or discard it. */
export class TrainPage extends LitElement {
  static styles = [tokens, styles, lossChartPlaceholder];

  @state() private datasetId: DatasetId = 'mnist';
  @state() private form: Form = formOf(recommendedMlp('mnist'));
  @state() private userModel: UserModelInfo | null = null;
  @state() private bundled: MlpCard | null = null;
  @state() private statusLoaded = false;
  /** This page started the run that is going on. */
  @state() private running = false;
  @state() private stopping = false;
  @state() private download: DatasetProgress | null = null;
  @state() private batchesDone = 0;
  @state() private batchesTotal = 0;
  @state() private epochNow = 0;
  @state() private history: EpochReport[] = [];
  @state() private curve: BatchCurve = [[], []];
  @state() private outcome: TrainingOutcome | null = null;
  @state() private preview: HeldOutSamples | null = null;
  @state() private saving = false;
  @state() private saved: UserModelInfo | null = null;
  @state() private confirmReset = false;
  @state() private resetting = false;
  @state() private error = '';

  // Between flushes: raw reports land here and reach the screen at most every FLUSH_MS.
  private pendingBatch: BatchReport | null = null;
  private pendingDownload: DatasetProgress | null = null;
  private flushTimer = 0;
  private ema = 0;
  private emaSteps = 0;
  private plannedEpochs = 0;

  connectedCallback(): void {
    super.connectedCallback();
    pages.add(this);
    void this.loadStatus();
    void loadLossChart(); // the page always shows the curves
  }

  disconnectedCallback(): void {
    pages.delete(this);
    clearTimeout(this.flushTimer);
    this.flushTimer = 0;
    super.disconnectedCallback();
  }

  private async loadStatus() {
    const ds = this.datasetId;
    this.statusLoaded = false;
    try {
      const [user, card] = await Promise.all([ml().userModel(ds), ml().bundledCard(ds)]);
      if (ds !== this.datasetId) return; // the user switched data sets meanwhile
      this.userModel = user;
      this.bundled = card;
    } catch (e) {
      if (ds === this.datasetId) this.error = messageOf(e);
    } finally {
      if (ds === this.datasetId) this.statusLoaded = true;
    }
  }

  private chooseDataset(e: Event) {
    const v = (e.target as HTMLSelectElement).value;
    if (!isDatasetId(v) || v === this.datasetId) return;
    this.datasetId = v;
    this.form = formOf(recommendedMlp(v), this.form.trainLimit);
    // Results belong to the other data set; saving them under this one would mislead.
    this.outcome = this.preview = this.saved = null;
    this.history = [];
    this.curve = [[], []];
    this.batchesDone = this.batchesTotal = 0;
    this.confirmReset = false;
    this.error = '';
    this.userModel = this.bundled = null;
    void this.loadStatus();
  }

  private edit<K extends keyof Form>(key: K, value: Form[K]) {
    this.form = { ...this.form, [key]: value };
  }

  private async start() {
    const { config } = parse(this.form, recommendedMlp(this.datasetId));
    if (!config || run.busy) return;
    const ds = this.datasetId;
    run.busy = true;
    run.dataset = ds;
    run.token = newRunToken();
    refreshPages();
    this.running = true;
    this.stopping = false;
    this.error = '';
    this.outcome = this.preview = this.saved = null;
    this.download = null;
    this.history = [];
    this.curve = [[], []];
    this.batchesDone = this.batchesTotal = 0;
    this.ema = this.emaSteps = 0;
    this.plannedEpochs = config.epochs;
    const callbacks = proxy({
      onDataProgress: (p: DatasetProgress) => this.queue(() => (this.pendingDownload = p)),
      onBatch: (r: BatchReport) => this.queue(() => this.takeBatch(r)),
      onEpoch: (r: EpochReport) => {
        this.flush();
        this.history = [...this.history, r];
      },
    });
    try {
      this.outcome = await ml().train(ds, config, callbacks, Number(this.form.trainLimit), run.token);
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      this.flush();
      this.running = this.stopping = false;
      run.busy = false;
      refreshPages();
    }
    if (this.outcome && ds === this.datasetId) await this.loadPreview(ds);
  }

  private queue(take: () => void) {
    take();
    this.flushTimer ||= window.setTimeout(() => this.flush(), FLUSH_MS);
  }

  private takeBatch(r: BatchReport) {
    this.ema = BETA * this.ema + (1 - BETA) * r.loss;
    this.emaSteps++;
    this.pendingBatch = r;
  }

  private flush() {
    clearTimeout(this.flushTimer);
    this.flushTimer = 0;
    if (this.pendingDownload) this.download = this.pendingDownload;
    this.pendingDownload = null;
    const r = this.pendingBatch;
    if (!r) return;
    this.pendingBatch = null;
    this.batchesTotal = r.batches * this.plannedEpochs;
    this.batchesDone = r.epoch * r.batches + r.batch + 1;
    this.epochNow = r.epoch + 1;
    const [xs, ys] = this.curve;
    xs.push(r.epoch + (r.batch + 1) / r.batches);
    ys.push(this.ema / (1 - BETA ** this.emaSteps)); // bias-corrected, so early points are not pulled to 0
    this.curve = [xs, ys]; // a new tuple tells the chart to redraw
  }

  private async loadPreview(ds: DatasetId) {
    try {
      const p = await ml().heldOutSamples(ds, PREVIEW_COUNT);
      if (ds === this.datasetId) this.preview = p;
    } catch (e) {
      this.error = messageOf(e);
    }
  }

  private async stop() {
    this.stopping = true;
    try {
      await ml().cancel(run.token);
    } catch (e) {
      this.error = messageOf(e);
      this.stopping = false;
    }
  }

  private async save() {
    this.saving = true;
    this.error = '';
    try {
      const info = await ml().saveTrained();
      this.saved = info;
      if (info.dataset === this.datasetId) this.userModel = info;
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      this.saving = false;
    }
  }

  private async askReset(open: boolean) {
    this.confirmReset = open;
    await this.updateComplete;
    // Keep keyboard focus on the step the user is in.
    this.renderRoot.querySelector<HTMLElement>(open ? '[data-testid="train-reset-cancel"]' : '[data-testid="train-reset"]')?.focus();
  }

  private async reset() {
    const ds = this.datasetId;
    this.resetting = true;
    this.error = '';
    try {
      await ml().resetToBundled(ds);
      if (ds === this.datasetId) this.userModel = null;
      this.saved = null;
      this.confirmReset = false;
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      this.resetting = false;
    }
  }

  private goDraw(e: Event) {
    e.preventDefault();
    navigate('draw');
  }

  render() {
    const { config, errors } = parse(this.form, recommendedMlp(this.datasetId));
    const info = DATASETS[this.datasetId];
    const busyElsewhere = run.busy && !this.running;
    return html`
      <h2>Train a model</h2>
      ${this.renderStatus(info.title)}
      <section class="card" aria-labelledby="settings-h">
        <h3 id="settings-h">Settings</h3>
        <div class="field">
          <label for="f-dataset">Data set</label>
          <select id="f-dataset" data-testid="train-dataset" ?disabled=${run.busy} @change=${this.chooseDataset}>
            <option value="mnist" ?selected=${this.datasetId === 'mnist'}>MNIST digits</option>
            <option value="fashion" ?selected=${this.datasetId === 'fashion'}>Fashion-MNIST</option>
          </select>
        </div>
        <fieldset class="grid" ?disabled=${run.busy}>
          <legend>Network and training (reset to the recommended values when the data set changes)</legend>
          ${this.textField('hidden', 'Hidden layer sizes', 'train-hidden', errors, 'text')}
          ${this.textField('dropout', 'Dropout', 'train-dropout', errors)}
          <div class="field">
            <label for="f-optimizer">Optimiser</label>
            <select
              id="f-optimizer"
              data-testid="train-optimizer"
              .value=${live(this.form.optimizer)}
              @change=${(e: Event) => this.edit('optimizer', (e.target as HTMLSelectElement).value as Form['optimizer'])}
            >
              <option value="adam">Adam</option>
              <option value="sgd">SGD</option>
              <option value="rmsprop">RMSprop</option>
            </select>
          </div>
          ${this.textField('learningRate', 'Learning rate', 'train-lr', errors)}
          ${this.textField('batchSize', 'Batch size', 'train-batch', errors, 'numeric')}
          ${this.textField('epochs', 'Epochs', 'train-epochs', errors, 'numeric')}
          ${this.textField('shift', 'Random shift (pixels)', 'train-shift', errors, 'numeric')}
          <div class="field">
            <label for="f-limit">Training images</label>
            <select
              id="f-limit"
              data-testid="train-limit"
              .value=${live(this.form.trainLimit)}
              @change=${(e: Event) => this.edit('trainLimit', (e.target as HTMLSelectElement).value)}
            >
              ${LIMITS.map(([v, label]) => html`<option value=${v}>${label}</option>`)}
            </select>
          </div>
          <div class="field check">
            <input
              id="f-flip"
              type="checkbox"
              data-testid="train-flip"
              .checked=${live(this.form.flip)}
              @change=${(e: Event) => this.edit('flip', (e.target as HTMLInputElement).checked)}
            />
            <label for="f-flip">Random left–right flip</label>
          </div>
        </fieldset>
        <div class="actions">
          <button
            class="primary"
            data-testid="train-start"
            ?disabled=${!config || run.busy}
            aria-describedby=${config ? nothing : 'start-hint'}
            @click=${this.start}
          >
            Start training
          </button>
          <button data-testid="train-stop" ?disabled=${!run.busy || this.stopping} @click=${this.stop}>
            ${this.stopping && run.busy ? 'Stopping…' : 'Stop'}
          </button>
        </div>
        ${config ? nothing : html`<p id="start-hint" class="error">Fix the settings marked above to start.</p>`}
        ${busyElsewhere
          ? html`<p class="note">Training on ${DATASETS[run.dataset].title} is still running from before. Stop it or wait.</p>`
          : nothing}
      </section>
      ${this.error ? html`<p role="alert" class="error alert" data-testid="train-error">${this.error}</p>` : nothing}
      ${this.renderProgress(info.title)} ${this.renderResults()}
    `;
  }

  private textField(key: TextKey, label: string, testid: string, errors: Errors, mode: 'decimal' | 'numeric' | 'text' = 'decimal') {
    const id = `f-${key}`;
    const err = errors[key];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        data-testid=${testid}
        inputmode=${mode}
        autocomplete="off"
        spellcheck="false"
        .value=${live(this.form[key])}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${err ? `${id}-err` : nothing}
        @input=${(e: Event) => this.edit(key, (e.target as HTMLInputElement).value)}
      />
      ${err ? html`<p class="error field-error" id="${id}-err">${err}</p>` : nothing}
    </div>`;
  }

  private renderStatus(title: string) {
    const user = this.userModel;
    return html`<section
      class="card"
      aria-labelledby="status-h"
      data-testid="train-model-status"
      data-user-model=${!this.statusLoaded ? 'unknown' : user ? 'yes' : 'no'}
    >
      <h3 id="status-h">${title}: model in use</h3>
      ${this.bundled
        ? html`<p data-testid="train-bundled-accuracy" data-value=${this.bundled.metrics.testAccuracy ?? ''}>
            Bundled model: ${percent(this.bundled.metrics.testAccuracy)} test accuracy.
          </p>`
        : nothing}
      ${!this.statusLoaded
        ? html`<p class="note">Checking…</p>`
        : user
          ? html`<p data-testid="train-user-model" data-value=${user.card.metrics.testAccuracy ?? ''}>
                <strong>Your model is in use:</strong> ${percent(user.card.metrics.testAccuracy)} test accuracy, trained
                ${when(user.card.training.trainedAt)}.
              </p>
              ${this.confirmReset
                ? html`<div class="confirm" role="group" aria-labelledby="reset-q">
                    <p id="reset-q">Delete your model and go back to the bundled one?</p>
                    <div class="actions">
                      <button class="danger" data-testid="train-reset-confirm" ?disabled=${this.resetting} @click=${this.reset}>
                        ${this.resetting ? 'Resetting…' : 'Yes, reset'}
                      </button>
                      <button data-testid="train-reset-cancel" ?disabled=${this.resetting} @click=${() => this.askReset(false)}>
                        Cancel
                      </button>
                    </div>
                  </div>`
                : html`<button data-testid="train-reset" ?disabled=${run.busy} @click=${() => this.askReset(true)}>
                    Reset to bundled model
                  </button>`}`
          : html`<p class="note">No model of your own yet: the bundled one is in use.</p>`}
    </section>`;
  }

  private renderProgress(title: string) {
    if (!this.running && !this.history.length && !this.batchesDone) return nothing;
    const d = this.download;
    const downloading = this.running && !this.batchesDone && d;
    const last = this.history.at(-1);
    const testing = this.running && this.history.length === this.plannedEpochs && this.plannedEpochs > 0;
    return html`<section class="card" aria-labelledby="progress-h">
      <h3 id="progress-h">Progress</h3>
      ${downloading
        ? html`<label for="p-data">Downloading ${title}: ${megabytes(d.loadedBytes)} of ${d.totalBytes ? megabytes(d.totalBytes) : '?'} MB</label>
            <progress id="p-data" data-testid="train-data-progress" max=${d.totalBytes || 1} value=${d.totalBytes ? d.loadedBytes : nothing}></progress>`
        : nothing}
      <label for="p-train">
        ${this.running && !this.batchesDone
          ? d
            ? 'Preparing…'
            : 'Loading data…'
          : testing
            ? 'Measuring test accuracy…'
            : `Epoch ${this.epochNow} of ${this.plannedEpochs}, batch ${this.batchesDone} of ${this.batchesTotal}`}
      </label>
      <progress id="p-train" data-testid="train-progress" max=${this.batchesTotal || 1} value=${this.batchesDone}></progress>
      ${last ? html`<p class="note" data-testid="train-epoch-seconds">${last.seconds.toFixed(1)} s per epoch (last epoch).</p>` : nothing}
      <pv-loss-chart .history=${this.history} .batches=${this.curve}></pv-loss-chart>
    </section>`;
  }

  private renderResults() {
    const o = this.outcome;
    if (!o) return nothing;
    const saved = this.saved;
    return html`<section class="card" aria-labelledby="results-h">
      <h3 id="results-h">Results</h3>
      ${o.stopped ? html`<p class="note">Stopped early after ${o.history.length} epoch(s); results are for that model.</p>` : nothing}
      <p class="big" data-testid="train-test-accuracy" data-value=${o.testAccuracy.toFixed(4)}>
        Test accuracy: ${percent(o.testAccuracy)}
      </p>
      <p class="note">${o.secondsPerEpoch.toFixed(1)} s per epoch on ${o.backend}.</p>
      <h4>Accuracy per class</h4>
      <ul class="per-class" data-testid="train-per-class">
        ${o.confusion.map((row, i) => {
          const n = row.reduce((a, b) => a + b, 0);
          return html`<li><span>${o.classes[i]}</span><span>${percent(n ? row[i] / n : 0)}</span></li>`;
        })}
      </ul>
      <h4>Confusion matrix</h4>
      <pv-confusion-matrix .matrix=${o.confusion} .classes=${o.classes}></pv-confusion-matrix>
      <h4>Test images</h4>
      ${this.preview ? html`<pv-held-out-samples .preview=${this.preview}></pv-held-out-samples>` : html`<p class="note">Loading…</p>`}
      <div class="actions">
        <button class="primary" data-testid="train-save" ?disabled=${this.saving || !!saved || run.busy} @click=${this.save}>
          ${this.saving ? 'Saving…' : saved ? 'Saved' : 'Save this model'}
        </button>
      </div>
      ${saved
        ? html`<p role="status" data-testid="train-saved">
              ${saved.dataset === 'mnist'
                ? html`Saved — <a href="/draw" @click=${this.goDraw}>/draw</a> now uses it`
                : html`Saved — it is now your Fashion-MNIST model`}
            </p>
            <p class="note">
              Model card: ${saved.card.title}, ${percent(saved.card.metrics.testAccuracy)} test accuracy, trained
              ${when(saved.card.training.trainedAt)}.
            </p>`
        : nothing}
    </section>`;
  }
}
