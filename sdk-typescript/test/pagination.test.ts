import { describe, expect, it } from 'vitest';
import { clientFor, FakeFetch, json } from './fake-fetch.js';

describe('listAll', () => {
  it('walks every page of models by cursor, fetching a page only when the iteration reaches it', async () => {
    const fake = new FakeFetch().answer(
      json({ data: [{ id: 21 }, { id: 22 }], has_more: true, next_cursor: 'MjI' }),
      json({ data: [{ id: 23 }], has_more: false, next_cursor: null }),
    );
    const { client } = clientFor(fake);

    const ids: number[] = [];
    for await (const model of client.models.listAll({ limit: 2 })) {
      ids.push(model.id);
      if (ids.length === 1) expect(fake.sent).toHaveLength(1);
    }

    expect(ids).toEqual([21, 22, 23]);
    expect(fake.sent.map((sent) => sent.url.search)).toEqual(['?limit=2', '?limit=2&cursor=MjI']);
  });

  it('stops when has_more is false, whatever next_cursor says', async () => {
    const fake = new FakeFetch().answer(json({ data: [{ id: 21 }], has_more: false, next_cursor: 'stale' }));
    const { client } = clientFor(fake);

    const ids: number[] = [];
    for await (const model of client.models.listAll()) ids.push(model.id);

    expect(ids).toEqual([21]);
    expect(fake.sent).toHaveLength(1);
  });

  it('stops fetching when the loop breaks', async () => {
    const fake = new FakeFetch().answer(json({ data: [{ id: 21 }, { id: 22 }], has_more: true, next_cursor: 'MjI' }));
    const { client } = clientFor(fake);

    for await (const model of client.models.listAll()) {
      expect(model.id).toBe(21);
      break;
    }

    expect(fake.sent).toHaveLength(1);
  });

  it('walks audit events with their filters on every page', async () => {
    const fake = new FakeFetch().answer(
      json({ data: [{ id: 'a' }], has_more: true, next_cursor: 'b' }),
      json({ data: [{ id: 'b' }], has_more: false, next_cursor: null }),
    );
    const { client } = clientFor(fake);

    const ids: string[] = [];
    for await (const event of client.auditEvents.listAll({ object_type: 'model', object_id: '21' })) ids.push(event.id);

    expect(ids).toEqual(['a', 'b']);
    expect(fake.sent.map((sent) => sent.url.search)).toEqual([
      '?object_type=model&object_id=21',
      '?object_type=model&object_id=21&cursor=b',
    ]);
  });
});
