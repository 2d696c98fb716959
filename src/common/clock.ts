/**
 * The one place that reads the machine's time. Everything else asks the injected Clock,
 * so tests and replays control time (STYLE: every side effect behind a provider).
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests move by hand, without sleeping. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * The system clock shifted by an offset the owner moves: `npm run demo` writes a realistic history
 * weeks in the past through the real API, then sets the offset to zero and runs on real time.
 */
export class ShiftedClock extends Clock {
  private offsetMs = 0;
  private readonly system = new SystemClock();

  now(): Date {
    return new Date(this.system.now().getTime() + this.offsetMs);
  }
  /** Makes `now()` read `at` at this moment (time then runs on from there). */
  jumpTo(at: Date | string): void {
    this.offsetMs = new Date(at).getTime() - this.system.now().getTime();
  }
  toRealTime(): void {
    this.offsetMs = 0;
  }
}
