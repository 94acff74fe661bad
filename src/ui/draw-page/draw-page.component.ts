import { LitElement, html } from 'lit';
import { query, state } from 'lit/decorators.js';
import { ml } from '../../app/ml-client';
import type { DigitModelSource, Prediction } from '../../worker/api';
import { tokens } from '../shared/tokens.styles';
import { styles } from './draw-page.styles';
import { StrokePad } from './stroke-pad';

/** Draw a digit; the MNIST MLP reads it live. */
export class DrawPage extends LitElement {
  static styles = [tokens, styles];

  @query('canvas.digit') private canvas!: HTMLCanvasElement;
  @query('canvas.seen') private seen!: HTMLCanvasElement;
  @state() private prediction: Prediction | null = null;
  @state() private source: DigitModelSource = 'bundled';
  @state() private hasUserModel = false;
  @state() private empty = true;
  @state() private error = '';

  private pad: StrokePad | null = null;
  private busy = false;
  private retries = 0;
  private dirty = false;
  private readonly onResize = () => this.pad?.resize();

  firstUpdated(): void {
    this.pad = new StrokePad(this.canvas, () => this.schedule());
    this.pad.resize();
    window.addEventListener('resize', this.onResize);
    void ml()
      .userModel('mnist')
      .then((m) => (this.hasUserModel = m !== null))
      .catch(() => undefined);
  }

  disconnectedCallback(): void {
    window.removeEventListener('resize', this.onResize);
    this.pad?.destroy();
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
        this.prediction = await ml().predictDigit(image, this.source);
        this.error = '';
        this.retries = 0;
        this.drawSeen(await ml().lastDigitInput());
      }
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      // A passing failure (the GPU reset mid-read, a backend switch) must not leave the drawing unread.
      if (this.retries++ < 2) setTimeout(() => this.isConnected && !this.empty && this.schedule(), 500);
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

  private pick(source: DigitModelSource) {
    this.source = source;
    if (!this.empty) this.schedule();
  }

  render() {
    const top = this.prediction?.top[0];
    return html`
      <h2 class="visually-hidden">Draw a digit</h2>
      <div class="pad">
        <canvas class="digit" data-testid="digit-canvas" aria-label="Drawing pad: draw one digit with your finger or mouse"></canvas>
        ${this.empty ? html`<div class="hint" aria-hidden="true">Draw a digit 0–9</div>` : ''}
      </div>
      <div class="row">
        <button data-testid="digit-clear" @click=${this.clear}>Clear</button>
        <fieldset>
          <legend>Model:</legend>
          <label><input type="radio" name="src" .checked=${this.source === 'bundled'} @change=${() => this.pick('bundled')} />Bundled model</label>
          <label title=${this.hasUserModel ? '' : 'Train and save a model in Train first'}
            ><input type="radio" name="src" data-testid="digit-use-user" ?disabled=${!this.hasUserModel} .checked=${this.source === 'user'} @change=${() => this.pick('user')} />My model</label
          >
        </fieldset>
      </div>
      <section class="result" aria-live="polite" data-testid="digit-prediction" data-label=${top ? top.label : ''}>
        <div>
          <div class="big" aria-label=${top ? `Looks like ${top.label}` : 'Nothing drawn yet'}>${top ? top.label : '–'}</div>
          <canvas class="seen" width="28" height="28" title="What the model sees (28×28)"></canvas>
        </div>
        <pv-prediction-bars .items=${this.prediction?.top ?? []}></pv-prediction-bars>
      </section>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
    `;
  }
}
