interface Entry<T> {
  readonly dueAt: number;
  readonly order: number;
  readonly item: T;
}

/**
 * A min-heap of items by when they are due, ties in the order they were added: the simulation's agenda. The total
 * order is what keeps a run deterministic whatever the heap's internal layout.
 */
export class DueQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private added = 0;

  get size(): number {
    return this.heap.length;
  }

  push(dueAt: number, item: T): void {
    this.heap.push({ dueAt, order: this.added++, item });
    let index = this.heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >>> 1;
      if (!this.before(index, parent)) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  /** When the next item is due; `Infinity` when there is none. */
  peekDueAt(): number {
    return this.heap[0]?.dueAt ?? Infinity;
  }

  pop(): { readonly dueAt: number; readonly item: T } | undefined {
    const top = this.heap[0];
    if (top === undefined) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < this.heap.length && this.before(left, smallest)) smallest = left;
        if (right < this.heap.length && this.before(right, smallest)) smallest = right;
        if (smallest === index) break;
        this.swap(index, smallest);
        index = smallest;
      }
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b]!, this.heap[a]!];
  }
}
