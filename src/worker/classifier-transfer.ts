/** Export and import of the user's classifiers as one file (the shared format in src/ml/formats/classifier-bundle.ts). */

import type { ImportedClassifier } from '../contract/ml-api';
import { UserError } from '../ml/core/errors';
import {
  BUNDLE_EXTENSION,
  type BundleSample,
  readClassifierBundle,
  writeClassifierBundle,
} from '../ml/formats/classifier-bundle';
import { headFromBundle } from '../ml/formats/head-bundle';
import { BACKBONE_FEATURE_SIZE, BACKBONE_ID } from '../ml/photos/backbone-spec';
import { DEFAULT_CONFIDENCE_THRESHOLD, ttaFields } from '../ml/photos/bundled-heads';
import {
  type ClassifierProject,
  NEGATIVE_CLASS_ID,
  newId,
  newSampleId,
  type TrainingRecord,
} from '../ml/photos/classifier-project';
import { sniffImage } from '../ml/photos/image-sniff';
import { NEGATIVE } from '../ml/photos/open-set';
import { decodeBank, isOpenSetSpec, type StoredOpenSet } from '../ml/photos/open-set-bank';
import { backboneVariant, backboneVersion } from './backbone-cache';
import { requireMatchingFeatures } from './backbone-match';
import type { HeadRecord, SampleRecord } from './classifier-store';
import { bundledPhotoSide } from './head-cache';
import { store } from './store';

const safeFileName = (name: string) =>
  name
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 40) || 'classifier';

export async function exportClassifier(id: string, includeSamples: boolean): Promise<{ blob: Blob; fileName: string }> {
  const s = await store();
  const project = await s.getProject(id);
  const head = await s.getHead(id);
  if (!head)
    throw new UserError(
      'not-found',
      `Train “${project.name}” before exporting it: the file carries the trained model.`,
    );
  const classes = head.classIds.map((cid) => project.classes.find((c) => c.id === cid));
  if (classes.some((c) => !c))
    throw new UserError(
      'not-found',
      `A class of “${project.name}” changed since it was trained: train it again, then export.`,
    );
  const samples: BundleSample[] = [];
  if (includeSamples) {
    const stored = await s.samples(id);
    // The file names this device's backbone version: its photos' features must be that variant's.
    requireMatchingFeatures(stored, project.name);
    for (const x of stored) {
      // "Something else" photos travel inside the rejector's bank (open-set.bin), not as samples.
      if (!head.classIds.includes(x.classId)) continue;
      samples.push({
        classIndex: head.classIds.indexOf(x.classId),
        views: x.views,
        features: new Float32Array(x.features),
        thumbnail: new Uint8Array(x.thumbnail.bytes),
        original: x.original ? new Uint8Array(x.original.bytes) : undefined,
        addedAt: x.addedAt,
      });
    }
  }
  const last = project.history.at(-1);
  const bytes = await writeClassifierBundle({
    card: {
      id: project.id,
      title: project.name,
      classes: classes.map((c) => c!.name),
      backbone: { id: BACKBONE_ID, version: await backboneVersion() },
      metrics: last?.validationAccuracy != null ? { validationAccuracy: last.validationAccuracy } : undefined,
      ...ttaFields('flip'), // trained on the photo and its mirror image (SAMPLE_VIEWS)
      confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
      ...(head.openSet ? { openSet: head.openSet.spec } : {}),
      project: {
        classIds: head.classIds,
        basedOn: project.basedOn,
        // How the photos' features were made: a copy of CIFAR-10 sees them as 32 px thumbnails.
        seenAs: await bundledPhotoSide(project.basedOn),
        history: project.history,
        createdAt: project.createdAt,
      },
    },
    modelTopology: head.modelTopology,
    weightSpecs: head.weightSpecs,
    weightData: head.weightData,
    samples: includeSamples ? samples : undefined,
    ...(head.openSet ? { openSetBank: new Uint8Array(head.openSet.bank) } : {}),
  });
  return {
    blob: new Blob([bytes as BlobPart], { type: 'application/zip' }),
    fileName: `${safeFileName(project.name)}${BUNDLE_EXTENSION}`,
  };
}

/** Training history from a file is only shown, but still must have the expected shape. */
function isTrainingRecord(r: unknown): r is TrainingRecord {
  const x = r as Record<string, unknown>;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.at === 'string' &&
    typeof x.samples === 'number' &&
    typeof x.epochs === 'number' &&
    typeof x.seconds === 'number' &&
    typeof x.backend === 'string' &&
    (x.validationAccuracy === null || typeof x.validationAccuracy === 'number')
  );
}

/** A name not yet used on this device: "Leaves", then "Leaves (2)"... */
function freeName(name: string, taken: string[]): string {
  const lower = taken.map((t) => t.toLowerCase());
  if (!lower.includes(name.toLowerCase())) return name;
  for (let n = 2; ; n++) if (!lower.includes(`${name} (${n})`.toLowerCase())) return `${name} (${n})`;
}

/** The MIME type an original photo's bytes say they are ('' when unknown: decoders sniff anyway). */
function mimeOf(bytes: Uint8Array): string {
  const format = sniffImage(bytes).format;
  return format ? `image/${format}` : '';
}

export async function importClassifier(file: Blob): Promise<ImportedClassifier> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const bundle = await readClassifierBundle(bytes, {
    backboneId: BACKBONE_ID,
    backboneVersion: await backboneVersion(),
    featureDim: BACKBONE_FEATURE_SIZE,
  });
  (await headFromBundle(bundle)).dispose(); // TF.js must be able to load it too, before anything is stored
  const s = await store();
  const now = new Date().toISOString();
  const extra = (bundle.card.project ?? {}) as {
    history?: ClassifierProject['history'];
    basedOn?: string;
    createdAt?: string;
    seenAs?: number;
  };
  // A file from before copies saw thumbnails has none: its photos are then redone from their thumbnails.
  const seenAs = typeof extra.seenAs === 'number' && extra.seenAs > 0 ? { seenAs: extra.seenAs } : {};
  // Fresh ids: importing the same file twice gives two classifiers, never a silent overwrite.
  const project: ClassifierProject = {
    id: newId(),
    name: freeName(
      bundle.card.title || 'Imported classifier',
      (await s.listProjects()).map((p) => p.name),
    ),
    classes: bundle.card.classes.map((name) => ({ id: newId(), name })),
    basedOn: typeof extra.basedOn === 'string' ? extra.basedOn : undefined,
    createdAt: typeof extra.createdAt === 'string' ? extra.createdAt : now,
    updatedAt: now,
    stale: false,
    history: Array.isArray(extra.history) ? extra.history.filter(isTrainingRecord).slice(-100) : [],
    keepOriginals: false,
  };
  const classIds = project.classes.map((c) => c.id);
  const head: HeadRecord = {
    projectId: project.id,
    modelTopology: bundle.modelTopology,
    weightSpecs: bundle.weightSpecs,
    weightData: bundle.weightData,
    classIds,
    trainedAt: now,
    // An older file has none: the classifier then simply never says "none of these".
    ...(bundle.openSetBank && isOpenSetSpec(bundle.card.openSet)
      ? { openSet: { spec: bundle.card.openSet, bank: bundle.openSetBank.slice().buffer as ArrayBuffer } }
      : {}),
  };
  const samples: SampleRecord[] = (bundle.samples ?? []).map((x) => ({
    id: newSampleId(),
    projectId: project.id,
    classId: classIds[x.classIndex],
    addedAt: x.addedAt,
    views: x.views,
    features: x.features.slice().buffer as ArrayBuffer,
    // The file was checked against this device's backbone version, so its features are this variant's.
    backbone: backboneVariant(),
    ...seenAs,
    // Bytes, not Blobs (WebKit refuses Blobs in IndexedDB in private browsing); copied, so no view keeps the whole file alive.
    thumbnail: { type: 'image/jpeg', bytes: (x.thumbnail ?? new Uint8Array()).slice().buffer as ArrayBuffer },
    ...(x.original ? { original: { type: mimeOf(x.original), bytes: x.original.slice().buffer as ArrayBuffer } } : {}),
  }));
  // "Something else" photos came inside the bank: kept as samples again, so a retrain here keeps them.
  const negatives = head.openSet
    ? negativeSamples(head.openSet, project.id, now).map((n) => ({ ...n, ...seenAs }))
    : [];
  await s.importProject(project, [...samples, ...negatives], head);
  return { project, samples: samples.length };
}

/** The bank's "something else" rows as samples (features only: the photos did not travel). */
function negativeSamples(openSet: StoredOpenSet, projectId: string, addedAt: string): SampleRecord[] {
  const { spec } = openSet;
  const bank = decodeBank(new Uint8Array(openSet.bank), spec.rows, spec.dim);
  const out: SampleRecord[] = [];
  bank.labels.forEach((label, r) => {
    if (label !== NEGATIVE) return;
    out.push({
      id: newSampleId(),
      projectId,
      classId: NEGATIVE_CLASS_ID,
      addedAt,
      views: 1,
      features: bank.vectors.slice(r * spec.dim, (r + 1) * spec.dim).buffer as ArrayBuffer,
      thumbnail: { type: 'image/jpeg', bytes: new ArrayBuffer(0) },
    });
  });
  return out;
}
