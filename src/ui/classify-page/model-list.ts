import type { ReactiveControllerHost } from 'lit';
import { ml } from '../../app/ml-client';
import type { ImageModelInfo } from '../../contract/ml-api';
import { messageOf } from './format';
import { pickModel, saveModelId } from './model-choice';

/** The photo models the worker offers, and the one chosen (remembered for the next visit). */
export class ModelList {
  all: ImageModelInfo[] = [];
  loading = true;
  error = '';
  chosen = '';
  /** The listing in progress: classification waits for it. */
  loaded: Promise<void> = Promise.resolve();

  /** The host is updated whenever what the picker shows changes. */
  constructor(private readonly host: ReactiveControllerHost) {}

  /** Lists the models again; the saved choice is kept if it is still offered. */
  load(): Promise<void> {
    this.loaded = this.list();
    return this.loaded;
  }

  /** After a failed or empty listing (offline at first), look again before the next try. */
  reloadIfNone() {
    if (!this.loading && this.all.length === 0) void this.load();
  }

  choose(id: string) {
    this.chosen = id;
    saveModelId(id);
    this.host.requestUpdate();
  }

  title(modelId: string | undefined) {
    return this.all.find((m) => m.id === modelId)?.title ?? modelId ?? '';
  }

  classes(modelId: string) {
    return this.all.find((m) => m.id === modelId)?.classes ?? [];
  }

  private async list() {
    this.loading = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      this.all = await ml().listImageModels();
      this.chosen = pickModel(this.all);
    } catch (e) {
      this.error = `The photo models could not be listed: ${messageOf(e)}`;
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }
}
