/**
 * What "Make available offline" downloads: every bundled model and data set, file by file with
 * sizes, so the app can show the total before starting and what is stored afterwards. Made at
 * build time from models/ and public/data/ (offline-index-plugin.ts), imported as a virtual module.
 */
export type OfflineKind = 'backbone' | 'head' | 'digits' | 'data';

export interface OfflineFile {
  url: string;
  bytes: number;
  /** Hex SHA-256 of the file as built: a stored copy that differs is damaged. */
  sha256: string;
}

export interface OfflineGroup {
  /** e.g. 'resnet50', 'heads/cats-dogs', 'data/mnist'. */
  id: string;
  kind: OfflineKind;
  title: string;
  /** Which runtime cache the service worker reads these files from. */
  cache: 'models' | 'data';
  files: OfflineFile[];
}

export const OFFLINE_INDEX_MODULE = 'virtual:pv-offline-index';
