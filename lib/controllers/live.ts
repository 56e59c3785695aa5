/** Live values the page controllers hand to the views: subscribe, get values and errors. */

/** A live value: calls `onValue` with each new value, `onError` on failure; returns unsubscribe. */
export type Subscribe<T> = (
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
) => () => void;

/** A Subscribe that gives one value at once and never changes. */
export function constant<T>(value: T): Subscribe<T> {
  return (onValue) => {
    onValue(value);
    return () => {};
  };
}

/** A Subscribe that gives nothing (a value the view does not wait for yet). */
export const never: Subscribe<never> = () => () => {};
