import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ml, transfer } from '../../app/ml-client';
import { navigate } from '../../app/router';
import type { ImageClassification } from '../../contract/ml-api';
import { userModelId } from '../../ml/photos/classifier-project';
import type { CaptureEvent } from '../camera-view/camera-view.component';
import { saveModelId } from '../classify-page/model-choice';
import { answerWords } from '../shared/answer-words';
import { surfaces } from '../shared/surfaces.styles';
import { tokens } from '../shared/tokens.styles';
import { styles } from './teach.styles';

/**
 * Right under a training result: "Try it" (a photo, or the live camera, answered here by this
 * classifier) and "Use in Classify" (opens Classify with this classifier chosen).
 */
export class TryClassifier extends LitElement {
  static styles = [
    tokens,
    surfaces,
    styles,
    css`
      .said {
        flex: 1;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .said p {
        margin: 0 0 4px;
      }
      .answer {
        font-size: 1.2rem;
      }
      .tried {
        width: 96px;
        height: 96px;
        object-fit: cover;
        border-radius: 8px;
      }
    `,
  ];

  @property() classifierId = '';
  /** Its class names, for "This doesn't look like …". */
  @property({ attribute: false }) classes: string[] = [];
  @state() private camera = false;
  @state() private busy = false;
  @state() private answer: ImageClassification | null = null;
  @state() private picture = '';
  @state() private error = '';

  disconnectedCallback(): void {
    if (this.picture) URL.revokeObjectURL(this.picture);
    super.disconnectedCallback();
  }

  private async classify(image: Blob | ImageBitmap) {
    this.busy = true;
    this.error = '';
    try {
      const payload = image instanceof ImageBitmap ? transfer(image, [image]) : image;
      this.answer = await ml().classifyImage(payload, userModelId(this.classifierId), 3);
    } catch (e) {
      this.answer = null;
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }

  private chosen(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (this.picture) URL.revokeObjectURL(this.picture);
    this.picture = URL.createObjectURL(file);
    void this.classify(file);
  }

  private captured(e: CaptureEvent) {
    e.stopPropagation(); // a shot here is a question, not a training photo
    if (this.picture) URL.revokeObjectURL(this.picture);
    this.picture = '';
    void this.classify(e.detail.bitmap);
  }

  private useInClassify() {
    saveModelId(userModelId(this.classifierId));
    navigate('classify');
  }

  private result() {
    const a = this.answer;
    if (this.busy) return html`<p role="status" data-testid="try-result" data-state="busy">Looking…</p>`;
    if (!a) return nothing;
    const top = a.top[0];
    const words = answerWords(a, this.classes);
    return html`<div class="row" role="status" data-testid="try-result" data-state="done" data-label=${top?.label ?? ''} data-verdict=${words.verdict}>
      ${this.picture ? html`<img class="tried" src=${this.picture} alt="The photo you tried" />` : nothing}
      <div class="said">
        <p class="answer" data-testid="try-words"><strong>${words.headline}</strong></p>
        ${words.explanation ? html`<p>${words.explanation}</p>` : nothing}
        <p class="muted">${words.odds}</p>
      </div>
    </div>`;
  }

  render() {
    return html`<section class="card" data-testid="try-it" aria-label="Try it">
      <h3>Try it</h3>
      <p class="muted">Show it a photo it has not seen.</p>
      <div class="row">
        <input id="try-photo" class="visually-hidden" tabindex="-1" type="file" accept="image/*" data-testid="try-photo" aria-label="A photo to try" @change=${this.chosen} />
        <button class="big" @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#try-photo')?.click()}>Choose a photo</button>
        <button class="big" data-testid="try-camera" aria-pressed=${this.camera ? 'true' : 'false'} @click=${() => (this.camera = !this.camera)}>
          ${this.camera ? 'Close the camera' : 'Use the camera'}
        </button>
      </div>
      ${this.camera ? html`<pv-camera-view @pv-capture=${this.captured}></pv-camera-view>` : nothing}
      ${this.result()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button class="primary big" data-testid="use-in-classify" @click=${this.useInClassify}>Use in Classify</button>
    </section>`;
  }
}
