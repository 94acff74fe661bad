import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
// Must stay before uPlot: it makes navigator.language a tag Intl accepts before uPlot's module runs.
import './navigator-locale';
import uPlot from 'uplot';
import type { EpochReport } from '../../contract/ml-api';
import { afterPaint } from '../shared/after-paint';
import { number, accuracy as pct } from '../shared/format';
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
      ? `Loss after epoch ${number(last.epoch + 1)}: training ${loss(last.loss)}${last.valLoss !== undefined ? `, held-back images ${loss(last.valLoss)}` : ''}`
      : 'Loss: no epochs yet';
    const accLabel = last
      ? `Accuracy after epoch ${number(last.epoch + 1)}: training ${pct(last.accuracy)}${last.valAccuracy !== undefined ? `, held-back images ${pct(last.valAccuracy)}` : ''}`
      : 'Accuracy: no epochs yet';
    return html`
      <figure>
        <figcaption>Loss (lower is better)</figcaption>
        <div class="plot loss" role="img" aria-label=${lossLabel}></div>
      </figure>
      <figure>
        <figcaption>Accuracy (higher is better)</figcaption>
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
    // Ticks on whole epochs only: "2.5 epochs" means nothing to a person.
    const axes = (yValues: (v: number) => string): uPlot.Axis[] => [
      {
        stroke: ink,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        label: 'Epoch',
        labelSize: 18,
        incrs: [1, 2, 5, 10, 20, 50, 100],
        values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? number(t) : '')),
      },
      {
        stroke: ink,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        size: 52,
        values: (_u, ticks) => ticks.map(yValues),
      },
    ];
    // x starts at 0 and spans at least one epoch, so an empty or one-point chart still has axes.
    const scales = (): uPlot.Scales => ({
      x: { time: false, range: (_u, min, max) => [Math.min(min ?? 0, 0), Math.max(max ?? 1, 1)] },
    });
    const epochSeries = (label: string, stroke: string): uPlot.Series => ({
      label,
      stroke,
      width: 2,
      spanGaps: true,
      points: { show: true, size: 5 },
    });
    // The legend names the lines only: live values ("–" before the first epoch) read as noise.
    const legend = { live: false };
    const lossPlot = await this.mount(
      generation,
      {
        width,
        height: HEIGHT,
        legend,
        scales: scales(),
        axes: axes(loss),
        series: [
          { label: 'Epoch' },
          { label: 'As it learns', stroke: BATCH, width: 1, spanGaps: true, points: { show: false } },
          epochSeries('Training loss', TRAIN),
          epochSeries('Held-back images', VAL),
        ],
      },
      () => this.lossData(),
      root.querySelector<HTMLElement>('.loss')!,
    );
    if (!lossPlot) return;
    this.lossPlot = lossPlot;
    const acc = await this.mount(
      generation,
      {
        width,
        height: HEIGHT,
        legend,
        scales: scales(),
        axes: axes((v) => pct(v)),
        series: [{ label: 'Epoch' }, epochSeries('Training accuracy', TRAIN), epochSeries('Held-back images', VAL)],
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

/** A loss to two significant digits: 0.31, 0.042. */
function loss(v: number): string {
  return String(Number(v.toPrecision(2)));
}
