/**
 * Group commit: calls made in the same tick, or while the previous group is being written, are
 * written together by one `write` of the whole group, so N concurrent callers cost a few database
 * requests instead of a few each. Each caller gets its own item's result, or the group's error.
 */
export class GroupCommit<T, R> {
  private queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxGroup = 200,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroup);
      try {
        const results = await this.write(group.map((g) => g.item));
        group.forEach((g, i) => g.resolve(results[i]!));
      } catch (e) {
        for (const g of group) g.reject(e);
      }
    }
    this.writing = false;
  }
}
