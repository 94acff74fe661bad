import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BatchReport, DatasetProgress } from '../../contract/ml-api';
import type { BatchCurve } from '../loss-chart/loss-chart.component';

/** At most ~10 screen updates a second, however fast batches arrive. */
const FLUSH_MS = 100;
/** Smoothing of the per-batch loss curve (exponential moving average). */
const BETA = 0.95;

/** What the Progress card reads. */
export interface ProgressState {
  readonly download: DatasetProgress | null;
  readonly batchesDone: number;
  readonly batchesTotal: number;
  readonly epochNow: number;
  readonly plannedEpochs: number;
  readonly curve: BatchCurve;
}

/**
 * The download and batch counters and the smoothed loss curve of a run. The worker reports every
 * batch; the reports are held here and reach the screen (host update) at most every FLUSH_MS.
 */
export class LiveProgress implements ReactiveController, ProgressState {
  download: DatasetProgress | null = null;
  batchesDone = 0;
  batchesTotal = 0;
  epochNow = 0;
  plannedEpochs = 0;
  curve: BatchCurve = [[], []];

  // Between flushes: raw reports land here.
  private pendingBatch: BatchReport | null = null;
  private pendingDownload: DatasetProgress | null = null;
  private flushTimer = 0;
  private ema = 0;
  private emaSteps = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = 0;
  }

  /** Empties the counters and the curve (the results belong to another data set). */
  clear() {
    this.curve = [[], []];
    this.batchesDone = this.batchesTotal = 0;
    this.host.requestUpdate();
  }

  /** A new run of `epochs` epochs begins. */
  begin(epochs: number) {
    this.download = null;
    this.ema = this.emaSteps = 0;
    this.plannedEpochs = epochs;
    this.clear();
  }

  dataProgress(p: DatasetProgress) {
    this.pendingDownload = p;
    this.schedule();
  }

  batch(r: BatchReport) {
    this.ema = BETA * this.ema + (1 - BETA) * r.loss;
    this.emaSteps++;
    this.pendingBatch = r;
    this.schedule();
  }

  private schedule() {
    this.flushTimer ||= window.setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Shows what is held now (at the end of each epoch and of the run, without waiting). */
  flush() {
    clearTimeout(this.flushTimer);
    this.flushTimer = 0;
    if (this.pendingDownload) {
      this.download = this.pendingDownload;
      this.host.requestUpdate();
    }
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
    this.host.requestUpdate();
  }
}
