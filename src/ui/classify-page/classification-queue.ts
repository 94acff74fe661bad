/**
 * One photo at a time, in the order they came: a photo is classified once the previous answer is
 * back, so twenty picked photos do not start twenty ResNet50 runs at once.
 */
export class ClassificationQueue {
  private ids: number[] = [];
  private draining = false;

  /** `run` classifies one card; `exists` says whether the card is still there when its turn comes. */
  constructor(
    private readonly run: (id: number) => Promise<void>,
    private readonly exists: (id: number) => boolean,
  ) {}

  add(id: number): void {
    if (!this.ids.includes(id)) this.ids.push(id);
    if (!this.draining) void this.drain();
  }

  /** Queued again while its answer was being computed: that answer is stale and must be dropped. */
  has(id: number): boolean {
    return this.ids.includes(id);
  }

  drop(id: number): void {
    this.ids = this.ids.filter((i) => i !== id);
  }

  clear(): void {
    this.ids = [];
  }

  private async drain() {
    this.draining = true;
    try {
      while (this.ids.length > 0) {
        const id = this.ids.shift()!;
        if (this.exists(id)) await this.run(id);
      }
    } finally {
      this.draining = false;
    }
  }
}
