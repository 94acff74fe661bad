/// <reference lib="webworker" />
/** The ML worker: owns TF.js, the backend and every tensor. The UI reaches it through api.ts. */
import { expose } from 'comlink';
import './csp-violations';
import { Backbone } from '../ml/backbone';
import { benchmarkBackbone, benchmarkHeadTraining, benchmarkMlp } from '../ml/benchmark';
import { chooseBackend, type BackendChoice, type BackendName } from '../ml/backend';
import { inkFromRgba, preprocessDigit } from '../ml/digit-preprocess';
import { DATASETS, PIXELS, type DatasetId } from '../ml/datasets';
import { topK } from '../ml/metrics';
import { makeRng, permutation } from '../ml/random';
import { predictProbabilities } from '../ml/train-mlp';
import type { BackendChange, EngineStartOptions, MlApi, Prediction, TestPreview } from './api';
import { bundledModelUrl } from './assets';
import { bundledModel, digitModel, forgetAll, forgetUserModel } from './digit-models';
import { BACKBONE_ID } from '../ml/backbone-spec';
import { prepareBackbone } from './backbone-cache';
import { classifyImage, explainImage, forgetImageModels, listImageModels } from './image-models';
import { lastTrained, saveLast, stop, train } from './mlp-session';
import { browserHost, tf, wasmThreads } from './tf-browser';
import { loadDataset } from './dataset-cache';
import { addSamples, classifierDetail, correctClassification, createClassifier, deleteClass, deleteClassifier, deleteSamples, listClassifiers, stopClassifierTraining, trainClassifierHead, updateClassifier } from './classifier-session';
import { exportClassifier, importClassifier } from './classifier-transfer';
import { deleteUserModel, loadUserModel } from './user-models';
import { deviceLost, dropLostBackend, loseDeviceForTest, lossMark, lostSince, untilLost, watchDevice } from './device-loss';
import { UserError } from '../ml/errors';
import { HEARTBEAT_MS, heartbeatMessage } from './heartbeat-message';

// The page's watchdog reads this: a worker frozen while starting (see src/app/engine-connection.ts) stops beating.
setInterval(() => postMessage(heartbeatMessage()), HEARTBEAT_MS);

let choice: BackendChoice | null = null;
let starting: Promise<BackendChoice> | null = null;
let lastInput: Float32Array | null = null;
let onBackendChange: ((change: BackendChange) => void) | null = null;

async function ready(): Promise<BackendChoice> {
  if (choice && deviceLost()) recover(choice.name); // lost before its event arrived
  return starting ?? choice ?? api.init('auto'); // a switch in progress comes first
}

/** The GPU under `lost` went away: move to the best remaining backend and tell the UI. */
function recover(lost: BackendName) {
  if (starting || choice?.name !== lost) return;
  // Threaded WASM first started mid-session, while drawings were being read, misread a digit in
  // some CI runs (cause not found yet); started single-threaded there it never has. Rare path.
  if (!tf.engine().registry.wasm) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  void api.init('auto').then((next) => onBackendChange?.({ choice: next, lost }), () => undefined);
}

/**
 * Runs a model call; if the GPU was lost during it, the call hangs or answers from dead textures, so
 * it runs again on the next backend. A camera frame is used up by the first try: that one asks for a retry.
 */
async function survivingLoss<T>(fn: () => Promise<T>, reusable: boolean): Promise<T> {
  await ready();
  const mark = lossMark();
  try {
    const result = await untilLost(fn());
    if (!lostSince(mark)) return result;
  } catch (e) {
    if (!lostSince(mark)) throw e;
  }
  if (!reusable) throw new UserError('backend-unavailable', "The phone's graphics chip reset while reading this photo. Tap “Try again”.");
  await ready();
  return fn();
}

function describe(probs: Float32Array, classes: string[], k = 3): Prediction {
  return { top: topK(probs, k).map((index) => ({ index, label: classes[index], p: probs[index] })) };
}

const api: MlApi = {
  async init(preferred: BackendName | 'auto' = 'auto', options: EngineStartOptions = {}) {
    if (options.freezeForTest) for (;;); // never returns, never beats: what the watchdog exists for
    starting = (async () => {
      // Threads can only be turned off before the WASM backend first starts.
      if (options.wasmThreads === false && !tf.engine().registry.wasm) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (choice) await Promise.all([forgetAll(), forgetImageModels()]);
      dropLostBackend(); // after its models are disposed, before choosing again
      choice = await chooseBackend(browserHost, preferred);
      if (choice.name === 'wasm') choice.threads = wasmThreads();
      watchDevice(choice.name, recover);
      return choice;
    })();
    try {
      return await starting;
    } finally {
      starting = null;
    }
  },

  async backend() {
    return ready();
  },

  async predictDigit(image, source) {
    await ready();
    const input = preprocessDigit(inkFromRgba(image), image.width, image.height);
    lastInput = input;
    if (!input) return null;
    return survivingLoss(async () => {
      const { model, card } = await digitModel('mnist', source);
      return describe(await predictProbabilities(model, input, 1), card.classes);
    }, true);
  },

  async lastDigitInput() {
    return lastInput;
  },

  async userModel(dataset) {
    await ready();
    const found = await loadUserModel(dataset);
    if (!found) return null;
    found.model.dispose();
    return { dataset, card: found.card };
  },

  async bundledCard(dataset) {
    await ready();
    return (await bundledModel(dataset)).card;
  },

  async train(dataset, config, callbacks, trainLimit) {
    await ready();
    return train(dataset, config, callbacks, trainLimit);
  },

  async stopTraining() {
    stop();
  },

  async saveTrained() {
    return saveLast();
  },

  async resetToBundled(dataset) {
    await deleteUserModel(dataset);
    await forgetUserModel(dataset);
  },

  async testPreview(dataset: DatasetId, count: number): Promise<TestPreview> {
    await ready();
    const test = await loadDataset(dataset, 'test');
    const model = lastTrained(dataset) ?? (await digitModel(dataset, 'user')).model;
    const picks = permutation(test.count, makeRng(count)).subarray(0, count);
    const images = new Uint8Array(count * PIXELS);
    const pixels = new Float32Array(count * PIXELS);
    picks.forEach((j, i) => {
      images.set(test.images.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
      for (let p = 0; p < PIXELS; p++) pixels[i * PIXELS + p] = test.images[j * PIXELS + p] / 255;
    });
    const probs = await predictProbabilities(model, pixels, count);
    const predictions = Array.from({ length: count }, (_, i) => topK(probs.subarray(i * 10, (i + 1) * 10), 1)[0]);
    return { images, labels: Array.from(picks, (j) => test.labels[j]), predictions, classes: DATASETS[dataset].classes };
  },

  async listImageModels() {
    return listImageModels();
  },

  async prepareBackbone(onProgress) {
    await ready();
    await prepareBackbone(onProgress);
  },

  async classifyImage(image, modelId, topK = 5, options = {}) {
    return survivingLoss(() => classifyImage(image, modelId, topK, options), image instanceof Blob);
  },

  async explainImage(image, modelId, classIndex) {
    await ready();
    return explainImage(image, modelId, classIndex);
  },

  async listClassifiers() {
    return listClassifiers();
  },

  async classifier(id) {
    return classifierDetail(id);
  },

  async createClassifier(name, classNames) {
    return createClassifier(name, classNames);
  },

  async updateClassifier(id, change) {
    return updateClassifier(id, change);
  },

  async deleteClass(id, classId) {
    return deleteClass(id, classId);
  },

  async deleteClassifier(id) {
    return deleteClassifier(id);
  },

  async addSamples(id, classId, images, onProgress) {
    await ready();
    return addSamples(id, classId, images, onProgress);
  },

  async deleteSamples(id, sampleIds) {
    return deleteSamples(id, sampleIds);
  },

  async trainClassifier(id, callbacks) {
    await ready();
    return trainClassifierHead(id, callbacks);
  },

  async stopClassifierTraining() {
    stopClassifierTraining();
  },

  async exportClassifier(id, includeSamples) {
    await ready();
    return exportClassifier(id, includeSamples);
  },

  async importClassifier(file) {
    await ready();
    return importClassifier(file);
  },

  async correctClassification(image, modelId, className) {
    await ready();
    return correctClassification(image, modelId, className);
  },

  async onBackendChange(cb) {
    onBackendChange = cb;
  },

  async loseDeviceForTest() {
    await ready();
    return loseDeviceForTest();
  },

  async memory() {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },

  async benchmark() {
    await ready();
    const mlp = await benchmarkMlp();
    const headTrainSamplesPerSecond = await benchmarkHeadTraining();
    // A fresh copy of the backbone, so "first call" really is the first one on this backend.
    const backbone = await tf
      .loadLayersModel(bundledModelUrl(BACKBONE_ID))
      .then(async (model) => {
        const b = new Backbone(model);
        const r = await benchmarkBackbone(b);
        b.dispose();
        return r;
      })
      .catch(() => null);
    return { ...mlp, headTrainSamplesPerSecond, backbone, threads: choice?.threads };
  },
};

expose(api);
