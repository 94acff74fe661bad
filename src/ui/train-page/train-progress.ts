import { html, nothing } from 'lit';
import type { EpochReport } from '../../contract/ml-api';
import { seconds } from '../shared/format';
import { megabytes } from './format';
import type { ProgressState } from './live-progress';

/** What the Progress card shows: the download, the batch counter and the live curves. */
export interface ProgressView {
  title: string;
  /** This page started the run that is going on. */
  running: boolean;
  history: EpochReport[];
  progress: ProgressState;
}

export function renderProgress({ title, running, history, progress: p }: ProgressView) {
  if (!running && !history.length && !p.batchesDone) return nothing;
  const d = p.download;
  const downloading = running && !p.batchesDone && d;
  const last = history.at(-1);
  const testing = running && history.length === p.plannedEpochs && p.plannedEpochs > 0;
  return html`<section class="card" aria-labelledby="progress-h">
    <h3 id="progress-h">Progress</h3>
    ${
      downloading
        ? html`<label for="p-data">Downloading ${title}: ${megabytes(d.loadedBytes)}${d.totalBytes ? ` of ${megabytes(d.totalBytes)}` : ''}</label>
          <progress id="p-data" data-testid="train-data-progress" max=${d.totalBytes || 1} value=${d.totalBytes ? d.loadedBytes : nothing}></progress>`
        : nothing
    }
    <label for="p-train">
      ${
        running && !p.batchesDone
          ? d
            ? 'Preparing…'
            : 'Loading data…'
          : testing
            ? 'Measuring test accuracy…'
            : `Epoch ${p.epochNow} of ${p.plannedEpochs}, batch ${p.batchesDone} of ${p.batchesTotal}`
      }
    </label>
    <progress id="p-train" data-testid="train-progress" max=${p.batchesTotal || 1} value=${p.batchesDone}></progress>
    ${last ? html`<p class="note" data-testid="train-epoch-seconds">${seconds(last.seconds * 1000)} per epoch.</p>` : nothing}
    <pv-loss-chart .history=${history} .batches=${p.curve}></pv-loss-chart>
  </section>`;
}
