/// <reference lib="webworker" />
/** The ML worker: owns TF.js, the backend and every tensor. The UI reaches it through api.ts. */
import { expose } from 'comlink';
import './csp-violations';
import { HEARTBEAT_MS, heartbeatMessage } from '../contract/heartbeat-message';
import type { EngineStartOptions, HeldOutSamples, MlApi, Prediction } from '../contract/ml-api';
import type { BackendName } from '../ml/core/backend';
import { topK } from '../ml/core/metrics';
import type { DatasetId } from '../ml/digits/datasets';
import { inkFromRgba, preprocessDigit } from '../ml/digits/digit-preprocess';
import { predictProbabilities } from '../ml/digits/mlp-training';
import { prepareBackbone } from './backbone-cache';
import { runBenchmark } from './benchmark-session';
import { cancelRun, runSignal } from './cancellation';
import {
  addSamples,
  classifierDetail,
  createClassifier,
  deleteClass,
  deleteClassifier,
  deleteSamples,
  listClassifiers,
  updateClassifier,
} from './classifier-session';
import { correctClassification, spoilNextTrainingForTest, trainClassifierHead } from './classifier-training';
import { exportClassifier, importClassifier } from './classifier-transfer';
import { loseDeviceForTest } from './device-loss';
import { bundledModel, digitModelInUse } from './digit-models';
import { currentBackend, onEngineChange, engineReady as ready, startEngine, survivingLoss } from './engine';
import { forgetHeadVersions, headVersions, useHeadVersion } from './head-versions';
import { heldOutSamples } from './held-out-samples';
import { classifyImage, explainImage, listImageModels } from './image-models';
import { saveLast, train } from './mlp-session';
import { mlpInUse, mlpVersions, useMlpVersion } from './mlp-versions';
import { featureProgress, featuresReady, takeFeatureTimings } from './sample-features';
import { tf } from './tf-browser';
import { loadUserModel } from './user-models';

// The page's watchdog reads this: a worker frozen while starting (see src/app/engine-connection.ts) stops beating.
setInterval(() => postMessage(heartbeatMessage()), HEARTBEAT_MS);

function describe(probs: Float32Array, classes: string[], model: Prediction['model'], k = 3): Prediction {
  return { top: topK(probs, k).map((index) => ({ index, label: classes[index], p: probs[index] })), model };
}

let lastInput: Float32Array | null = null;

const api: MlApi = {
  async init(preferred: BackendName | 'auto' = 'auto', options: EngineStartOptions = {}) {
    if (options.freezeForTest) for (;;); // never returns, never beats: what the watchdog exists for
    return startEngine(preferred, options);
  },

  async backend() {
    return ready();
  },

  async predictDigit(image) {
    await ready();
    const input = preprocessDigit(inkFromRgba(image), image.width, image.height);
    lastInput = input;
    if (!input) return null;
    return survivingLoss(async () => {
      const { model, card, source } = await digitModelInUse('mnist');
      return describe(await predictProbabilities(model, input, 1), card.classes, source);
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

  async digitModelInUse(dataset) {
    await ready();
    return mlpInUse(dataset);
  },

  async mlpVersions(dataset) {
    await ready();
    return mlpVersions(dataset);
  },

  async useMlpVersion(dataset, versionId) {
    await ready();
    return useMlpVersion(dataset, versionId);
  },

  async train(dataset, config, callbacks, trainLimit, run) {
    const { signal, done } = runSignal(run);
    try {
      await ready();
      return await train(dataset, config, callbacks, trainLimit, signal);
    } finally {
      done();
    }
  },

  async cancel(run) {
    cancelRun(run);
  },

  async saveTrained() {
    await ready();
    return saveLast();
  },

  async resetToBundled(dataset) {
    await ready();
    await useMlpVersion(dataset, 'bundled');
  },

  async heldOutSamples(dataset: DatasetId, count: number): Promise<HeldOutSamples> {
    await ready();
    return heldOutSamples(dataset, count);
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
    await deleteClassifier(id);
    await forgetHeadVersions(id);
  },

  async addSamples(id, classId, images, onProgress) {
    // No engine needed to store a photo: it shows at once, its features follow (sample-features.ts).
    return addSamples(id, classId, images, onProgress);
  },

  async featureProgress(id) {
    return featureProgress(id);
  },

  async deleteSamples(id, sampleIds) {
    return deleteSamples(id, sampleIds);
  },

  async trainClassifier(id, callbacks, run) {
    const { signal, done } = runSignal(run);
    try {
      await ready();
      return await trainClassifierHead(id, callbacks, signal);
    } finally {
      done();
    }
  },

  async classifierVersions(id) {
    return headVersions(id);
  },

  async useClassifierVersion(id, versionId) {
    await ready();
    return useHeadVersion(id, versionId);
  },

  async exportClassifier(id, includeSamples, onWaiting) {
    await ready();
    await featuresReady(id, 'all', onWaiting); // the file carries every view of every photo
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
    onEngineChange(cb);
  },

  async loseDeviceForTest() {
    await ready();
    return loseDeviceForTest();
  },

  async spoilNextTrainingForTest() {
    spoilNextTrainingForTest();
  },

  async memory() {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },

  async benchmark() {
    await ready();
    return runBenchmark(currentBackend()?.threads);
  },

  async featureTimings() {
    return takeFeatureTimings();
  },
};

expose(api);
