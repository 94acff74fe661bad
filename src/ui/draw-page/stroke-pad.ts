/**
 * Pointer drawing on a canvas: smooth round strokes, pen/touch/mouse alike, sized to the
 * canvas so the MNIST preprocessing sees strokes about as thick as the originals.
 */
export class StrokePad {
  private last: { x: number; y: number } | null = null;
  private readonly ctx: CanvasRenderingContext2D;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onChange: () => void,
  ) {
    this.ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    canvas.addEventListener('pointerdown', this.down);
    canvas.addEventListener('pointermove', this.move);
    canvas.addEventListener('pointerup', this.up);
    canvas.addEventListener('pointercancel', this.up);
  }

  /** Matches the backing store to the displayed size × device pixel ratio. */
  resize(): void {
    const r = this.canvas.getBoundingClientRect();
    const dpr = Math.min(devicePixelRatio || 1, 2);
    const w = Math.max(1, Math.round(r.width * dpr));
    if (this.canvas.width !== w) {
      this.canvas.width = w;
      this.canvas.height = w;
    }
  }

  clear(): void {
    this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.onChange();
  }

  image(): ImageData {
    return this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
  }

  destroy(): void {
    this.canvas.removeEventListener('pointerdown', this.down);
    this.canvas.removeEventListener('pointermove', this.move);
    this.canvas.removeEventListener('pointerup', this.up);
    this.canvas.removeEventListener('pointercancel', this.up);
  }

  /** A straight stroke between two points given as fractions of the pad (the keyboard pen). */
  strokeBetween(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const w = this.canvas.width;
    const h = this.canvas.height;
    this.segment({ x: a.x * w, y: a.y * h }, { x: b.x * w, y: b.y * h });
  }

  private point(e: PointerEvent) {
    const r = this.canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - r.left) / r.width) * this.canvas.width,
      y: ((e.clientY - r.top) / r.height) * this.canvas.height,
    };
  }

  private readonly down = (e: PointerEvent) => {
    e.preventDefault();
    this.canvas.setPointerCapture?.(e.pointerId);
    this.last = this.point(e);
    this.segment(this.last, this.last);
  };

  private readonly move = (e: PointerEvent) => {
    if (!this.last) return;
    e.preventDefault();
    const events = e.getCoalescedEvents?.() ?? [e];
    for (const ev of events.length ? events : [e]) {
      const p = this.point(ev);
      this.segment(this.last, p);
      this.last = p;
    }
  };

  private readonly up = () => {
    this.last = null;
  };

  private segment(a: { x: number; y: number }, b: { x: number; y: number }) {
    const ctx = this.ctx;
    ctx.strokeStyle = '#000';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = this.canvas.width * 0.06;
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
    this.onChange();
  }
}
