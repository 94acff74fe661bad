import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
// Must stay before uPlot: it makes navigator.language a tag Intl accepts before uPlot's module runs.
import './navigator-locale';
import uPlot from 'uplot';
import type { EpochReport } from '../../contract/ml-api';
import { afterPaint } from '../shared/after-paint';
import { tokens } from '../shared/tokens.styles';
import { styles, uplotStyles } from './loss-chart.styles';

/** Smoothed per-batch training loss: x in fractional epochs, y the loss. */
export type BatchCurve = [x: number[], y: number[]];

const TRAIN = '#3b5bdb';
const VAL = '#e8590c';
const BATCH = 'rgba(59, 91, 219, 0.35)';
const HEIGHT = 180;

/** Live training curves: loss (train, validation, smoothed batches) and accuracy per epoch. */
export class LossChart extends LitElement {
  static styles = [tokens, uplotStyles, styles];

  @property({ attribute: false }) history: EpochReport[] = [];
  @property({ attribute: false }) batches: BatchCurve = [[], []];

  private lossPlot: uPlot | null = null;
  private accPlot: uPlot | null = null;
  private resize: ResizeObserver | null = null;
  /** Bumped on disconnect: a build still waiting for its turn then gives up. */
  private generation = 0;

  render() {
    const last = this.history.at(-1);
    const lossLabel = last
      ? `Loss after epoch ${last.epoch + 1}: train ${last.loss.toFixed(3)}${last.valLoss !== undefined ? `, validation ${last.valLoss.toFixed(3)}` : ''}`
      : 'Loss: no epochs yet';
    const accLabel = last
      ? `Accuracy after epoch ${last.epoch + 1}: train ${pct(last.accuracy)}${last.valAccuracy !== undefined ? `, validation ${pct(last.valAccuracy)}` : ''}`
      : 'Accuracy: no epochs yet';
    return html`
      <figure>
        <figcaption>Loss</figcaption>
        <div class="plot loss" role="img" aria-label=${lossLabel}></div>
      </figure>
      <figure>
        <figcaption>Accuracy</figcaption>
        <div class="plot acc" role="img" aria-label=${accLabel}></div>
      </figure>
    `;
  }

  protected firstUpdated(): void {
    void this.build();
  }

  /**
   * The first uPlot on a page costs 20–60 ms here (its code compiled on first use, fonts, a forced
   * layout, the first draw). So each plot is made in one task and drawn in the next, after the
   * chart's first paint: pressing Train never blocks the page for one long task.
   */
  private async build() {
    const generation = this.generation;
    await afterPaint();
    if (generation !== this.generation || this.lossPlot) return;
    const root = this.renderRoot;
    const width = this.plotWidth();
    // Theme colours are read once: uPlot draws axes on canvas, where CSS variables do not reach.
    const cs = getComputedStyle(this);
    const ink = cs.getPropertyValue('--pv-muted').trim() || '#5f5d66';
    const grid = cs.getPropertyValue('--pv-border').trim() || '#d9d8e0';
    // Fresh option objects per plot: uPlot keeps and mutates what it is given.
    const axes = (): uPlot.Axis[] => [
      { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, label: 'epoch', labelSize: 18 },
      { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 48 },
    ];
    // x starts at 0 and spans at least one epoch, so an empty or one-point chart still has axes.
    const scales = (): uPlot.Scales => ({
      x: { time: false, range: (_u, min, max) => [Math.min(min ?? 0, 0), Math.max(max ?? 1, 1)] },
    });
    const epochSeries = (label: string, stroke: string, fmt: (v: number) => string): uPlot.Series => ({
      label,
      stroke,
      width: 2,
      spanGaps: true,
      points: { show: true, size: 5 },
      value: (_u, v) => (v == null ? '–' : fmt(v)),
    });
    const loss3 = (v: number) => v.toFixed(3);
    const loss = await this.mount(
      generation,
      {
        width,
        height: HEIGHT,
        scales: scales(),
        axes: axes(),
        series: [
          { label: 'epoch', value: (_u, v) => (v == null ? '–' : v.toFixed(2)) },
          {
            label: 'batches (smoothed)',
            stroke: BATCH,
            width: 1,
            spanGaps: true,
            points: { show: false },
            value: (_u, v) => (v == null ? '–' : loss3(v)),
          },
          epochSeries('train', TRAIN, loss3),
          epochSeries('validation', VAL, loss3),
        ],
      },
      () => this.lossData(),
      root.querySelector<HTMLElement>('.loss')!,
    );
    if (!loss) return;
    this.lossPlot = loss;
    const acc = await this.mount(
      generation,
      {
        width,
        height: HEIGHT,
        scales: scales(),
        axes: axes(),
        series: [{ label: 'epoch' }, epochSeries('train', TRAIN, pct), epochSeries('validation', VAL, pct)],
      },
      () => this.accData(),
      root.querySelector<HTMLElement>('.acc')!,
    );
    if (!acc) return;
    this.accPlot = acc;
    this.resize = new ResizeObserver(() => {
      const size = { width: this.plotWidth(), height: HEIGHT };
      this.lossPlot?.setSize(size);
      this.accPlot?.setSize(size);
    });
    this.resize.observe(this);
  }

  /** A plot made now and drawn with the latest data in a later task; null if the chart left meanwhile. */
  private async mount(
    generation: number,
    opts: uPlot.Options,
    data: () => uPlot.AlignedData,
    target: HTMLElement,
  ): Promise<uPlot | null> {
    let init: () => void = () => {};
    const plot = new uPlot(opts, data(), (u, start) => {
      target.append(u.root);
      init = start as () => void;
    });
    await afterPaint();
    if (generation !== this.generation) {
      plot.destroy();
      return null;
    }
    init();
    plot.setData(data()); // what arrived while it waited (cheap when nothing did)
    return plot;
  }

  protected updated(changed: PropertyValues<this>): void {
    // A plot not built yet starts from the data of its turn.
    if (changed.has('history') || changed.has('batches')) this.lossPlot?.setData(this.lossData());
    if (changed.has('history')) this.accPlot?.setData(this.accData());
  }

  disconnectedCallback(): void {
    this.generation++;
    this.resize?.disconnect();
    this.lossPlot?.destroy();
    this.accPlot?.destroy();
    this.resize = this.lossPlot = this.accPlot = null;
    super.disconnectedCallback();
  }

  connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a move: the plots were destroyed, so build them again.
    if (this.hasUpdated && !this.lossPlot) void this.build();
  }

  private plotWidth(): number {
    return Math.max(240, this.clientWidth || 320);
  }

  /** Batch points and epoch ends share one x axis; epoch n ends at x = n + 1, as does its last batch. */
  private lossData(): uPlot.AlignedData {
    const [bx, by] = this.batches;
    const byX = new Map<number, [number | null, number | null, number | null]>();
    bx.forEach((x, i) => byX.set(x, [by[i], null, null]));
    for (const r of this.history) {
      const row = byX.get(r.epoch + 1) ?? [null, null, null];
      row[1] = r.loss;
      row[2] = r.valLoss ?? null;
      byX.set(r.epoch + 1, row);
    }
    const xs = [...byX.keys()].sort((a, b) => a - b);
    const rows = xs.map((x) => byX.get(x)!);
    return [xs, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])];
  }

  private accData(): uPlot.AlignedData {
    const h = this.history;
    return [h.map((r) => r.epoch + 1), h.map((r) => r.accuracy), h.map((r) => r.valAccuracy ?? null)];
  }
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)} %`;
}
