/**
 * Backbone features on disk, keyed by the image's content hash, the backbone version and the
 * view (0 = as is, 1 = mirrored). Retraining a head never re-runs the backbone on known images,
 * and a new backbone version never reuses stale features.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class FeatureCache {
  readonly dir: string;

  constructor(
    root: string,
    backboneKey: string,
    readonly dim: number,
  ) {
    this.dir = join(root, backboneKey.replace(/[^\w.-]/g, '_'));
  }

  private path(hash: string, view: number) {
    return join(this.dir, hash.slice(0, 2), `${hash}-${view}.f32`);
  }

  has(hash: string, view: number): boolean {
    return existsSync(this.path(hash, view));
  }

  async get(hash: string, view: number): Promise<Float32Array | null> {
    try {
      const buf = await readFile(this.path(hash, view));
      if (buf.length !== this.dim * 4) return null; // a torn write: recompute
      return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    } catch {
      return null;
    }
  }

  async set(hash: string, view: number, features: Float32Array): Promise<void> {
    if (features.length !== this.dim) throw new Error(`expected ${this.dim} features, got ${features.length}`);
    const path = this.path(hash, view);
    await mkdir(join(this.dir, hash.slice(0, 2)), { recursive: true });
    // Write then rename, so a crash never leaves a half-written vector under the real name.
    await writeFile(`${path}.tmp`, new Uint8Array(features.buffer, features.byteOffset, features.byteLength));
    await rename(`${path}.tmp`, path);
  }
}
