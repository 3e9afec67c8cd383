import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A view in a chunk of its own, loaded when first wanted (its libraries stay out of Home's first load).
 * `load` must be a stable function (module level), so the view is loaded once.
 */
export function useLazyView<P>(wanted: boolean, load: () => Promise<FunctionComponent<P>>) {
  const [view, setView] = useState<FunctionComponent<P>>();
  useEffect(() => {
    if (wanted && !view) void load().then((loaded) => setView(() => loaded));
  }, [wanted, view, load]);
  return view;
}
