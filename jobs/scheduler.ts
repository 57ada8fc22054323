// Periodic work. Each tick is enqueued with a deterministic unique key (name + time slot), so any number of
// scheduler processes produce one job per slot, and a restart never repeats a slot.
import type { Db } from '../server/db/index.js';
import type { Logger } from '../server/logger.js';
import { enqueue } from '../server/services/queue/index.js';

export interface Schedule {
  name: string;
  everyMs: number;
  payload?: unknown;
}

export function slotKey(schedule: Schedule, at: Date): string {
  return `${schedule.name}@${Math.floor(at.getTime() / schedule.everyMs)}`;
}

/** Enqueues the current slot of every schedule; returns how many were new. */
export async function enqueueDueTicks(db: Db, schedules: Schedule[], now = new Date()): Promise<number> {
  let created = 0;
  for (const s of schedules) {
    if (await enqueue(db, s.name, s.payload ?? {}, { uniqueKey: slotKey(s, now), maxAttempts: 1 })) created++;
  }
  return created;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly schedules: Schedule[],
    private readonly log: Logger,
    private readonly checkEveryMs = 5_000,
  ) {}

  start(): void {
    const tick = () =>
      enqueueDueTicks(this.db, this.schedules).catch((e) => this.log.error({ event: 'scheduler.tick.failed', err: String(e) }));
    void tick();
    this.timer = setInterval(tick, this.checkEveryMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
