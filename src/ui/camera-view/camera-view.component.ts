import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { tokens } from '../shared/tokens.styles';
import { styles } from './camera-view.styles';

/** Fired (bubbles, composed) when the shutter grabs a frame; the listener owns (and should close or transfer) the bitmap. */
export const CAPTURE_EVENT = 'pv-capture';
export type CaptureEvent = CustomEvent<{ bitmap: ImageBitmap }>;
/** Fired (bubbles, composed) when the preview starts or stops: `live` says which. */
export const CAMERA_STATE_EVENT = 'pv-camera-state';
export type CameraStateEvent = CustomEvent<{ live: boolean }>;
/** Fired (bubbles, composed) by the viewfinder's "Photos" button: the page opens its gallery picker. */
export const PICK_PHOTOS_EVENT = 'pv-pick-photos';

type Facing = 'environment' | 'user';
const BURST_MS = 300;
type Phase = 'idle' | 'starting' | 'live' | 'error';

/** Turns a getUserMedia failure into plain words that point to the gallery. */
export function cameraErrorMessage(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  const gallery = 'You can still choose a photo with the “Choose photos” button below.';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Camera access is blocked. To use the camera, allow it for this site in your browser settings. ${gallery}`;
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return `No camera was found on this device. ${gallery}`;
    case 'NotReadableError':
    case 'TrackStartError':
      return `The camera is busy or could not be started (another app may be using it). ${gallery}`;
    case 'AbortError':
      return `The camera could not be started. ${gallery}`;
    default:
      return `The camera could not be started${e instanceof Error && e.message ? `: ${e.message}` : ''}. ${gallery}`;
  }
}

/**
 * Live camera preview with a shutter. As a `viewfinder` (Classify) it is one large area: the
 * start button and why the camera is asked for while idle; the shutter, "Photos" and the page's
 * own controls (slot "extra", slot "overlay") over the picture while live; a shot freezes the
 * frame until `resume()`. Nothing starts until the user taps "Use camera"; the
 * stream stops when the element leaves the page or the tab is hidden (and resumes when the tab
 * is shown again, if it was running).
 */
export class CameraView extends LitElement {
  static styles = [tokens, styles];

  /** Hold the shutter to take a photo every BURST_MS (collecting training samples). */
  @property({ type: Boolean }) burst = false;
  /** The large viewfinder layout, with the controls over the picture and the shot frozen. */
  @property({ type: Boolean, reflect: true }) viewfinder = false;
  @query('canvas.still') private still!: HTMLCanvasElement;
  /** The last shot is shown still over the preview (viewfinder only). */
  @state() private frozen = false;
  @query('video') private video!: HTMLVideoElement;
  private burstTimer: ReturnType<typeof setInterval> | null = null;
  @state() private phase: Phase = 'idle';
  @state() private facing: Facing = 'environment';
  @state() private cameras = 0;
  @state() private frameReady = false;
  @state() private capturing = false;
  @state() private message = '';
  @state() private flash = false;

  private stream: MediaStream | null = null;
  /** Bumped on every start/stop so a late getUserMedia answer is dropped, not shown. */
  private generation = 0;
  private resumeOnShow = false;

  private readonly onVisibility = () => {
    if (document.hidden) {
      if (this.phase === 'live' || this.phase === 'starting') {
        this.resumeOnShow = true;
        this.stop();
      }
    } else if (this.resumeOnShow) {
      this.resumeOnShow = false;
      void this.start();
    }
  };
  private readonly onDeviceChange = () => void this.countCameras();

  connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
  }

  disconnectedCallback(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.resumeOnShow = false;
    this.stopBurst();
    this.stop();
    // Detached, it no longer updates or bubbles: tell the window (the offline offer waits on it).
    if (this.wasLive) {
      this.wasLive = false;
      window.dispatchEvent(new CustomEvent(CAMERA_STATE_EVENT, { detail: { live: false } }));
    }
    super.disconnectedCallback();
  }

  /** Whether the camera preview is running (for the page and tests). */
  get live(): boolean {
    return this.phase === 'live';
  }

  private wasLive = false;

  protected updated(changed: Map<string, unknown>): void {
    const live = this.phase === 'live';
    if (changed.has('phase') && live !== this.wasLive) {
      this.wasLive = live;
      this.dispatchEvent(new CustomEvent(CAMERA_STATE_EVENT, { detail: { live }, bubbles: true, composed: true }));
    }
  }

  /** The current frame (null when not live, frozen or no frame yet); the caller owns the bitmap. */
  async grab(): Promise<ImageBitmap | null> {
    const video = this.video;
    if (this.phase !== 'live' || this.frozen || !video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA)
      return null;
    return createImageBitmap(video).catch(() => null);
  }

  /** Back to the moving picture after a shot. */
  resume(): void {
    this.frozen = false;
  }

  private async start() {
    const gen = ++this.generation;
    this.releaseStream();
    this.frameReady = false;
    this.message = '';
    if (!navigator.mediaDevices?.getUserMedia) {
      this.phase = 'error';
      this.message = window.isSecureContext
        ? 'This browser cannot use a camera. You can still choose a photo with the “Choose photos” button below.'
        : 'The camera only works on a secure (https) page. You can still choose a photo with the “Choose photos” button below.';
      return;
    }
    this.phase = 'starting';
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: this.facing, width: { ideal: 1280 }, height: { ideal: 1280 } },
        audio: false,
      });
    } catch (e) {
      if (gen !== this.generation) return;
      this.phase = 'error';
      this.message = cameraErrorMessage(e);
      return;
    }
    if (gen !== this.generation || !this.isConnected) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    this.stream = stream;
    this.phase = 'live';
    await this.updateComplete;
    const video = this.video;
    video.srcObject = stream;
    try {
      await video.play();
    } catch {
      // Interrupted by a stop/switch, or autoplay refused: the preview starts on the next frame anyway.
    }
    void this.countCameras();
  }

  /** Stops the stream and goes back to the "Use camera" button. */
  stop(): void {
    this.generation++;
    this.releaseStream();
    this.frameReady = false;
    this.frozen = false;
    if (this.phase === 'live' || this.phase === 'starting') this.phase = 'idle';
  }

  private releaseStream() {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    if (this.video) this.video.srcObject = null;
  }

  private async countCameras() {
    try {
      const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
      this.cameras = devices.filter((d) => d.kind === 'videoinput').length;
    } catch {
      this.cameras = 0;
    }
  }

  private switchCamera() {
    this.facing = this.facing === 'environment' ? 'user' : 'environment';
    void this.start();
  }

  private startBurst(e: PointerEvent) {
    if (!this.burst || e.button !== 0) return;
    e.preventDefault(); // no click afterwards: the burst already took the first photo
    this.stopBurst();
    void this.shoot();
    this.burstTimer = setInterval(() => void this.shoot(), BURST_MS);
  }

  private stopBurst() {
    if (this.burstTimer) clearInterval(this.burstTimer);
    this.burstTimer = null;
  }

  private clickShutter(e: MouseEvent) {
    // A pointer press in burst mode already shot; keyboard activation (detail 0) shoots once here.
    if (this.burst && e.detail > 0) return;
    void this.shoot();
  }

  /** Takes a photo, as the shutter does (the viewfinder freezes on it). */
  async shoot(): Promise<void> {
    const video = this.video;
    if (!video || this.capturing || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
    this.capturing = true;
    this.message = '';
    try {
      const bitmap = await createImageBitmap(video);
      if (this.viewfinder) this.freeze(bitmap);
      this.flash = true;
      setTimeout(() => (this.flash = false), 150);
      this.dispatchEvent(new CustomEvent(CAPTURE_EVENT, { detail: { bitmap }, bubbles: true, composed: true }));
    } catch (e) {
      this.message = `The photo could not be taken${e instanceof Error && e.message ? `: ${e.message}` : ''}. Try again.`;
    } finally {
      this.capturing = false;
    }
  }

  /** Shows `bitmap` still over the preview (drawn before the listener takes the bitmap away). */
  private freeze(bitmap: ImageBitmap) {
    const canvas = this.still;
    if (!canvas) return;
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    this.frozen = true;
  }

  private pickPhotos() {
    this.dispatchEvent(new CustomEvent(PICK_PHOTOS_EVENT, { bubbles: true, composed: true }));
  }

  private shutter() {
    const live = this.phase === 'live';
    return html`<button
      class="shutter"
      data-testid="camera-shutter"
      aria-label=${this.burst ? 'Take photo (hold for a burst)' : 'Take photo'}
      ?disabled=${!live || !this.frameReady}
      @click=${this.clickShutter}
      @pointerdown=${this.startBurst}
      @pointerup=${this.stopBurst}
      @pointerleave=${this.stopBurst}
      @pointercancel=${this.stopBurst}
    >
      <span aria-hidden="true"></span>
    </button>`;
  }

  private renderViewfinder() {
    const live = this.phase === 'live';
    const on = live || this.phase === 'starting';
    return html`<div class="viewport vf" data-facing=${this.facing} data-frozen=${this.frozen ? 'yes' : 'no'}>
      <video
        data-testid="camera-video"
        aria-label=${this.facing === 'environment' ? 'Camera preview, rear camera' : 'Camera preview, front camera'}
        playsinline
        muted
        autoplay
        ?hidden=${!on}
        @loadeddata=${() => (this.frameReady = true)}
      ></video>
      <canvas class="still" data-testid="camera-still" ?hidden=${!this.frozen} aria-label="The photo just taken" role="img"></canvas>
      <div class="flash ${this.flash ? 'on' : ''}" aria-hidden="true"></div>
      ${this.phase === 'starting' ? html`<p class="starting">Starting the camera…</p>` : nothing}
      ${
        on
          ? html`<div class="bar top">
              <button class="round" data-testid="camera-stop" aria-label="Stop camera" @click=${() => this.stop()}>
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6z"></path></svg>
              </button>
              <button class="round" data-testid="camera-switch" aria-label="Switch camera" ?disabled=${!live || this.cameras < 2} @click=${this.switchCamera}>
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20 5h-3.2L15 3H9L7.2 5H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm-5 11.5V14H9v2.5L5.5 13 9 9.5V12h6V9.5l3.5 3.5-3.5 3.5z"></path></svg>
              </button>
            </div>
            ${live ? html`<slot name="overlay"></slot>` : nothing}
            <div class="bar bottom">
              <button class="over" data-testid="camera-photos" aria-label="Photos from the gallery" @click=${this.pickPhotos}>Photos</button>
              ${this.shutter()}
              <slot name="extra"><span></span></slot>
            </div>`
          : html`<div class="intro">
              <button class="primary start" data-testid="camera-start" @click=${() => this.start()}>
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4zM9 2 7.17 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-3.17L15 2H9z"></path></svg>
                ${this.phase === 'error' ? 'Try the camera again' : 'Start camera'}
              </button>
              <p class="why">The camera shows the model what to name. Nothing is recorded or sent: photos stay on this phone.</p>
              ${this.message ? html`<p class="alert" role="alert" data-testid="camera-error">${this.message}</p>` : nothing}
              <button class="over" data-testid="camera-photos" @click=${this.pickPhotos}>Choose photos instead</button>
            </div>`
      }
    </div>
    ${on && this.message ? html`<p class="error alert" role="alert" data-testid="camera-error">${this.message}</p>` : nothing}`;
  }

  render() {
    if (this.viewfinder) return this.renderViewfinder();
    const live = this.phase === 'live';
    return html`
      <div class="viewport" ?hidden=${!live && this.phase !== 'starting'} data-facing=${this.facing}>
        <video
          data-testid="camera-video"
          aria-label=${this.facing === 'environment' ? 'Camera preview, rear camera' : 'Camera preview, front camera'}
          playsinline
          muted
          autoplay
          @loadeddata=${() => (this.frameReady = true)}
        ></video>
        <div class="flash ${this.flash ? 'on' : ''}" aria-hidden="true"></div>
        ${this.phase === 'starting' ? html`<p class="starting">Starting the camera…</p>` : nothing}
      </div>
      ${
        live || this.phase === 'starting'
          ? html`<div class="controls">
            <button data-testid="camera-stop" @click=${() => this.stop()}>Stop camera</button>
            ${this.shutter()}
            <button
              data-testid="camera-switch"
              ?disabled=${!live || this.cameras < 2}
              title=${this.cameras < 2 ? 'Only one camera found' : ''}
              @click=${this.switchCamera}
            >
              Switch camera
            </button>
          </div>`
          : html`<button class="primary start" data-testid="camera-start" @click=${() => this.start()}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path
                d="M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4zM9 2 7.17 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-3.17L15 2H9z"
              ></path></svg
            >${this.phase === 'error' ? 'Try the camera again' : 'Use camera'}
          </button>`
      }
      ${this.message ? html`<p class="error alert" role="alert" data-testid="camera-error">${this.message}</p>` : nothing}
    `;
  }
}
