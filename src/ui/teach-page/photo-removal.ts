/**
 * Removing a photo from a class, with Undo: the photo disappears at once, and is deleted in the
 * worker only when the Undo offer runs out (or the page is left). A mis-tap on a small thumbnail
 * costs nothing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const UNDO_MS = 6000;

export class PhotoRemoval implements ReactiveController {
  /** Photo ids hidden now and deleted when the offer runs out. */
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly commit: (ids: string[]) => Promise<void>,
  ) {
    host.addController(this);
  }

  /** Photos waiting for their Undo offer to run out. */
  get count(): number {
    return this.pending.size;
  }

  hidden(id: string): boolean {
    return this.pending.has(id);
  }

  remove(id: string): void {
    this.pending.add(id);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), UNDO_MS);
    this.host.requestUpdate();
  }

  undo(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.host.requestUpdate();
  }

  /** Deletes what is pending now (the offer ran out, or the page is being left). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.pending];
    if (!ids.length) return;
    try {
      await this.commit(ids);
    } finally {
      for (const id of ids) this.pending.delete(id);
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    void this.flush();
  }
}
