import { useCallback, useEffect, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { AttentionItem } from '../api/types.js';

/** The event's open or resolved attention items, read on mount and again at each resync; null until the first read. */
export function useAttentionItems(api: Endpoints, eventId: string, status: 'open' | 'resolved', resync: number) {
  const [items, setItems] = useState<AttentionItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setItems((await api.attention(eventId, status)).items);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api, eventId, status]);
  useEffect(() => {
    void load();
  }, [load, resync]);
  return { items, error, reload: load };
}
