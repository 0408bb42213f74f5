/**
 * Holds callers until `parties` have arrived, then lets them all go at once; after `maxWaitMs`
 * it lets go anyway (so a serialized backend cannot hang the test). Used as a sync hook to make
 * parallel pushes really overlap between their reads and their INSERT.
 */
export class Barrier {
  private waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  arrivals = 0;

  constructor(
    private readonly parties: number,
    private readonly maxWaitMs = 2000,
  ) {}

  arrive = (): Promise<void> =>
    new Promise<void>((resolve) => {
      this.arrivals += 1;
      this.waiting.push(resolve);
      if (this.waiting.length >= this.parties) this.release();
      else this.timer ??= setTimeout(() => this.release(), this.maxWaitMs);
    });

  private release(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const all = this.waiting;
    this.waiting = [];
    all.forEach((resolve) => resolve());
  }
}

/** A gate a test opens by hand. */
export function gate(): { wait: () => Promise<void>; open: () => void; reached: Promise<void> } {
  let open!: () => void;
  let reach!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const reached = new Promise<void>((r) => (reach = r));
  return {
    wait: () => {
      reach();
      return opened;
    },
    open,
    reached,
  };
}
