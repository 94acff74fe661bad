import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { HeldOutSamples as Preview } from '../../contract/ml-api';
import { IMAGE_SIZE, PIXELS } from '../../ml/digits/datasets';
import { number } from '../shared/format';
import { tokens } from '../shared/tokens.styles';
import { styles } from './held-out-samples.styles';

/** A grid of test images with the model's guess and the truth; wrong guesses are marked. */
export class HeldOutSamples extends LitElement {
  static styles = [tokens, styles];

  @property({ attribute: false }) preview: Preview | null = null;

  render() {
    const p = this.preview;
    if (!p) return nothing;
    const name = (i: number) => p.classes[i] ?? String(i);
    const right = p.labels.filter((l, i) => l === p.predictions[i]).length;
    return html`
      <p class="summary">${number(right)} of ${number(p.labels.length)} right.</p>
      <ul class="grid">
        ${p.labels.map((label, i) => {
          const pred = p.predictions[i];
          const ok = pred === label;
          return html`<li>
            <figure class=${ok ? 'right' : 'wrong'} data-testid="held-out-samples-item" data-correct=${ok ? 'yes' : 'no'}>
              <canvas
                width=${IMAGE_SIZE}
                height=${IMAGE_SIZE}
                data-index=${i}
                role="img"
                aria-label=${`Test image ${i + 1}`}
              ></canvas>
              <figcaption>
                <span class="pred"
                  ><span aria-hidden="true">${ok ? '✓' : '✗'}</span><span class="visually-hidden">${ok ? 'right:' : 'wrong:'}</span> ${name(pred)}</span
                >
                ${ok ? nothing : html`<br />really: ${name(label)}`}
              </figcaption>
            </figure>
          </li>`;
        })}
      </ul>
    `;
  }

  protected updated(): void {
    const p = this.preview;
    if (!p) return;
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas')) {
      const i = Number(canvas.dataset.index);
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      const img = ctx.createImageData(IMAGE_SIZE, IMAGE_SIZE);
      const src = p.images.subarray(i * PIXELS, (i + 1) * PIXELS);
      // Data has ink high; show dark ink on white like the drawing pad.
      for (let k = 0; k < PIXELS; k++) {
        const v = 255 - src[k];
        img.data.set([v, v, v, 255], k * 4);
      }
      ctx.putImageData(img, 0, 0);
    }
  }
}
