/**
 * A live value of one record (an audit's journeys, a journey's steps), tagged with whose it is.
 * When the panel switches audits or journeys, a subscription hands the previous one's value to
 * one more render before it resets; a view that takes it for the new one's shows a wrong count,
 * or a form that starts from the wrong defaults ("New journey" after "Create audit" used to start
 * from the previous audit's task and brands). This gives null until the value is the key's own.
 */
import { useSubscription, type Subscribe } from '../../components/shared/hooks';

interface Of<T> {
  key: string | null;
  value: T;
}

/**
 * The latest value of `subscribe` for `key` (null until it arrives); `deps` and `resetOn` as in
 * useSubscription (both [key] by default).
 */
export function useLiveOf<T>(
  key: string | null,
  subscribe: Subscribe<T>,
  deps: readonly unknown[] = [key],
  resetOn: readonly unknown[] = deps,
): T | null {
  const tagged = useSubscription<Of<T> | null>(
    (onValue, onError) => subscribe((value) => onValue({ key, value }), onError),
    null,
    deps,
    resetOn,
  );
  return tagged?.key === key ? tagged.value : null;
}
