import type { RouteName } from "./routes-names.js";

/** Calls and answered status codes of one route. */
export interface RouteCounter {
  calls: number;
  /** Count per HTTP status; "reset" and "hang" for faults that gave no status. */
  statuses: Record<string, number>;
}

/** Plain-data copy of the counters. */
export interface CountersSnapshot {
  routes: Partial<Record<RouteName, RouteCounter>>;
  transcriptsCreated: number;
  uploads: number;
  webhookAttempts: number;
}

/** Counters per route, readable by tests (e.g. "a resumed run created no second transcript"). */
export class Counters {
  #routes = new Map<RouteName, RouteCounter>();
  transcriptsCreated = 0;
  uploads = 0;
  webhookAttempts = 0;

  /** The counter of one route (zeros when never called). */
  route(name: RouteName): RouteCounter {
    const c = this.#routes.get(name);
    return c ? { calls: c.calls, statuses: { ...c.statuses } } : { calls: 0, statuses: {} };
  }

  /** Calls of one route. */
  calls(name: RouteName): number {
    return this.#routes.get(name)?.calls ?? 0;
  }

  recordCall(name: RouteName): void {
    this.#get(name).calls++;
  }

  recordOutcome(name: RouteName, outcome: number | "reset" | "hang"): void {
    const c = this.#get(name);
    const key = String(outcome);
    c.statuses[key] = (c.statuses[key] ?? 0) + 1;
  }

  snapshot(): CountersSnapshot {
    const routes: Partial<Record<RouteName, RouteCounter>> = {};
    for (const [name] of this.#routes) routes[name] = this.route(name);
    return { routes, transcriptsCreated: this.transcriptsCreated, uploads: this.uploads, webhookAttempts: this.webhookAttempts };
  }

  reset(): void {
    this.#routes.clear();
    this.transcriptsCreated = 0;
    this.uploads = 0;
    this.webhookAttempts = 0;
  }

  #get(name: RouteName): RouteCounter {
    let c = this.#routes.get(name);
    if (!c) {
      c = { calls: 0, statuses: {} };
      this.#routes.set(name, c);
    }
    return c;
  }
}
