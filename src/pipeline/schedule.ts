// Runs a run's steps in dependency order, one at a time or several side by side (`--concurrency N`,
// and the ML layer's worker threads, `--threads N`).
// Steps are taken in groups of consecutive steps of one layer (the runner's order keeps a layer
// together except for steps that wait for a later layer, such as gold's scorecard); before a group
// starts, the runner closes the layers before it (silver and gold publish as units), so only steps of
// one layer ever run at once, and a step starts only once every step of its group it depends on has
// finished. With a concurrency of 1 this is exactly the old loop: each step in order, one by one.

export interface ScheduleHooks {
  /** Before the first step of a group of one layer starts (the runner closes earlier layers here). */
  beforeGroup(layer: string): Promise<void>;
  /** Run one step on slot `slot` (0 .. concurrency-1; a slot is one connection). */
  runStep(name: string, slot: number): Promise<void>;
}

export interface ScheduleOptions {
  concurrency: number;
  /** A layer's own limit (at most `concurrency`, the number of slots): the ML layer runs more steps at once than SQL layers. */
  concurrencyOf?(layer: string): number;
  signal?: AbortSignal;
  layerOf(name: string): string;
  dependsOn(name: string): readonly string[];
  /**
   * Expected cost of a step (the runner's figures: src/pipeline/step-cost.ts). When several steps of
   * a group are ready and more than one slot is free, the step with the costliest chain ahead of it
   * (its own cost and that of the longest line of steps of its group that wait for it) starts first,
   * so neither a long step nor the first link of a long chain starts last and holds the group up
   * alone. A step without a figure counts as a little less than nothing; ties keep the given order.
   * With one slot the order is the given order.
   */
  costOf?(name: string): number | undefined;
}

/** The steps in layer groups of consecutive names, in order. */
function layerGroups(order: readonly string[], layerOf: (name: string) => string): string[][] {
  const groups: string[][] = [];
  for (const name of order) {
    const last = groups.at(-1);
    if (last && layerOf(last[0]) === layerOf(name)) last.push(name);
    else groups.push([name]);
  }
  return groups;
}

/**
 * Each step's cost plus the costliest chain of steps of the group that wait for it (directly or
 * through others): what is still ahead once it starts. Without costOf every chain is worth the same.
 */
function chainCosts(group: readonly string[], options: ScheduleOptions): Map<string, number> {
  const inGroup = new Set(group);
  const waiting = new Map<string, string[]>(group.map((name) => [name, []]));
  for (const name of group) for (const dep of options.dependsOn(name)) if (inGroup.has(dep)) waiting.get(dep)!.push(name);
  const chain = new Map<string, number>();
  // The group is in dependency order, so walking it backwards meets every waiting step first.
  for (const name of [...group].reverse()) {
    const after = Math.max(0, ...waiting.get(name)!.map((next) => chain.get(next) ?? 0));
    chain.set(name, (options.costOf?.(name) ?? -1) + after);
  }
  return chain;
}

/**
 * Run every step of `order`; returns the steps never started because the signal was aborted (a safe
 * point: the steps already running finish first). A step that throws (a runner error, not a failed
 * step, which runStep records itself) stops new starts; the error is rethrown once running steps end.
 */
export async function runScheduled(order: readonly string[], options: ScheduleOptions, hooks: ScheduleHooks): Promise<string[]> {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const notStarted = (started: ReadonlySet<string>) => order.filter((n) => !started.has(n));
  const started = new Set<string>();
  for (const group of layerGroups(order, options.layerOf)) {
    if (options.signal?.aborted) return notStarted(started);
    await hooks.beforeGroup(options.layerOf(group[0]));
    const inGroup = new Set(group);
    const finished = new Set<string>();
    const running = new Map<string, Promise<void>>();
    const slots = Math.max(1, Math.min(concurrency, Math.floor(options.concurrencyOf?.(options.layerOf(group[0])) ?? concurrency)));
    const freeSlots = Array.from({ length: slots }, (_, i) => slots - 1 - i);
    let failure: { error: unknown } | undefined;
    const ready = (name: string) => options.dependsOn(name).every((d) => !inGroup.has(d) || finished.has(d));
    const cost = chainCosts(group, options);
    const pick = (): string | undefined => {
      let best: string | undefined;
      for (const name of group) {
        if (started.has(name) || !ready(name)) continue;
        if (slots === 1) return name;
        if (best === undefined || cost.get(name)! > cost.get(best)!) best = name;
      }
      return best;
    };
    for (;;) {
      const stopping = failure !== undefined || options.signal?.aborted === true;
      const next = stopping || freeSlots.length === 0 ? undefined : pick();
      if (next === undefined) {
        if (running.size === 0) break;
        await Promise.race(running.values());
        continue;
      }
      started.add(next);
      const slot = freeSlots.pop()!;
      const task = hooks
        .runStep(next, slot)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          finished.add(next);
          running.delete(next);
          freeSlots.push(slot);
        });
      running.set(next, task);
    }
    if (failure) throw failure.error;
    if (options.signal?.aborted && group.some((n) => !started.has(n))) return notStarted(started);
  }
  return notStarted(started);
}
