import { html, LitElement } from 'lit';
import { query, state } from 'lit/decorators.js';
import { tokens } from '../shared/tokens.styles';
import { styles } from './photo-picker.styles';

/** Fired (bubbles, composed) with the photos chosen, dropped or pasted, in their original order. */
export const PHOTOS_EVENT = 'pv-photos';
export type PhotoSource = 'gallery' | 'drop' | 'paste';
export type PhotosEvent = CustomEvent<{ files: File[]; source: PhotoSource }>;

/** Image files from a clipboard; screenshots paste as image items, copied files as file items. */
export function clipboardImages(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file' || !item.type.startsWith('image/')) continue;
    const f = item.getAsFile();
    if (f) files.push(f);
  }
  if (files.length === 0) for (const f of Array.from(data.files ?? [])) if (f.type.startsWith('image/')) files.push(f);
  return files;
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Photos from the gallery (a button that opens the file input), drag and drop onto the zone,
 * or paste anywhere on the page while this element is connected.
 */
export class PhotoPicker extends LitElement {
  static styles = [tokens, styles];

  @query('input[type=file]') private input!: HTMLInputElement;
  @state() private over = false;

  private readonly onPaste = (e: ClipboardEvent) => {
    const files = clipboardImages(e.clipboardData);
    if (files.length === 0) return; // plain text paste: leave it alone
    e.preventDefault();
    this.emit(files, 'paste');
  };

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('paste', this.onPaste);
  }

  disconnectedCallback(): void {
    window.removeEventListener('paste', this.onPaste);
    super.disconnectedCallback();
  }

  /** Opens the system photo picker. */
  open(): void {
    this.input.click();
  }

  private emit(files: File[], source: PhotoSource) {
    if (files.length === 0) return;
    this.dispatchEvent(new CustomEvent(PHOTOS_EVENT, { detail: { files, source }, bubbles: true, composed: true }));
  }

  private chosen() {
    const files = Array.from(this.input.files ?? []);
    this.input.value = ''; // choosing the same photo again fires change again
    this.emit(files, 'gallery');
  }

  private dragOver(e: DragEvent) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    this.over = true;
  }

  private dragLeave(e: DragEvent) {
    const to = e.relatedTarget as Node | null;
    if (to && (e.currentTarget as HTMLElement).contains(to)) return;
    this.over = false;
  }

  private drop(e: DragEvent) {
    e.preventDefault();
    this.over = false;
    this.emit(Array.from(e.dataTransfer?.files ?? []), 'drop');
  }

  render() {
    return html`
      <div
        class="zone ${this.over ? 'over' : ''}"
        data-testid="photo-drop"
        data-over=${this.over ? 'yes' : 'no'}
        @dragenter=${this.dragOver}
        @dragover=${this.dragOver}
        @dragleave=${this.dragLeave}
        @drop=${this.drop}
      >
        <button class="pick" data-testid="photo-pick" @click=${this.open} aria-describedby="photo-hint">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M21 19V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2zM8.5 13.5l2.5 3 3.5-4.5 4.5 6H5l3.5-4.5z"></path></svg
          >Choose photos
        </button>
        <p id="photo-hint" class="hint">${this.over ? 'Drop to classify' : 'or drop photos here, or paste one'}</p>
        <input
          class="visually-hidden"
          type="file"
          accept="image/*"
          multiple
          tabindex="-1"
          aria-label="Choose photos"
          data-testid="photo-input"
          @change=${this.chosen}
        />
      </div>
    `;
  }
}
