/**
 * Drawing with the keyboard, for people who cannot use a finger or a mouse: the arrow keys move a
 * pen over the pad (Shift for small steps), Space puts it down or lifts it, and while it is down
 * every move draws. Positions are fractions of the pad (0..1), so the pad's size does not matter.
 */
export interface PenState {
  x: number;
  y: number;
  down: boolean;
}

const STEP = 0.05;
const FINE_STEP = 0.01;
const MOVES: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

const clamp = (v: number) => Math.min(0.97, Math.max(0.03, v));

export class KeyboardPen {
  private pen: PenState = { x: 0.5, y: 0.5, down: false };

  constructor(
    private readonly target: HTMLElement,
    private readonly draw: (from: PenState, to: PenState) => void,
    private readonly onMove: (pen: PenState) => void,
  ) {
    target.addEventListener('keydown', this.key);
    target.addEventListener('blur', this.lift);
  }

  get state(): PenState {
    return { ...this.pen };
  }

  destroy(): void {
    this.target.removeEventListener('keydown', this.key);
    this.target.removeEventListener('blur', this.lift);
  }

  private readonly lift = () => {
    if (!this.pen.down) return;
    this.pen = { ...this.pen, down: false };
    this.onMove(this.state);
  };

  private readonly key = (e: KeyboardEvent) => {
    const move = MOVES[e.key];
    if (move) {
      const step = e.shiftKey ? FINE_STEP : STEP;
      const next = {
        x: clamp(this.pen.x + move[0] * step),
        y: clamp(this.pen.y + move[1] * step),
        down: this.pen.down,
      };
      if (next.down) this.draw(this.pen, next);
      this.pen = next;
    } else if (e.key === ' ' || e.key === 'Enter') {
      this.pen = { ...this.pen, down: !this.pen.down };
      if (this.pen.down) this.draw(this.pen, this.pen); // a dot where the pen lands
    } else if (e.key === 'Escape') {
      if (!this.pen.down) return; // let Escape do its usual job
      this.pen = { ...this.pen, down: false };
    } else {
      return;
    }
    e.preventDefault(); // arrows and Space would scroll the page
    this.onMove(this.state);
  };
}
