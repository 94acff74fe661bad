import { html, LitElement } from 'lit';
import { query, state } from 'lit/decorators.js';
import { ml } from '../../app/ml-client';
import type { ModelInUse, Prediction } from '../../contract/ml-api';
import { renderModelInUse } from '../model-versions/model-in-use';
import { cssProps } from '../shared/css-props';
import { tokens } from '../shared/tokens.styles';
import { styles } from './draw-page.styles';
import { KeyboardPen, type PenState } from './keyboard-pen';
import { StrokePad } from './stroke-pad';

/** Draw a digit; the MNIST MLP reads it live. */
export class DrawPage extends LitElement {
  static styles = [tokens, styles];

  @query('canvas.digit') private canvas!: HTMLCanvasElement;
  @query('canvas.seen') private seen!: HTMLCanvasElement;
  @state() private prediction: Prediction | null = null;
  /** What Train saved decides (the worker keeps it); shown here, changed there. */
  @state() private inUse: ModelInUse | null = null;
  @state() private empty = true;
  @state() private error = '';

  /** Where the keyboard pen is; shown only while the pad has keyboard focus. */
  @state() private pen: PenState | null = null;
  private pad: StrokePad | null = null;
  private keyboardPen: KeyboardPen | null = null;
  private busy = false;
  private dirty = false;
  private readonly onResize = () => this.pad?.resize();

  firstUpdated(): void {
    this.pad = new StrokePad(this.canvas, () => this.schedule());
    this.pad.resize();
    this.keyboardPen = new KeyboardPen(
      this.canvas,
      (from, to) => this.pad?.strokeBetween(from, to),
      (pen) => (this.pen = pen),
    );
    window.addEventListener('resize', this.onResize);
  }

  connectedCallback(): void {
    super.connectedCallback();
    void ml()
      .digitModelInUse('mnist')
      .then((m) => (this.inUse = m))
      .catch(() => undefined);
  }

  disconnectedCallback(): void {
    window.removeEventListener('resize', this.onResize);
    this.pad?.destroy();
    this.keyboardPen?.destroy();
    super.disconnectedCallback();
  }

  /** Latest drawing wins: at most one read in flight, the newest image read next. */
  private schedule() {
    this.empty = false;
    this.dirty = true;
    if (!this.busy) void this.read();
  }

  private async read() {
    this.busy = true;
    try {
      while (this.dirty && this.pad) {
        this.dirty = false;
        const image = this.pad.image();
        // A GPU lost mid-read is the worker's to survive (src/worker/engine.ts): it answers from the next backend.
        this.prediction = await ml().predictDigit(image);
        this.error = '';
        this.drawSeen(await ml().lastDigitInput());
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }

  private drawSeen(input: Float32Array | null) {
    const ctx = this.seen.getContext('2d')!;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = input ? Math.round(input[i] * 255) : 0;
      img.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }

  private clear() {
    this.pad?.clear();
    this.prediction = null;
    this.empty = true;
    this.drawSeen(null);
  }

  private renderPen(pen: PenState) {
    return html`<div class="pen ${pen.down ? 'down' : ''}" data-testid="keyboard-pen" data-down=${pen.down ? 'yes' : 'no'} ${cssProps({ left: `${pen.x * 100}%`, top: `${pen.y * 100}%` })}></div>
      <span class="visually-hidden" role="status">${pen.down ? 'Pen down' : 'Pen up'}</span>`;
  }

  render() {
    const top = this.prediction?.top[0];
    return html`
      <h2 class="visually-hidden">Draw a digit</h2>
      <div class="pad">
        <canvas
          class="digit"
          data-testid="digit-canvas"
          tabindex="0"
          role="application"
          aria-label="Drawing pad: draw one digit with your finger or mouse, or with the keyboard"
          aria-describedby="pen-keys"
          @focus=${() => (this.pen = this.keyboardPen?.state ?? null)}
          @blur=${() => (this.pen = null)}
        ></canvas>
        ${this.pen ? this.renderPen(this.pen) : ''}
        ${this.empty ? html`<div class="hint" aria-hidden="true">Draw a digit 0–9</div>` : ''}
      </div>
      <p id="pen-keys" class="keys">Keyboard: arrow keys move the pen (Shift for small steps), Space puts it down or lifts it.</p>
      <div class="row">
        <button data-testid="digit-clear" @click=${this.clear}>Clear</button>
        ${renderModelInUse(this.inUse)}
      </div>
      <section
        class="result"
        aria-live="polite"
        data-testid="digit-prediction"
        data-label=${top ? top.label : ''}
        data-model=${this.prediction?.model ?? ''}
      >
        <div>
          <div class="big" aria-label=${top ? `Looks like ${top.label}` : 'Nothing drawn yet'}>${top ? top.label : '–'}</div>
          <canvas class="seen" width="28" height="28" title="What the model sees"></canvas>
        </div>
        <pv-prediction-bars .items=${this.prediction?.top ?? []}></pv-prediction-bars>
      </section>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
    `;
  }
}
