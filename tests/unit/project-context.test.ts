// The project context's events and the tab sync that carries them to other tabs (Node has BroadcastChannel, and
// fake-indexeddb stands in for the browser's storage where the context asks which project is open).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { databaseName, on, type ProjectEvent, publish } from '../../src/state/project-context';
import { startTabSync } from '../../src/state/tab-sync';

describe('project context events', () => {
  it('waits for every listener, and one that fails keeps none of the others from hearing', async () => {
    const heard: string[] = [];
    const stops = [
      on('images-deleted', async ({ sha256s }) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        heard.push(`slow ${sha256s.join()}`);
      }),
      on('images-deleted', () => {
        throw new Error('this store could not read again');
      }),
      on('images-deleted', ({ origin }) => {
        heard.push(`quick ${origin}`);
      }),
      on('images-added', () => {
        heard.push('not this type');
      }),
    ];
    const quiet = console.error;
    console.error = () => undefined;
    try {
      await publish({ type: 'images-deleted', sha256s: ['x'], origin: 'this-tab' });
    } finally {
      console.error = quiet;
    }
    expect(heard.sort()).toEqual(['quick this-tab', 'slow x']);

    stops.forEach((stop) => stop());
    await publish({ type: 'images-deleted', sha256s: ['y'], origin: 'this-tab' });
    expect(heard).toHaveLength(2);
  });
});

describe('tab sync', () => {
  it("passes this tab's shared events to other tabs on the project, and publishes theirs here as from another tab", async () => {
    const stop = startTabSync();
    const otherTab = new BroadcastChannel('recognition-workbench');
    const received: unknown[] = [];
    otherTab.onmessage = ({ data }) => received.push(data);
    const heardHere: ProjectEvent[] = [];
    const stopHearing = on('images-deleted', (event) => {
      heardHere.push(event);
    });
    try {
      const database = await databaseName();
      await publish({ type: 'images-deleted', sha256s: ['mine'], origin: 'this-tab' });
      await publish({ type: 'project-opened', database }); // not shared
      await expect.poll(() => received).toEqual([{ database, event: { type: 'images-deleted', sha256s: ['mine'], origin: 'this-tab' } }]);

      otherTab.postMessage({ database: 'another-project', event: { type: 'images-deleted', sha256s: ['elsewhere'], origin: 'this-tab' } });
      otherTab.postMessage({ database, event: { type: 'images-deleted', sha256s: ['theirs'], origin: 'this-tab' } });
      await expect.poll(() => heardHere.length).toBe(2);
      expect(heardHere[1]).toEqual({ type: 'images-deleted', sha256s: ['theirs'], origin: 'other-tab' });
      // What another tab did is not sent back out.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toHaveLength(1);
    } finally {
      stopHearing();
      otherTab.close();
      stop();
    }
  });
});
