/** What a write needs of a transaction: its commit and a way to abandon it. */
interface WriteTransaction {
  done: Promise<void>;
  abort(): void;
}

/**
 * Queues a transaction's requests through `queue` and waits for every one of them and the commit: all or nothing.
 * A request the browser refuses on the spot (a record without its key, a value it cannot store) throws right away
 * and does not abort the transaction by itself; this aborts it then, so what was queued before is not written either.
 */
export async function writeAll(tx: WriteTransaction, queue: (add: (request: Promise<unknown>) => void) => void): Promise<void> {
  const pending: Promise<unknown>[] = [tx.done];
  try {
    queue((request) => pending.push(request));
  } catch (error) {
    tx.abort();
    await Promise.allSettled(pending);
    throw error;
  }
  await Promise.all(pending);
}
