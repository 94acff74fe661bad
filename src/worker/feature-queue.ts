/**
 * The order in which added photos get their backbone features (plain code, no TF.js: unit-tested).
 * Every photo first gets its 'first' view (the photo: enough to train on, one backbone pass),
 * before any photo gets its 'crops' (mirror and the two jittered crops); within a stage, oldest first.
 * Deleting a photo drops its queued work. Per classifier it counts the photos of the current
 * round (since its queue was last empty), for "Preparing 3 of 8 photos".
 */

export type FeatureStage = 'first' | 'crops';

export interface FeatureJob {
  projectId: string;
  sampleId: string;
  stage: FeatureStage;
}

/** One classifier's round of photos being prepared. */
export interface FeatureRound {
  /** Photos in this round. */
  total: number;
  /** Of them, with the photo view ready (usable for training). */
  usable: number;
  /** Of them, with every view ready. */
  ready: number;
  /** Ids still waiting for their photo view, and those waiting for mirror and crops. */
  preparing: string[];
  finishing: string[];
}

export class FeatureQueue {
  private jobs: FeatureJob[] = [];
  private running: FeatureJob | null = null;
  private rounds = new Map<string, { total: number; usable: number; ready: number }>();

  /** Queues the work a sample still needs; a sample already queued is not queued twice. */
  add(projectId: string, sampleId: string, stages: FeatureStage[]): void {
    const fresh = stages.filter((stage) => !this.has(sampleId, stage));
    if (!fresh.length) return;
    if (!this.busy(projectId)) this.rounds.set(projectId, { total: 0, usable: 0, ready: 0 });
    const round = this.rounds.get(projectId)!;
    if (!this.has(sampleId)) {
      round.total++;
      if (!fresh.includes('first')) round.usable++;
    }
    for (const stage of fresh) this.jobs.push({ projectId, sampleId, stage });
  }

  /** Takes the next job: any photo's first views before any photo's crops. */
  take(): FeatureJob | null {
    const i = this.jobs.findIndex((j) => j.stage === 'first');
    const at = i >= 0 ? i : this.jobs.length ? 0 : -1;
    if (at < 0) return null;
    this.running = this.jobs.splice(at, 1)[0];
    return this.running;
  }

  /** The running job finished (or failed: then its sample is left as it is, for the next visit). */
  finish(job: FeatureJob, ok: boolean): void {
    if (this.running === job) this.running = null;
    const round = this.rounds.get(job.projectId);
    if (ok) {
      if (round && job.stage === 'first') round.usable++;
      if (round && !this.has(job.sampleId)) round.ready++;
      return;
    }
    // A failure (or a photo deleted meanwhile) leaves the round: its other work goes too.
    this.jobs = this.jobs.filter((j) => j.sampleId !== job.sampleId);
    if (round) {
      round.total--;
      if (job.stage === 'crops') round.usable--;
    }
  }

  /** Drops queued work for deleted samples (a running job's result is thrown away by the store). */
  remove(sampleIds: Iterable<string>): void {
    const gone = new Set(sampleIds);
    const dropped = new Map<string, FeatureJob[]>();
    for (const j of this.jobs)
      if (gone.has(j.sampleId)) dropped.set(j.sampleId, [...(dropped.get(j.sampleId) ?? []), j]);
    this.jobs = this.jobs.filter((j) => !gone.has(j.sampleId));
    for (const [id, jobs] of dropped) {
      const round = this.rounds.get(jobs[0].projectId);
      // A running job of the same photo settles the count when it finishes.
      if (!round || this.running?.sampleId === id) continue;
      round.total--;
      if (!jobs.some((j) => j.stage === 'first')) round.usable--;
    }
  }

  /** Drops everything queued for a classifier (deleted, or one of its classes deleted: pass its sample ids). */
  removeProject(projectId: string): void {
    this.jobs = this.jobs.filter((j) => j.projectId !== projectId);
    if (this.running?.projectId !== projectId) this.rounds.delete(projectId);
  }

  /** Whether the sample has work queued or running (at `stage`, if given). */
  has(sampleId: string, stage?: FeatureStage): boolean {
    const match = (j: FeatureJob | null) => !!j && j.sampleId === sampleId && (!stage || j.stage === stage);
    return match(this.running) || this.jobs.some(match);
  }

  /** Whether the classifier has work queued or running, at `stage` if given. */
  busy(projectId: string, stage?: FeatureStage): boolean {
    const match = (j: FeatureJob | null) => !!j && j.projectId === projectId && (!stage || j.stage === stage);
    return match(this.running) || this.jobs.some(match);
  }

  round(projectId: string): FeatureRound {
    const r = this.rounds.get(projectId) ?? { total: 0, usable: 0, ready: 0 };
    const all = [...(this.running ? [this.running] : []), ...this.jobs].filter((j) => j.projectId === projectId);
    const preparing = [...new Set(all.filter((j) => j.stage === 'first').map((j) => j.sampleId))];
    const finishing = [...new Set(all.map((j) => j.sampleId))].filter((id) => !preparing.includes(id));
    if (!all.length) return { total: 0, usable: 0, ready: 0, preparing, finishing };
    return { ...r, preparing, finishing };
  }

  /** Queued jobs in the order they will run (tests, and the bench). */
  pending(): FeatureJob[] {
    return [...this.jobs.filter((j) => j.stage === 'first'), ...this.jobs.filter((j) => j.stage === 'crops')];
  }
}
