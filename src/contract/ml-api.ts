/**
 * The one typed API between the UI and the ML worker. The UI imports only types from here,
 * never TF.js; every call crosses the Comlink bridge (src/app/ml-client.ts).
 */

import type { VariantBenchmark } from '../ml/core/backbone-benchmark';
import type { BackendChoice, BackendName } from '../ml/core/backend-names';
import type { BackboneBenchmark, MlpBenchmark } from '../ml/core/benchmark';
import type { Confusion } from '../ml/core/metrics';
import type { Comparison, Verdict } from '../ml/core/model-versions';
import type { DatasetId } from '../ml/digits/datasets';
import type { MlpCard } from '../ml/digits/mlp-card';
import type { MlpConfig } from '../ml/digits/mlp-config';
import type { BatchReport, EpochReport } from '../ml/digits/mlp-training';
import type { BackboneVariant } from '../ml/photos/backbone-spec';
import type { ClassifierProject, ClassWarning, SampleSummary } from '../ml/photos/classifier-project';
import type { Verdict as AnswerVerdict } from '../ml/photos/verdict';

export type {
  BackboneBenchmark,
  BackendChoice,
  BackendName,
  BatchReport,
  ClassifierProject,
  ClassWarning,
  Comparison,
  Confusion,
  DatasetId,
  EpochReport,
  MlpBenchmark,
  MlpCard,
  MlpConfig,
  SampleSummary,
  Verdict,
};

/** Names one long run (a training) so that the page can cancel it: `ml().cancel(run)`. */
export type RunToken = string;

/** A token no other run in this page has (randomUUID needs a secure context; this does not). */
export const newRunToken = (): RunToken => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Which MLP answers: the bundled one, or the user's saved retrain of it. */
export type DigitModelSource = 'bundled' | 'user';

export interface Prediction {
  /** Class indices with probabilities, most likely first. */
  top: { index: number; label: string; p: number }[];
  /** The model in use that answered. */
  model: DigitModelSource;
}

/**
 * The model in use for a data set or classifier, as every page shows it ("Using: your model
 * (3 Dec, 98.7%)"): the worker decides, the pages only show it.
 */
export interface ModelInUse {
  kind: DigitModelSource;
  /** As measured when it was made; undefined when not measured. */
  accuracy?: number;
  /** ISO date it was trained (the user's own). */
  trainedAt?: string;
  versionId?: string;
}

/** One kept version of a user model, for the Versions list. */
export interface ModelVersionInfo {
  id: string;
  savedAt: string;
  accuracy: number | null;
  /** Photos or images it learned from. */
  samples: number;
  inUse: boolean;
}

/** After a save or retrain: how the new model compares with the one in use, and which is in use now. */
export interface VersionDecision {
  comparison: Comparison;
  /** True: the new model is now in use. False: it was worse, the one in use stays; the new one is kept as a version. */
  adopted: boolean;
  /** The new model's version id ("Use the new one anyway"). */
  versionId: string;
}

/** What Save on /train did. */
export interface MlpSaveResult extends VersionDecision {
  saved: UserModelInfo;
  /** Accuracy of the bundled model on the same test set: a saved model worse than it gets a warning. */
  bundledAccuracy: number;
  inUse: ModelInUse;
}

export interface DatasetProgress {
  dataset: DatasetId;
  loadedBytes: number;
  totalBytes: number;
}

export interface TrainingOutcome {
  history: EpochReport[];
  stopped: boolean;
  testAccuracy: number;
  confusion: Confusion;
  classes: string[];
  secondsPerEpoch: number;
  backend: string;
  /** Compared with the model in use on the same official test set. */
  comparison: Comparison;
  /** The bundled model on the same test set. */
  bundledAccuracy: number;
}

export interface HeldOutSamples {
  /** count × 784 bytes, ink high. */
  images: Uint8Array;
  labels: number[];
  predictions: number[];
  classes: string[];
}

export interface UserModelInfo {
  dataset: DatasetId;
  card: MlpCard;
}

export interface TrainCallbacks {
  onBatch?: (r: BatchReport) => void;
  onEpoch?: (r: EpochReport) => void;
  onDataProgress?: (p: DatasetProgress) => void;
}

/** A model the Classify section can use: the backbone plus one of these heads. */
export interface ImageModelInfo {
  id: string;
  title: string;
  classes: string[];
  source: 'bundled' | 'user';
  /** Held-out accuracy from the model card, when known. */
  accuracy?: number;
  /** For a user copy of a bundled model: which one. */
  basedOn?: string;
}

export interface ClassifierOverview {
  project: ClassifierProject;
  /** Samples per class id. */
  counts: Record<string, number>;
  trained: boolean;
}

export interface ClassifierDetail {
  project: ClassifierProject;
  samples: SampleSummary[];
  warnings: ClassWarning[];
  trained: boolean;
}

export interface AddSamplesResult {
  added: string[];
  /** Photos that could not be used, with the reason in plain words. */
  failed: { name: string; message: string }[];
}

export interface ClassifierTrainCallbacks {
  onBatch?: (r: BatchReport) => void;
  onEpoch?: (r: EpochReport) => void;
  /** Training waits for photos still being prepared (no features for the photo yet): how many, as it changes. */
  onWaiting?: (photos: number) => void;
}

/**
 * A classifier's photos being prepared in the background (their backbone features), counted over
 * the current round: the photos added since its queue was last empty.
 */
/** One background feature job as the worker timed it (`npm run bench` compares photos' gaps with the pass). */
export interface FeatureJobTiming {
  stage: 'first' | 'crops';
  /** Views computed in this job's one backbone call. */
  views: number;
  /** The backbone call alone, and the whole job (reading the photo, decoding, storing). */
  passMs: number;
  jobMs: number;
  /** When the job ended, worker clock (ms). */
  endedAt: number;
}

export interface FeatureProgress {
  /** Photos in this round (0: nothing is being prepared). */
  total: number;
  /** Of them, with the photo view ready: usable for training. */
  usable: number;
  /** Of them, with every view ready (the jittered crops too). */
  ready: number;
  /** Ids still waiting for their photo view. */
  preparing: string[];
  /** Ids usable, still waiting for their mirror and crops. */
  finishing: string[];
}

export interface ClassifierTrainingReport {
  history: EpochReport[];
  stopped: boolean;
  /** On the held-out validation photos, or on the training photos when a class has too few to hold any out. */
  accuracy: number;
  measuredOn: 'validation' | 'training';
  confusion: Confusion;
  perClass: number[];
  /** Sample ids behind each confusion cell [true][predicted]: tapping a cell shows them. */
  cells: string[][][];
  classes: string[];
  seconds: number;
  samples: number;
  warmStarted: boolean;
  backend: string;
  /** Compared with the head in use on the same photos; kept or put in use accordingly. */
  decision: VersionDecision;
}

export interface ImportedClassifier {
  project: ClassifierProject;
  samples: number;
}

export interface BackboneProgress {
  phase: 'download' | 'warmup' | 'ready';
  loadedBytes: number;
  totalBytes: number;
}

export interface ClassifyOptions {
  /** Average the photo and its mirror image; default: as the model was measured (its card). */
  tta?: boolean;
}

export interface ImageClassification {
  /** Most likely first; `label` is plain text (may come from a user's import: never render as HTML). */
  top: { index: number; label: string; p: number }[];
  /** True when the top probability is under the confidence threshold: say "not sure". */
  notSure: boolean;
  /**
   * What to tell the user (src/ml/photos/verdict.ts): "sure" → the class, "unsure" → "Not sure —
   * X or Y?", "none" → "None of these" (the photo is far from everything the model was trained
   * on; `top[0]` is then only a hint). Absent from models that have no open-set data yet.
   */
  verdict?: AnswerVerdict;
  /** Milliseconds in the worker: decode + preprocess + backbone + head. */
  ms: number;
  modelId: string;
  /** How the photo was read, when the user should know (e.g. only an animated GIF's first frame). */
  note?: string;
}

export interface EngineStartOptions {
  /** False: WASM runs single-threaded (threads hung at start-up in this browser before). */
  wasmThreads?: boolean;
  /** Test hook: freeze this worker (as Firefox's thread-pool hang does) so the page's watchdog must act. */
  freezeForTest?: boolean;
  /** Which stored form of the photo model to load (Settings' photo model download); absent: the default. */
  backboneVariant?: BackboneVariant;
  /** Benchmarks: at most this many WASM threads (`?threads=N`), as a stand-in for a small phone. */
  wasmThreadLimit?: number;
}

/** A backend switch the worker made on its own: `lost` stopped working (its GPU device was lost). */
export interface BackendChange {
  choice: BackendChoice;
  lost: BackendName;
}

export interface WorkerBenchmark extends MlpBenchmark {
  headTrainSamplesPerSecond: number;
  backbone: BackboneBenchmark | null;
  /** Each photo model variant: download bytes, cold start, steady time per input side. */
  variants?: VariantBenchmark[];
  /** WASM threads it ran on. */
  threads?: number;
}

export interface MlApi {
  /** Picks (or forces) a backend; safe to call again to switch. */
  init(preferred?: BackendName | 'auto', options?: EngineStartOptions): Promise<BackendChoice>;
  backend(): Promise<BackendChoice>;

  /** Reads a drawn digit with the MNIST model in use (RGBA pixels of the canvas; ink = dark or opaque strokes). */
  predictDigit(image: ImageData): Promise<Prediction | null>;
  /** The 28×28 input the model saw for the last drawing, for display (784 floats in [0, 1]). */
  lastDigitInput(): Promise<Float32Array | null>;

  /** Card of the user's saved model for a data set, or null. */
  userModel(dataset: DatasetId): Promise<UserModelInfo | null>;
  bundledCard(dataset: DatasetId): Promise<MlpCard>;
  /** The MLP in use for a data set: the user's saved one, else the bundled one. */
  digitModelInUse(dataset: DatasetId): Promise<ModelInUse>;
  /** Kept versions of the user's MLP for a data set, newest first. */
  mlpVersions(dataset: DatasetId): Promise<ModelVersionInfo[]>;
  /** Puts a kept version (or the bundled model) in use for the data set. */
  useMlpVersion(dataset: DatasetId, versionId: string | 'bundled'): Promise<ModelInUse>;

  /**
   * Trains a fresh MLP on the data set in the worker. `trainLimit` uses only the first N
   * training images (quick runs); the test set is always the full official one.
   */
  train(
    dataset: DatasetId,
    config: MlpConfig,
    callbacks: TrainCallbacks,
    trainLimit: number | undefined,
    run: RunToken,
  ): Promise<TrainingOutcome>;
  /** Asks the run named `run` (a training, MLP or classifier) to stop after its current batch. */
  cancel(run: RunToken): Promise<void>;
  /**
   * Keeps the last trained model as a version and puts it in use unless it is worse than the
   * one in use on the same test set (then the one in use stays; useMlpVersion switches anyway).
   */
  saveTrained(): Promise<MlpSaveResult>;
  /** The data set goes back to the bundled model; the user's model stays in the Versions list. */
  resetToBundled(dataset: DatasetId): Promise<void>;
  /** Test images with the predictions of the last trained model (or the bundled one). */
  heldOutSamples(dataset: DatasetId, count: number): Promise<HeldOutSamples>;
  /** Image models for the picker (bundled heads; later the user's own). */
  listImageModels(): Promise<ImageModelInfo[]>;
  /** Downloads (or reads from cache) and warms up the ResNet50 backbone; safe to call repeatedly. */
  prepareBackbone(onProgress?: (p: BackboneProgress) => void): Promise<void>;
  /**
   * Classifies a photo: a Blob/File from the gallery, paste or share (decoded in the worker with
   * EXIF orientation), or an ImageBitmap grabbed from the camera (transfer it).
   */
  classifyImage(
    image: Blob | ImageBitmap,
    modelId: string,
    topK?: number,
    options?: ClassifyOptions,
  ): Promise<ImageClassification>;
  /** "Where did it look?": a Grad-CAM heat map for one class over the photo's centre crop (JPEG). */
  explainImage(image: Blob | ImageBitmap, modelId: string, classIndex: number): Promise<Blob>;

  /** The user's classifiers (Teach section). */
  listClassifiers(): Promise<ClassifierOverview[]>;
  classifier(id: string): Promise<ClassifierDetail>;
  createClassifier(name: string, classNames: string[]): Promise<ClassifierProject>;
  updateClassifier(
    id: string,
    change: { name?: string; keepOriginals?: boolean; addClass?: string; renameClass?: { id: string; name: string } },
  ): Promise<ClassifierProject>;
  deleteClass(id: string, classId: string): Promise<void>;
  deleteClassifier(id: string): Promise<void>;
  /**
   * Photos for one class: each is stored at once (`onProgress` gets its summary, to show it
   * straight away); their backbone features follow in the background (see featureProgress).
   */
  addSamples(
    id: string,
    classId: string,
    images: (Blob | ImageBitmap)[],
    onProgress?: (done: number, total: number, added?: SampleSummary) => void,
  ): Promise<AddSamplesResult>;
  /** How far the background preparation of the classifier's photos is. */
  featureProgress(id: string): Promise<FeatureProgress>;
  deleteSamples(id: string, sampleIds: string[]): Promise<void>;
  trainClassifier(id: string, callbacks: ClassifierTrainCallbacks, run: RunToken): Promise<ClassifierTrainingReport>;
  /** Kept versions of a classifier's head (those made for its current classes), newest first. */
  classifierVersions(id: string): Promise<ModelVersionInfo[]>;
  /** Puts a kept version of the head back in use. */
  useClassifierVersion(id: string, versionId: string): Promise<void>;
  /**
   * One file (zip) with the head, its card and, if asked, the samples. Waits until every photo's
   * features are ready (`onWaiting`: how many photos it waits for), so the file carries all views.
   */
  exportClassifier(
    id: string,
    includeSamples: boolean,
    onWaiting?: (photos: number) => void,
  ): Promise<{ blob: Blob; fileName: string }>;
  /** Validates the whole file before writing anything; a bad file changes nothing. */
  importClassifier(file: Blob): Promise<ImportedClassifier>;
  /**
   * "This is wrong → it is X" from Classify: adds the photo to the user's copy of the model
   * (created on first use), retrains it, and returns the copy's model id. `className` null is
   * "Something else": the photo is kept as a negative example (none of the classes), so similar
   * photos come back as "None of these".
   */
  correctClassification(
    image: Blob | ImageBitmap,
    modelId: string,
    className: string | null,
  ): Promise<{ modelId: string; report: ClassifierTrainingReport }>;

  /** Registers the UI's callback for switches the worker makes on its own (the GPU was lost → next backend). */
  onBackendChange(cb: (change: BackendChange) => void): Promise<void>;
  /** Test hook (the page exposes it with ?test): loses the GPU device as a driver reset would; false without one. */
  loseDeviceForTest(): Promise<boolean>;
  /** Test hook (?test): the next classifier training ends with a useless head (to check it does not replace a better one). */
  spoilNextTrainingForTest(): Promise<void>;

  /** Live tensor count and bytes in the worker: the leak tests and the settings page read it. */
  memory(): Promise<{ numTensors: number; numBytes: number }>;

  /** Measures speed on the current backend (npm run bench): MLP, head training, ResNet50 backbone. */
  benchmark(): Promise<WorkerBenchmark>;

  /** Bench hook (?bench): the Teach feature jobs timed since the last call (which clears them). */
  featureTimings(): Promise<FeatureJobTiming[]>;
}
