/** The worker's one connection to the classifier database, opened on first use and shared by every session module. */
import { ClassifierStore } from './classifier-store';

let opened: Promise<ClassifierStore> | null = null;

export const store = () => (opened ??= ClassifierStore.open());
