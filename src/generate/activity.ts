// Who acts and when. Realistic: a user in proportion to activity x mean engagement (alias table),
// then a day by rejection sampling from engagement(user, day) x calendarFactor(day), so churners
// fade before their churn date and have nothing after it. None: uniform user, uniform day.
import { EVENT_DAYS, MAX_CALENDAR_FACTOR, calendarFactor } from './calendar.js';
import type { Rng } from './rng.js';
import { engagement, type UserModel } from './user-model.js';

export class ActivitySampler {
  constructor(private readonly users: UserModel) {}

  user(rng: Rng): number {
    const sampler = this.users.userSampler;
    return sampler ? sampler.sample(rng) : rng.int(this.users.n);
  }

  /** Day index (days since 2024-01-01) of an event by user u. */
  day(rng: Rng, u: number): number {
    if (!this.users.realistic) return rng.int(EVENT_DAYS);
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const d = rng.int(EVENT_DAYS);
      if (rng.float() * MAX_CALENDAR_FACTOR < engagement(this.users, u, d) * calendarFactor(d)) return d;
    }
    // Unreachable for the planted profiles (engagement is 1 for months); a safe answer regardless.
    return 0;
  }
}
