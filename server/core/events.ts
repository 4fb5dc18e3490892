import { EventEmitter } from 'node:events';

/** In-process domain events between modules (e.g. grants changed → sessions reload). */
export type EventMap = {
  /** An account's grants, password or status changed; cached sessions must reload. */
  'account.changed': [accountId: string];
  /** An activity's fields, state or leave changed; caches drop it and live views refresh. */
  'activity.changed': [countyCode: string, activityId: string];
};

/** A typed event bus. */
export class Events {
  private emitter = new EventEmitter();
  on<K extends keyof EventMap>(name: K, fn: (...args: EventMap[K]) => void) {
    this.emitter.on(name, fn as (...a: unknown[]) => void);
  }
  emit<K extends keyof EventMap>(name: K, ...args: EventMap[K]) {
    this.emitter.emit(name, ...args);
  }
}
