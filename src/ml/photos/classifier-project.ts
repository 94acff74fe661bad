/**
 * The user's own classifiers ("projects"), TF-free: their shape in storage and in the UI, and
 * the rules about names and sample counts. The worker stores them (classifier-store.ts).
 */

export interface ClassInfo {
  /** Stable id: renaming a class keeps its samples. */
  id: string;
  name: string;
}

/** One completed training run, kept so the user sees how the classifier improved over time. */
export interface TrainingRecord {
  at: string;
  samples: number;
  epochs: number;
  validationAccuracy: number | null;
  seconds: number;
  backend: string;
  warmStarted: boolean;
}

export interface ClassifierProject {
  id: string;
  name: string;
  classes: ClassInfo[];
  /** The bundled head this is a user copy of (fine-tuning), e.g. 'cats-dogs'. */
  basedOn?: string;
  createdAt: string;
  updatedAt: string;
  /** Set when samples or classes changed since the last training. */
  stale: boolean;
  history: TrainingRecord[];
  /** Keep the original photos too (off by default: thumbnails + features are enough to retrain). */
  keepOriginals: boolean;
}

export interface SampleSummary {
  id: string;
  classId: string;
  addedAt: string;
  /**
   * The thumbnail JPEG, for an object URL. Storage holds only its bytes (WebKit refuses Blobs in
   * IndexedDB in private browsing); the worker builds this Blob when reading.
   */
  thumbnail: Blob;
  hasOriginal: boolean;
  /** Backbone feature vectors ready: 0 while the photo is being prepared, 1 (the photo itself) is enough to train. */
  views: number;
}

/** Fewer samples than this in a class and the UI warns that the classifier will guess. */
export const MIN_SAMPLES_PER_CLASS = 5;
/**
 * The class id of "something else" samples: photos the user said are none of the classes. They
 * train no class; the rejector keeps them as negatives, so similar photos are "none of these".
 */
export const NEGATIVE_CLASS_ID = 'something-else';
export const RECOMMENDED_SAMPLES_PER_CLASS = 20;
export const MAX_CLASSES = 50;
export const MAX_NAME_LENGTH = 60;

/** Model ids of user classifiers in the Classify picker. */
export const USER_MODEL_PREFIX = 'user:';
export const userModelId = (projectId: string) => `${USER_MODEL_PREFIX}${projectId}`;
export const projectIdOf = (modelId: string) =>
  modelId.startsWith(USER_MODEL_PREFIX) ? modelId.slice(USER_MODEL_PREFIX.length) : null;

/** Trims a class or classifier name and says what is wrong with it, or returns it. */
export function cleanName(raw: string, what: 'class' | 'classifier', taken: string[] = []): string {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) throw new RangeError(`Give the ${what} a name.`);
  if (name.length > MAX_NAME_LENGTH)
    throw new RangeError(`That ${what} name is too long (at most ${MAX_NAME_LENGTH} characters).`);
  // eslint-disable-next-line no-control-regex
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new RangeError(`The ${what} name contains characters that cannot be shown.`);
  if (taken.some((t) => t.toLowerCase() === name.toLowerCase()))
    throw new RangeError(`There is already a ${what} called “${name}”.`);
  return name;
}

export interface ClassWarning {
  classId: string;
  name: string;
  count: number;
  message: string;
}

/** Classes that cannot be learnt well yet; training needs two classes with at least one sample each. */
export function sampleWarnings(project: ClassifierProject, counts: Map<string, number>): ClassWarning[] {
  return project.classes.flatMap((c) => {
    const count = counts.get(c.id) ?? 0;
    if (count >= MIN_SAMPLES_PER_CLASS) return [];
    const message =
      count === 0
        ? `“${c.name}” has no photos yet.`
        : `“${c.name}” has only ${count} photo${count === 1 ? '' : 's'}: add at least ${MIN_SAMPLES_PER_CLASS} (${RECOMMENDED_SAMPLES_PER_CLASS} or more works best).`;
    return [{ classId: c.id, name: c.name, count, message }];
  });
}

export function newId(): string {
  return crypto.randomUUID();
}

let sequence = 0;
/**
 * Sample ids sort in the order the photos were added (time, then a counter, then randomness for
 * uniqueness), so the seeded validation split sees the samples in a reproducible order.
 */
export function newSampleId(now = Date.now()): string {
  const seq = (sequence = (sequence + 1) % 1_679_616).toString(36).padStart(4, '0');
  return `s${now.toString(36).padStart(9, '0')}-${seq}-${crypto.randomUUID().slice(0, 8)}`;
}

/** FNV-1a over a photo's pixels: the seed of its augmented views, so the same photo always gets the same ones. */
export function pixelSeed(data: ArrayLike<number>): number {
  let h = 0x811c9dc5;
  const step = Math.max(1, Math.floor(data.length / 65536));
  for (let i = 0; i < data.length; i += step) h = Math.imul(h ^ data[i], 0x01000193);
  return h >>> 0;
}
