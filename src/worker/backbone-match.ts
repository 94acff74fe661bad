/**
 * Teach photos keep the features of the photo model variant that made them (classifier-records.ts).
 * The two variants' features differ slightly, so a head never mixes them: photos still holding
 * their source are recomputed by the background queue; finished ones cannot be (their photo is
 * gone), so training and export refuse with a sentence saying what to do.
 */
import { UserError } from '../ml/core/errors';
import type { BackboneVariant } from '../ml/photos/backbone-spec';
import { backboneVariant } from './backbone-cache';
import { type SampleRecord, sampleBackbone } from './classifier-records';

const VARIANT_WORDS: Record<BackboneVariant, string> = {
  float16: 'the full precision photo model',
  uint8: 'the data saver photo model',
};

/** Throws when any of `samples` was prepared by another variant than the one in use. */
export function requireMatchingFeatures(samples: readonly Pick<SampleRecord, 'backbone'>[], name: string): void {
  const now = backboneVariant();
  const other = samples.filter((s) => sampleBackbone(s) !== now);
  if (!other.length) return;
  const then = sampleBackbone(other[0]);
  const photos = other.length === 1 ? '1 photo' : `${other.length} photos`;
  throw new UserError(
    'backbone-mismatch',
    `${photos} in “${name}” were prepared with ${VARIANT_WORDS[then]}, and this device now uses ` +
      `${VARIANT_WORDS[now]}. Choose it again under Settings → Photo model download to train or share ` +
      '“' +
      name +
      '”, or remove those photos and add them again.',
  );
}
