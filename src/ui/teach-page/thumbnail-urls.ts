import type { SampleSummary } from '../../contract/ml-api';

/**
 * One object URL per sample thumbnail, made the first time it is shown and kept until the sample
 * goes: a render never creates URLs (each would be a new image to fetch and decode, and a leak).
 */
export class ThumbnailUrls {
  private urls = new Map<string, string>();

  url(s: SampleSummary): string {
    let u = this.urls.get(s.id);
    if (!u) this.urls.set(s.id, (u = URL.createObjectURL(s.thumbnail)));
    return u;
  }

  /** Frees the URLs of samples that are gone. */
  keep(ids: Set<string>): void {
    for (const [id, u] of this.urls) {
      if (ids.has(id)) continue;
      URL.revokeObjectURL(u);
      this.urls.delete(id);
    }
  }

  clear(): void {
    this.keep(new Set());
  }
}
