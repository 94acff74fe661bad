import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ml, transfer } from '../../app/ml-client';
import type { ImageClassification } from '../../contract/ml-api';
import type { CameraView } from '../camera-view/camera-view.component';
import { LiveLoop } from './live-loop';

/**
 * The viewfinder's "Live" toggle: label and confidence over the picture, updated frame after frame
 * through the same path as the shutter (classifyImage with a transferred ImageBitmap), without
 * test-time augmentation and without making cards. "Hold" turns the moment into a shot.
 */
export class LiveMode implements ReactiveController {
  on = false;
  cameraLive = false;
  answer: ImageClassification | null = null;
  /** Answers so far (also on the host as data-live-answers, for tests and bench:ui). */
  count = 0;
  private readonly loop: LiveLoop;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly camera: () => CameraView | null,
    private readonly modelId: () => string,
  ) {
    host.addController(this);
    this.loop = new LiveLoop(
      () => this.camera()?.grab() ?? Promise.resolve(null),
      (frame) => this.classify(frame),
    );
  }

  hostDisconnected(): void {
    this.set(false);
  }

  /** The camera started or stopped; stopped for a hidden page, it comes back when shown, and live mode waits for it. */
  cameraChanged(live: boolean): void {
    this.cameraLive = live;
    if (!live && !document.hidden) this.set(false);
    this.host.requestUpdate();
  }

  toggle(): void {
    this.set(!this.on);
  }

  /** "Hold": the frame is shot (frozen, answered in full in the sheet) and live answers stop. */
  hold(): void {
    this.set(false);
    void this.camera()?.shoot();
  }

  private set(on: boolean) {
    this.on = on;
    this.answer = null;
    if (on) this.loop.start();
    else this.loop.stop();
    this.host.requestUpdate();
  }

  private async classify(frame: ImageBitmap) {
    const modelId = this.modelId();
    if (!modelId) {
      frame.close();
      throw new Error('No model yet');
    }
    const result = await ml().classifyImage(transfer(frame, [frame]), modelId, 3, { tta: false });
    if (!this.on) return;
    this.answer = result;
    this.count++;
    this.host.dataset.liveAnswers = String(this.count);
    this.host.requestUpdate();
  }
}
