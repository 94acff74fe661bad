/**
 * Live mode: the camera's frames are classified one after another. The next frame is grabbed only
 * when the previous answer is back, so nothing queues up in the worker; nothing runs while the
 * page is hidden (the loop waits for it to be shown again) or after stop().
 */
export class LiveLoop {
  private generation = 0;
  private wake: (() => void) | null = null;
  private readonly onVisibility = () => {
    if (!document.hidden) this.wake?.();
  };

  constructor(
    /** The current frame, or null when there is none (camera not live, frozen). */
    private readonly grab: () => Promise<ImageBitmap | null>,
    /** Classifies and owns the frame (it is transferred to the worker). */
    private readonly classify: (frame: ImageBitmap) => Promise<void>,
  ) {}

  private active = false;

  start(): void {
    if (this.active) return;
    this.active = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    void this.loop(++this.generation);
  }

  stop(): void {
    this.active = false;
    this.generation++;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.wake?.();
  }

  private pause(ms: number | null) {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.wake = null;
        resolve();
      };
      this.wake = done;
      if (ms !== null) setTimeout(done, ms);
    });
  }

  private async loop(gen: number) {
    while (gen === this.generation) {
      if (document.hidden) {
        await this.pause(null);
        continue;
      }
      const frame = await this.grab();
      if (gen !== this.generation || document.hidden) {
        frame?.close();
        continue;
      }
      if (!frame) {
        await this.pause(150); // no frame yet (camera starting, or a shot frozen): look again soon
        continue;
      }
      try {
        await this.classify(frame);
      } catch {
        await this.pause(500); // the worker is busy or restarting: try again a little later
      }
    }
  }
}
