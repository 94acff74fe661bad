import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ml, proxy } from '../../app/ml-client';
import { navigate } from '../../app/router';
import type {
  BatchReport,
  DatasetProgress,
  EpochReport,
  HeldOutSamples,
  MlpCard,
  MlpSaveResult,
  ModelInUse,
  ModelVersionInfo,
  TrainingOutcome,
} from '../../contract/ml-api';
import { newRunToken, type RunToken } from '../../contract/ml-api';
import { DATASETS, type DatasetId, isDatasetId } from '../../ml/digits/datasets';
import { recommendedMlp } from '../../ml/digits/mlp-presets';
import { loadLossChart } from '../loss-chart/load';
import { lossChartPlaceholder } from '../loss-chart/placeholder.styles';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { messageOf } from './format';
import { LiveProgress } from './live-progress';
import { type Form, formOf, parse } from './train-form';
import { styles } from './train-page.styles';
import { renderProgress } from './train-progress';
import { renderResults } from './train-results';
import { renderSettings } from './train-settings';
import { renderStatus } from './train-status';

const PREVIEW_COUNT = 24;

/**
 * Shared by all page instances: the worker trains one model at a time, and leaving /train and
 * coming back creates a new page while the old run goes on.
 */
const run = { busy: false, dataset: 'mnist' as DatasetId, token: '' as RunToken };
const pages = new Set<TrainPage>();
const refreshPages = () => {
  for (const p of pages) p.requestUpdate();
};

/** /train: set up an MLP, train it in the worker with live curves, inspect it, save or discard it. */
export class TrainPage extends LitElement {
  static styles = [tokens, surfaces, styles, lossChartPlaceholder];

  @state() private datasetId: DatasetId = 'mnist';
  @state() private form: Form = formOf(recommendedMlp('mnist'));
  /** The model in use and the kept versions, as the worker says (Draw shows the same). */
  @state() private inUse: ModelInUse | null = null;
  @state() private versions: ModelVersionInfo[] = [];
  @state() private bundled: MlpCard | null = null;
  @state() private statusLoaded = false;
  /** This page started the run that is going on. */
  @state() private running = false;
  @state() private stopping = false;
  @state() private history: EpochReport[] = [];
  @state() private outcome: TrainingOutcome | null = null;
  @state() private preview: HeldOutSamples | null = null;
  @state() private saving = false;
  @state() private saved: MlpSaveResult | null = null;
  @state() private switching = false;
  @state() private error = '';
  private readonly progress = new LiveProgress(this);

  connectedCallback(): void {
    super.connectedCallback();
    pages.add(this);
    void this.loadStatus();
    void loadLossChart(); // the page always shows the curves
  }

  disconnectedCallback(): void {
    pages.delete(this);
    super.disconnectedCallback();
  }

  private async loadStatus() {
    const ds = this.datasetId;
    this.statusLoaded = false;
    try {
      const [inUse, versions, card] = await Promise.all([
        ml().digitModelInUse(ds),
        ml().mlpVersions(ds),
        ml().bundledCard(ds),
      ]);
      if (ds !== this.datasetId) return; // the user switched data sets meanwhile
      this.inUse = inUse;
      this.versions = versions;
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
    this.progress.clear();
    this.error = '';
    this.inUse = this.bundled = null;
    this.versions = [];
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
    this.history = [];
    this.progress.begin(config.epochs);
    const callbacks = proxy({
      onDataProgress: (p: DatasetProgress) => this.progress.dataProgress(p),
      onBatch: (r: BatchReport) => this.progress.batch(r),
      onEpoch: (r: EpochReport) => {
        this.progress.flush();
        this.history = [...this.history, r];
      },
    });
    try {
      this.outcome = await ml().train(ds, config, callbacks, Number(this.form.trainLimit), run.token);
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      this.progress.flush();
      this.running = this.stopping = false;
      run.busy = false;
      refreshPages();
    }
    if (this.outcome && ds === this.datasetId) await this.loadPreview(ds);
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
      this.saved = await ml().saveTrained();
      if (this.saved.saved.dataset === this.datasetId) await this.loadStatus();
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      this.saving = false;
    }
  }

  /** "Use this one" in Versions, or "Use the new one anyway" after a save that was worse. */
  private async useVersion(id: string) {
    const ds = this.datasetId;
    this.switching = true;
    this.error = '';
    try {
      await ml().useMlpVersion(ds, id);
      if (this.saved?.versionId === id) this.saved = { ...this.saved, adopted: true };
      if (ds === this.datasetId) await this.loadStatus();
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      this.switching = false;
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
      <h2>Digit lab: train your own digit reader</h2>
      ${renderStatus({
        title: info.title,
        loaded: this.statusLoaded,
        inUse: this.inUse,
        versions: this.versions,
        bundledAccuracy: this.bundled?.metrics.testAccuracy,
        busy: run.busy || this.switching,
        useVersion: (id) => this.useVersion(id),
      })}
      ${renderSettings({
        datasetId: this.datasetId,
        form: this.form,
        errors,
        valid: !!config,
        busy: run.busy,
        stopping: this.stopping,
        busyElsewhere: busyElsewhere ? DATASETS[run.dataset].title : '',
        chooseDataset: (e) => this.chooseDataset(e),
        edit: (key, value) => this.edit(key, value),
        start: () => this.start(),
        stop: () => this.stop(),
      })}
      ${this.error ? html`<p role="alert" class="error alert" data-testid="train-error">${this.error}</p>` : nothing}
      ${renderProgress({ title: info.title, running: this.running, history: this.history, progress: this.progress })}
      ${renderResults({
        outcome: this.outcome,
        preview: this.preview,
        saving: this.saving,
        saved: this.saved,
        busy: run.busy || this.switching,
        save: () => this.save(),
        useAnyway: () => this.saved && this.useVersion(this.saved.versionId),
        goDraw: (e) => this.goDraw(e),
      })}
    `;
  }
}
