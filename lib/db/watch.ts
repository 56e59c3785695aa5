/** Live queries: re-run a read whenever the tables it touched change (in any extension context). */
import { liveQuery } from 'dexie';

export function watchQuery<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}
