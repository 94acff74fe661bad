/** A small classifier and its samples, as the classifier store tests build them. */
import { type ClassifierProject, newId } from '../../src/ml/photos/classifier-project';
import type { SampleRecord } from '../../src/worker/classifier-store';

export const now = () => new Date().toISOString();

export function project(): ClassifierProject {
  return {
    id: newId(),
    name: 'Leaves',
    classes: [
      { id: 'oak', name: 'oak leaf' },
      { id: 'maple', name: 'maple leaf' },
    ],
    createdAt: now(),
    updatedAt: now(),
    stale: false,
    history: [],
    keepOriginals: false,
  };
}

/** A sample whose 8 features and thumbnail byte are `value`, so samples can be told apart. */
export function sample(projectId: string, classId: string, value = 1): SampleRecord {
  return {
    id: newId(),
    projectId,
    classId,
    addedAt: now(),
    views: 1,
    features: new Float32Array(8).fill(value).buffer,
    thumbnail: { type: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff, value]).buffer },
  };
}
